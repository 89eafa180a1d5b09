import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRepository } from '../accounts/account-repository.ts';
import { OrganizationRepository } from '../organizations/organization-repository.ts';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { purgeLinkThrottle } from './assessment-jobs.ts';
import { completeAssessment } from './complete-assessment.ts';

// The test clock starts on 2026-03-02 09:00 (Asia/Shanghai).
const PHQ9_MODERATE = [2, 2, 1, 1, 1, 1, 1, 1, 0]; // total 10, item 9 = 0
const PHQ9_ITEM9 = [0, 0, 0, 0, 0, 0, 0, 0, 1]; // total 1, item 9 > 0
const PHQ9_MINIMAL = [0, 1, 0, 0, 0, 1, 0, 0, 0];

describe.each(backends())('assessments API on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let communityA: string;
  let communityB: string;
  let mentalHealthId: string;
  let primaryCareId: string;
  const sessions: Record<string, TestSession> = {};
  const accountIds: Record<string, string> = {};
  let adult: string;
  let minor: string;
  let personB: string;

  const as = (who: string): TestSession => {
    const s = sessions[who];
    if (!s) throw new Error(`no session ${who}`);
    return s;
  };
  /** Moves the clock and signs everyone in again (sessions end after 30 idle minutes). */
  const advance = async (ms: number): Promise<void> => {
    ctx.clock.advance(ms);
    for (const [username, s] of Object.entries(sessions)) expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
  };
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]?.n);
  const consent = (personId: string, body: Record<string, unknown> = {}) =>
    as('doctor_a').request('POST', `/api/persons/${personId}/consents`, { purpose: 'assessment', textVersion: 'v1.0', method: 'signed_paper', givenBy: 'self', ...body });
  const register = async (who: string, body: Record<string, unknown>): Promise<string> => {
    const res = await as(who).request('POST', '/api/persons', body);
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const startAndSubmit = async (personId: string, answers: number[], who = 'doctor_a'): Promise<{ id: string; body: Record<string, unknown> }> => {
    const start = await as(who).request('POST', '/api/assessments', { personId, instrument: 'phq9', mode: 'in_person' });
    expect(start.statusCode).toBe(201);
    const id = start.json().id as string;
    const sub = await as(who).request('POST', `/api/assessments/${id}/submit`, { answers });
    expect(sub.statusCode).toBe(200);
    return { id, body: sub.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community: communityA } = await makeCommunity(ctx, '420102000000')); // 江岸区
    ({ community: communityB } = await makeCommunity(ctx, '420103000000')); // 江汉区
    const orgs = new OrganizationRepository(ctx.db);
    mentalHealthId = (await orgs.create({ type: 'mental_health_institution', name: '武汉市精神卫生中心', regionCode: '420100000000' })).id;
    const pc = await orgs.create({ type: 'primary_care', name: '测试社区卫生服务中心', regionCode: '420102000000' });
    primaryCareId = pc.id;
    await orgs.addCoverage(pc.id, communityA);
    const accounts: [string, Parameters<typeof makeAccount>[1]['role'], string, string | null][] = [
      ['doctor_a', 'primary_care_doctor', '420102000000', primaryCareId],
      ['doctor_b', 'primary_care_doctor', '420103000000', null],
      ['psychiatrist', 'psychiatrist', '420100000000', mentalHealthId],
      ['grid_a', 'grid_worker', communityA, null],
    ];
    for (const [username, role, regionCode, org] of accounts) {
      const account = await makeAccount(ctx, { role, regionCode, username });
      accountIds[username] = account.id;
      if (org) await new AccountRepository(ctx.db).addRole(account.id, role, regionCode, org);
      const s = new TestSession(app);
      expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[username] = s;
    }
    adult = await register('doctor_a', { name: '张三', sex: 'male', birthDate: '1980-05-17', residenceRegionCode: communityA });
    minor = await register('doctor_a', { name: '小明', sex: 'male', birthDate: '2015-01-01', residenceRegionCode: communityA });
    personB = await register('doctor_b', { name: '李四', sex: 'female', birthDate: '1975-01-02', residenceRegionCode: communityB });
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  describe('consent', () => {
    it('refuses an assessment without consent (CONSENT_REQUIRED, reason none) and writes nothing', async () => {
      const res = await as('doctor_a').request('POST', '/api/assessments', { personId: adult, instrument: 'phq9', mode: 'in_person' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CONSENT_REQUIRED' });
      expect(res.json().error.message).toMatch(/consent/i);
      expect(await count('assessments')).toBe(0);
    });

    it('records consent (names encrypted, timeline, audit) and then allows the assessment', async () => {
      const res = await consent(adult, { method: 'witnessed_verbal', witnessName: '王医生' });
      expect(res.statusCode).toBe(201);
      const row = (await ctx.db.query<{ witness_name_enc: string }>('SELECT witness_name_enc FROM consents WHERE id = $1', [res.json().id]))[0];
      expect(row?.witness_name_enc).not.toContain('王医生');
      const list = await as('doctor_a').request('GET', `/api/persons/${adult}/consents`);
      expect(list.json()).toMatchObject({ assessment: { valid: true, reason: null }, items: [{ witnessName: '王医生', method: 'witnessed_verbal' }] });
      expect(await count(`person_timeline WHERE person_id = $1 AND kind = 'consent.given'`, [adult])).toBe(1);
      const audit = await ctx.db.query<{ details: unknown }>(`SELECT details FROM audit_log WHERE action = 'consent.record'`);
      expect(JSON.stringify(audit)).not.toContain('王医生');
    });

    it('verbal consent needs a witness; a minor under 14 cannot consent alone; a guardian can', async () => {
      const noWitness = await consent(adult, { method: 'witnessed_verbal' });
      expect(noWitness.statusCode).toBe(400);
      expect(noWitness.json().error.field).toBe('body.witnessName');
      const self = await consent(minor);
      expect(self.statusCode).toBe(400);
      expect(self.json().error.field).toBe('body.givenBy');
      const noConsent = await as('doctor_a').request('POST', '/api/assessments', { personId: minor, instrument: 'phq9', mode: 'in_person' });
      expect(noConsent.statusCode).toBe(409);
      const guardian = await consent(minor, { givenBy: 'guardian', guardianName: '王芳', guardianRelation: 'parent' });
      expect(guardian.statusCode).toBe(201);
      const ok = await as('doctor_a').request('POST', '/api/assessments', { personId: minor, instrument: 'gad7', mode: 'in_person' });
      expect(ok.statusCode).toBe(201);
    });

    it('a withdrawal stops further assessments (reason withdrawn) and hasValidConsent says so', async () => {
      const given = await consent(personB.length ? adult : adult, { purpose: 'followup' });
      expect(given.statusCode).toBe(201);
      const { hasValidConsent } = await import('./has-valid-consent.ts');
      expect(await hasValidConsent(ctx.db, adult, 'followup', ctx.clock())).toBe(true);
      const w = await as('doctor_a').request('POST', `/api/consents/${given.json().id}/withdraw`, { reason: '本人不愿继续' });
      expect(w.statusCode).toBe(200);
      expect(await hasValidConsent(ctx.db, adult, 'followup', ctx.clock())).toBe(false);
      expect(await hasValidConsent(ctx.db, adult, 'assessment', ctx.clock())).toBe(true);
      const again = await as('doctor_a').request('POST', `/api/consents/${given.json().id}/withdraw`, {});
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('INVALID_STATE');
    });
  });

  describe('draft, submit, amend', () => {
    let draft: string;

    it('rejects unknown instruments and versions, wrong item counts, out-of-range and non-numeric answers, naming the field', async () => {
      const bad = async (body: Record<string, unknown>, field: string) => {
        const res = await as('doctor_a').request('POST', '/api/assessments', { personId: adult, mode: 'in_person', instrument: 'phq9', ...body });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'VALIDATION', field });
      };
      await bad({ instrument: 'bdi' }, 'body.instrument');
      await bad({ version: '9.9.9' }, 'body.version');
      await bad({ answers: [0, 0, 0] }, 'body.answers');
      await bad({ answers: [0, 0, 0, 4, 0, 0, 0, 0, 0] }, 'body.answers[3]');
      await bad({ answers: [0, 0, 'x', 0, 0, 0, 0, 0, 0] }, 'body.answers[2]');
      await bad({ answers: [0, 0, 1.5, 0, 0, 0, 0, 0, 0] }, 'body.answers[2]');
      expect(await count('assessments WHERE person_id = $1', [adult])).toBe(0);
    });

    it('saves a draft progressively, then submits it with the score and flags', async () => {
      const start = await as('doctor_a').request('POST', '/api/assessments', { personId: adult, instrument: 'phq9', mode: 'phone' });
      expect(start.statusCode).toBe(201);
      draft = start.json().id as string;
      const save = await as('doctor_a').request('PUT', `/api/assessments/${draft}/answers`, { answers: [2, 2, 1, null, null, null, null, null, null] });
      expect(save.statusCode).toBe(200);
      const badSave = await as('doctor_a').request('PUT', `/api/assessments/${draft}/answers`, { answers: [2, 2, 7, null, null, null, null, null, null] });
      expect(badSave.json().error.field).toBe('body.answers[2]');
      const got = await as('doctor_a').request('GET', `/api/assessments/${draft}`);
      expect(got.json()).toMatchObject({ status: 'draft', answers: [2, 2, 1, null, null, null, null, null, null], total: null });
      const sub = await as('doctor_a').request('POST', `/api/assessments/${draft}/submit`, { answers: PHQ9_MODERATE });
      expect(sub.statusCode).toBe(200);
      expect(sub.json()).toMatchObject({ id: draft, total: 10, severity: 'moderate', complete: true, flags: [{ flag: 'consultation_recommended' }], crisisCaseIds: [] });
      const view = (await as('doctor_a').request('GET', `/api/assessments/${draft}`)).json();
      expect(view).toMatchObject({ status: 'submitted', total: 10, severity: 'moderate', version: 1 });
      expect(view.flags[0].reason.zh).toContain('建议');
      expect(view.consultation).toMatchObject({ status: 'pending', institutionId: mentalHealthId, primaryCareOrgId: primaryCareId, reasons: ['consultation_recommended'] });
      expect(await count(`person_timeline WHERE ref_id = $1 AND kind = 'assessment.completed'`, [draft])).toBe(1);
    });

    it('a submitted assessment is immutable: second submit 409, draft save 409, and the database refuses an UPDATE', async () => {
      const again = await as('doctor_a').request('POST', `/api/assessments/${draft}/submit`, { answers: PHQ9_MINIMAL });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('CONFLICT');
      const save = await as('doctor_a').request('PUT', `/api/assessments/${draft}/answers`, { answers: PHQ9_MINIMAL });
      expect(save.statusCode).toBe(409);
      await expect(ctx.db.query(`UPDATE assessments SET total = 0 WHERE id = $1`, [draft])).rejects.toThrow(/immutable/);
      await expect(ctx.db.query(`DELETE FROM assessments WHERE id = $1`, [draft])).rejects.toThrow(/immutable/);
      // Only re-homing to another record of the same person (a register merge) may touch it.
      const [row] = await ctx.db.query<{ person_id: string }>('SELECT person_id FROM assessments WHERE id = $1', [draft]);
      await ctx.db.query('UPDATE assessments SET person_id = $2 WHERE id = $1', [draft, minor]);
      await ctx.db.query('UPDATE assessments SET person_id = $2 WHERE id = $1', [draft, row?.person_id]);
      await expect(ctx.db.query(`UPDATE assessments SET person_id = $2, total = 1 WHERE id = $1`, [draft, minor])).rejects.toThrow(/immutable/);
      expect(await count('assessment_flags WHERE assessment_id = $1', [draft])).toBe(1);
      expect(await count('consultations WHERE assessment_id = $1', [draft])).toBe(1);
    });

    it('amends into a new version with its reason, keeping and linking both, audited', async () => {
      const res = await as('doctor_a').request('POST', `/api/assessments/${draft}/amend`, { answers: PHQ9_MINIMAL, reason: '电话中误记第1题' });
      expect(res.statusCode).toBe(201);
      const amended = res.json();
      expect(amended).toMatchObject({ previousId: draft, version: 2, total: 2, severity: 'minimal', flags: [] });
      const old = (await as('doctor_a').request('GET', `/api/assessments/${draft}`)).json();
      expect(old).toMatchObject({ total: 10, amendedBy: amended.id });
      const now = (await as('doctor_a').request('GET', `/api/assessments/${amended.id}`)).json();
      expect(now).toMatchObject({ previousId: draft, amendmentReason: '电话中误记第1题', version: 2 });
      const stored = await ctx.db.query<{ amendment_reason_enc: string }>('SELECT amendment_reason_enc FROM assessments WHERE id = $1', [amended.id]);
      expect(stored[0]?.amendment_reason_enc).not.toContain('误记');
      const audit = await ctx.db.query<{ details: { previousId: string; changedItems: number[] } }>(
        `SELECT details FROM audit_log WHERE action = 'assessment.amend' AND resource_id = $1`,
        [amended.id],
      );
      expect(audit[0]?.details).toMatchObject({ previousId: draft, changedItems: [1, 2, 3, 4, 5, 7, 8] });
      const older = await as('doctor_a').request('POST', `/api/assessments/${draft}/amend`, { answers: PHQ9_MINIMAL, reason: '再次修改' });
      expect(older.statusCode).toBe(409);
      const missingReason = await as('doctor_a').request('POST', `/api/assessments/${amended.id}/amend`, { answers: PHQ9_MINIMAL, reason: ' ' });
      expect(missingReason.statusCode).toBe(400);
      const history = (await as('doctor_a').request('GET', `/api/persons/${adult}/assessments`)).json();
      expect(history.items.map((i: { id: string }) => i.id)).toEqual([amended.id, draft]);
    });

    it('a withdrawn consent stops the submission of a draft started before', async () => {
      const c = await consent(adult, { textVersion: 'v2.0' });
      const start = await as('doctor_a').request('POST', '/api/assessments', { personId: adult, instrument: 'gad7', mode: 'in_person' });
      expect(start.statusCode).toBe(201);
      const consents = await ctx.db.query<{ id: string }>(`SELECT id FROM consents WHERE person_id = $1 AND purpose = 'assessment' AND withdrawn_at IS NULL`, [adult]);
      for (const row of consents) expect((await as('doctor_a').request('POST', `/api/consents/${row.id}/withdraw`, {})).statusCode).toBe(200);
      const sub = await as('doctor_a').request('POST', `/api/assessments/${start.json().id}/submit`, { answers: [0, 0, 0, 0, 0, 0, 0] });
      expect(sub.statusCode).toBe(409);
      expect(sub.json().error).toMatchObject({ code: 'CONSENT_REQUIRED', message: expect.stringMatching(/withdrawn/) });
      expect(c.statusCode).toBe(201);
      expect((await consent(adult, { textVersion: 'v3.0' })).statusCode).toBe(201);
    });
  });

  describe('risk flags', () => {
    it('PHQ-9 item 9 above 0 stores the suicide-risk flag with its reason, opens a crisis case and a consultation, in one transaction', async () => {
      const { id, body } = await startAndSubmit(adult, PHQ9_ITEM9);
      expect(body.flags).toEqual([{ ruleId: 'phq9-item9', flag: 'suicide_risk_item9', level: 'high', action: 'crisis' }]);
      expect((body.crisisCaseIds as string[]).length).toBe(1);
      const flags = await ctx.db.query<{ reason_zh: string; reason_en: string }>('SELECT reason_zh, reason_en FROM assessment_flags WHERE assessment_id = $1', [id]);
      expect(flags[0]?.reason_en).toMatch(/item 9/);
      expect(await count(`crisis_signals WHERE source = 'assessment' AND source_id LIKE $1`, [`${id}%`])).toBe(1);
      expect(await count('consultations WHERE assessment_id = $1', [id])).toBe(1);
    });

    it('a failure later in the transaction leaves no assessment, flag, crisis signal, consultation or timeline event', async () => {
      const before = await Promise.all(['assessments', 'assessment_flags', 'crisis_signals', 'consultations', 'person_timeline'].map((t) => count(t)));
      await expect(
        ctx.db.transaction(async (tx) => {
          await completeAssessment(tx, {
            row: {
              personId: adult,
              regionCode: communityA,
              instrument: 'phq9',
              instrumentVersion: '1.0.0',
              mode: 'in_person',
              language: 'zh',
              answers: [3, 3, 3, 3, 3, 3, 3, 3, 3],
              consentId: null,
              administeredBy: null,
              version: 1,
              previousId: null,
              amendmentReasonEnc: null,
              at: ctx.clock(),
            },
            sex: 'male',
            actorId: null,
          });
          throw new Error('audit write failed');
        }),
      ).rejects.toThrow('audit write failed');
      const after = await Promise.all(['assessments', 'assessment_flags', 'crisis_signals', 'consultations', 'person_timeline'].map((t) => count(t)));
      expect(after).toEqual(before);
    });
  });

  describe('consultation bands', () => {
    it('follow the deployment setting: a moderate PHQ-9 needs no consultation when the band is moderately severe', async () => {
      const flagsWith = async (bands: Record<string, string> | undefined): Promise<string[]> => {
        let flags: string[] = [];
        await ctx.db
          .transaction(async (tx) => {
            const done = await completeAssessment(tx, {
              row: {
                personId: adult,
                regionCode: communityA,
                instrument: 'phq9',
                instrumentVersion: '1.0.0',
                mode: 'in_person',
                language: 'zh',
                answers: PHQ9_MODERATE,
                consentId: null,
                administeredBy: null,
                version: 1,
                previousId: null,
                amendmentReasonEnc: null,
                at: ctx.clock(),
              },
              sex: 'male',
              actorId: null,
              ...(bands ? { consultationSeverity: bands } : {}),
            });
            flags = done.flags.map((f) => f.flag);
            throw new Error('rollback');
          })
          .catch(() => undefined);
        return flags;
      };
      expect(await flagsWith(undefined)).toEqual(['consultation_recommended']);
      expect(await flagsWith(ctx.config.assessments.consultationSeverity)).toEqual(['consultation_recommended']);
      expect(await flagsWith({ phq9: 'moderately_severe' })).toEqual([]);
    });
  });

  describe('jurisdiction', () => {
    it('another county’s doctor can neither read nor assess, a grid worker reads no assessments, and lists are scoped', async () => {
      const [row] = await ctx.db.query<{ id: string }>('SELECT id FROM assessments WHERE person_id = $1 LIMIT 1', [adult]);
      const read = await as('doctor_b').request('GET', `/api/assessments/${row?.id ?? ''}`);
      expect(read.statusCode).toBe(403);
      expect(read.json().error.code).toBe('OUT_OF_JURISDICTION');
      expect((await as('doctor_b').request('GET', `/api/assessments/${row?.id ?? ''}/fhir`)).statusCode).toBe(403);
      expect((await as('doctor_b').request('GET', `/api/persons/${adult}/assessments`)).statusCode).toBe(403);
      expect((await as('doctor_b').request('POST', '/api/assessments', { personId: adult, instrument: 'phq9', mode: 'in_person' })).statusCode).toBe(403);
      const grid = await as('grid_a').request('GET', `/api/persons/${adult}/assessments`);
      expect(grid.statusCode).toBe(403);
      expect(grid.json().error.code).toBe('FORBIDDEN');
      const queue = await as('doctor_b').request('GET', '/api/consultations?status=completed');
      expect(queue.json().items).toEqual([]);
      expect((await as('doctor_b').request('GET', '/api/consultations')).statusCode).toBe(403);
    });
  });

  describe('OpenAPI', () => {
    it('documents the assessment routes, the public ones without a session requirement', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/assessments/{id}/fhir', '/api/consultations', '/api/public/assessments/{token}']));
      expect(doc.paths['/api/public/assessments/{token}'].get.security).toEqual([]);
    });
  });

  describe('FHIR export', () => {
    it('exports a Bundle with the QuestionnaireResponse and an Observation of the PHQ-9 total (LOINC 44261-6)', async () => {
      await consent(personB, {}).catch(() => undefined);
      const { id } = await startAndSubmit(adult, PHQ9_MODERATE);
      const res = await as('doctor_a').request('GET', `/api/assessments/${id}/fhir`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/fhir+json');
      const bundle = res.json();
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
      expect(bundle.entry[0].resource).toMatchObject({ resourceType: 'QuestionnaireResponse', status: 'completed', subject: { reference: `Patient/${adult}` } });
      expect(bundle.entry[1].resource).toMatchObject({ resourceType: 'Observation', code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] }, valueInteger: 10 });
    });
  });

  describe('self-administration links', () => {
    const issue = async (body: Record<string, unknown> = {}) => {
      const res = await as('doctor_a').request('POST', '/api/assessment-links', { personId: adult, instrument: 'phq9', ...body });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; token: string; path: string; url: string; qrSvg: string };
    };
    const publicReq = (method: 'GET' | 'POST', token: string, payload?: unknown, ip = '203.0.113.7') =>
      app.inject({ method, url: `/api/public/assessments/${token}`, remoteAddress: ip, ...(payload === undefined ? {} : { payload: payload as object }) });

    it('issues a 256-bit token stored only as a hash, with a QR code of the link', async () => {
      const link = await issue();
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(link.path).toBe(`/s/${link.token}`);
      expect(link.url.endsWith(link.path)).toBe(true);
      expect(link.qrSvg).toMatch(/^<svg/);
      const stored = await ctx.db.query<{ token_hash: string }>('SELECT token_hash FROM assessment_links WHERE id = $1', [link.id]);
      expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await ctx.db.query('SELECT * FROM assessment_links'))).not.toContain(link.token);
    });

    it('a person answers without an account; the result lands in the record; the link then is used (410)', async () => {
      const link = await issue();
      const open = await publicReq('GET', link.token);
      expect(open.statusCode).toBe(200);
      const form = open.json();
      expect(form).toMatchObject({ instrument: 'phq9', language: 'zh' });
      expect(form.items).toHaveLength(9);
      expect(JSON.stringify(form)).not.toContain('张三');
      expect((await publicReq('GET', `${link.token}?lang=en`)).json().title).toMatch(/Patient Health Questionnaire/);
      const blank = await publicReq('POST', link.token, { answers: [1, 1, 1, 1, null, 1, 1, 1, 0] });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().error.field).toBe('body.answers[4]');
      const sent = await publicReq('POST', link.token, { answers: [1, 1, 1, 1, 1, 1, 1, 1, 0] });
      expect(sent.statusCode).toBe(200);
      expect(sent.json()).toEqual({ received: true });
      const history = (await as('doctor_a').request('GET', `/api/persons/${adult}/assessments`)).json();
      expect(history.items.find((i: { mode: string }) => i.mode === 'self')).toMatchObject({ total: 8, severity: 'mild', administeredBy: null, language: 'zh' });
      const reused = await publicReq('POST', link.token, { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] });
      expect(reused.statusCode).toBe(410);
      expect(reused.json().error.message).toMatch(/already been used/);
      expect((await publicReq('GET', link.token)).statusCode).toBe(410);
      expect(await count(`assessments WHERE person_id = $1 AND mode = 'self'`, [adult])).toBe(1);
    });

    it('an expired link is refused with a clear message, an unknown one is 404', async () => {
      const link = await issue({ expiresInHours: 1 });
      await advance(61 * 60_000);
      const res = await publicReq('GET', link.token);
      expect(res.statusCode).toBe(410);
      expect(res.json().error.message).toMatch(/expired/);
      expect((await publicReq('POST', link.token, { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] })).statusCode).toBe(410);
      expect((await publicReq('GET', 'A'.repeat(43))).statusCode).toBe(404);
      expect((await publicReq('GET', 'short')).statusCode).toBe(404);
    });

    it('withdrawing consent revokes open links', async () => {
      const link = await issue();
      const live = await ctx.db.query<{ id: string }>(`SELECT id FROM consents WHERE person_id = $1 AND purpose = 'assessment' AND withdrawn_at IS NULL`, [adult]);
      const w = await as('doctor_a').request('POST', `/api/consents/${live[0]?.id ?? ''}/withdraw`, {});
      expect(w.json().linksRevoked).toBeGreaterThanOrEqual(1);
      const res = await publicReq('GET', link.token);
      expect(res.statusCode).toBe(410);
      expect(res.json().error.message).toMatch(/withdrawn/);
      expect((await as('doctor_a').request('POST', '/api/assessment-links', { personId: adult, instrument: 'phq9' })).statusCode).toBe(409);
      expect((await consent(adult, { textVersion: 'v4.0' })).statusCode).toBe(201);
    });

    it('lists open links without tokens, and a revoked link is refused (410 revoked)', async () => {
      const link = await issue();
      const open = await as('doctor_a').request('GET', `/api/persons/${adult}/assessment-links`);
      expect(open.statusCode).toBe(200);
      expect(open.json().items.map((i: { id: string }) => i.id)).toContain(link.id);
      expect(JSON.stringify(open.json())).not.toContain(link.token);
      expect((await as('doctor_b').request('POST', `/api/assessment-links/${link.id}/revoke`)).statusCode).toBe(403);
      const revoked = await as('doctor_a').request('POST', `/api/assessment-links/${link.id}/revoke`);
      expect(revoked.statusCode).toBe(200);
      expect((await as('doctor_a').request('POST', `/api/assessment-links/${link.id}/revoke`)).statusCode).toBe(409);
      const res = await publicReq('GET', link.token);
      expect(res.statusCode).toBe(410);
      expect(res.json().error.details).toEqual({ reason: 'revoked' });
      const after = await as('doctor_a').request('GET', `/api/persons/${adult}/assessment-links`);
      expect(after.json().items.map((i: { id: string }) => i.id)).not.toContain(link.id);
    });

    it('rate-limits requests per link token', async () => {
      const link = await issue();
      const codes: number[] = [];
      for (let i = 0; i < 31; i++) codes.push((await publicReq('GET', link.token, undefined, `198.51.100.${i}`)).statusCode);
      expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
      expect(codes[30]).toBe(429);
    });

    it('rate-limits requests per client address, whatever the token', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 121; i++) codes.push((await publicReq('GET', `${'B'.repeat(40)}${String(i).padStart(3, '0')}`, undefined, '192.0.2.99')).statusCode);
      expect(codes.indexOf(429)).toBe(120);
      expect(codes[119]).toBe(404);
      expect(codes[120]).toBe(429);
    });
  });

  describe('housekeeping', () => {
    it('the hourly job purges rate-limit counters older than a day', async () => {
      expect(await count('assessment_link_throttle')).toBeGreaterThan(0);
      await purgeLinkThrottle.run(ctx);
      expect(await count('assessment_link_throttle')).toBeGreaterThan(0);
      await advance(25 * 3600_000);
      await purgeLinkThrottle.run(ctx);
      expect(await count('assessment_link_throttle')).toBe(0);
    });
  });

  describe('consultation (会诊)', () => {
    it('round trip: queue → psychiatrist’s recommendation → back to primary care, on the person page and timeline', async () => {
      const { id } = await startAndSubmit(adult, [2, 2, 2, 2, 2, 1, 1, 1, 0]); // 15: moderately severe
      const queue = await as('psychiatrist').request('GET', '/api/consultations?status=pending');
      expect(queue.statusCode).toBe(200);
      const item = (queue.json().items as { assessmentId: string; id: string; personName: string; institutionName: string }[]).find((i) => i.assessmentId === id);
      expect(item).toMatchObject({ personName: '张三', institutionName: '武汉市精神卫生中心' });
      const answersBehind = await as('psychiatrist').request('GET', `/api/assessments/${id}`);
      expect(answersBehind.json().answers).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 0]);

      const byDoctor = await as('doctor_a').request('POST', `/api/consultations/${item?.id ?? ''}/review`, { opinion: 'x', recommendation: 'none' });
      expect(byDoctor.statusCode).toBe(403);
      const badRec = await as('psychiatrist').request('POST', `/api/consultations/${item?.id ?? ''}/review`, { opinion: 'x', recommendation: 'hug' });
      expect(badRec.statusCode).toBe(400);

      await advance(95 * 60_000);
      const review = await as('psychiatrist').request('POST', `/api/consultations/${item?.id ?? ''}/review`, {
        opinion: '中度以上抑郁症状，建议个体心理干预并两周后复评。',
        recommendation: 'individual',
      });
      expect(review.statusCode).toBe(200);
      expect(review.json()).toMatchObject({ status: 'completed', recommendation: 'individual', turnaroundMinutes: 95 });
      const twice = await as('psychiatrist').request('POST', `/api/consultations/${item?.id ?? ''}/review`, { opinion: 'again', recommendation: 'none' });
      expect(twice.statusCode).toBe(409);

      const returned = await as('doctor_a').request('GET', '/api/consultations?status=completed');
      expect((returned.json().items as { id: string }[]).map((i) => i.id)).toContain(item?.id);
      const onPage = (await as('doctor_a').request('GET', `/api/persons/${adult}/assessments`)).json().items.find((a: { id: string }) => a.id === id);
      expect(onPage.consultation).toMatchObject({ recommendation: 'individual', opinion: '中度以上抑郁症状，建议个体心理干预并两周后复评。' });
      expect(await count(`person_timeline WHERE ref_id = $1 AND kind = 'assessment.reviewed'`, [id])).toBe(1);
      expect(await count(`notifications WHERE account_id = $1 AND kind = 'assessment.consultation_reviewed'`, [accountIds.doctor_a])).toBe(1);
      const stored = await ctx.db.query<{ opinion_enc: string }>('SELECT opinion_enc FROM consultations WHERE id = $1', [item?.id]);
      expect(stored[0]?.opinion_enc).not.toContain('抑郁');
    });

    it('the queue narrows to a region within the jurisdiction and refuses one outside', async () => {
      const all = (await as('psychiatrist').request('GET', '/api/consultations?status=completed')).json().items as { regionCode: string }[];
      expect(all.length).toBeGreaterThan(0);
      const inA = await as('psychiatrist').request('GET', `/api/consultations?status=completed&region=${communityA}`);
      expect((inA.json().items as { regionCode: string }[]).every((i) => i.regionCode === communityA)).toBe(true);
      expect((await as('psychiatrist').request('GET', `/api/consultations?status=completed&region=${communityB}`)).json().items).toEqual([]);
      const outside = await as('doctor_a').request('GET', `/api/consultations?status=completed&region=${communityB}`);
      expect(outside.statusCode).toBe(403);
    });

    it('notified the institution’s psychiatrists of the request', async () => {
      expect(await count(`notifications WHERE account_id = $1 AND kind = 'assessment.consultation_requested'`, [accountIds.psychiatrist])).toBeGreaterThan(0);
    });
  });
});
