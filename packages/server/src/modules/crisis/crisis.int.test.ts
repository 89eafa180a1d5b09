import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { insertTestPerson } from './crisis-testing.ts';
import { escalateOverdueCases } from './escalate-overdue-cases.ts';
import { reconcileCrisisSignals } from './reconcile-crisis-signals.ts';

const HOUR = 3_600_000;
const COUNTY = '420102000000'; // 江岸区
const OTHER_COUNTY = '420103000000'; // 江汉区

describe.each(backends())('crisis API on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let community: string;
  let otherCommunity: string;
  const sessions: Record<string, TestSession> = {};
  const ids: Record<string, string> = {};

  const as = (who: string): TestSession => {
    const s = sessions[who];
    if (!s) throw new Error(`no session ${who}`);
    return s;
  };
  const id = (who: string): string => {
    const v = ids[who];
    if (!v) throw new Error(`no account ${who}`);
    return v;
  };
  /** Moving the clock ends sessions (idle timeout): sign in again. */
  const relogin = async (...who: string[]): Promise<void> => {
    for (const w of who) {
      const s = new TestSession(app);
      expect((await s.login(`crisis_${w}`, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[w] = s;
    }
  };
  const notificationsOf = async (who: string, kind: string): Promise<{ params: Record<string, unknown>; link: string }[]> =>
    ctx.db.query('SELECT params, link FROM notifications WHERE account_id = $1 AND kind = $2 ORDER BY created_at', [id(who), kind]);

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community } = await makeCommunity(ctx, COUNTY));
    ({ community: otherCommunity } = await makeCommunity(ctx, OTHER_COUNTY, 2));
    const accounts: [string, Parameters<typeof makeAccount>[1]['role'], string][] = [
      ['grid', 'grid_worker', community],
      ['grid_other', 'grid_worker', otherCommunity],
      ['psy', 'psychiatrist', COUNTY],
      ['coun', 'counselor', COUNTY],
      ['lead', 'counselor', COUNTY],
      ['specialist', 'psychiatrist', COUNTY],
      ['oncall', 'counselor', COUNTY],
      ['admin', 'health_admin', '420100000000'],
    ];
    for (const [username, role, regionCode] of accounts) {
      const account = await makeAccount(ctx, { role, regionCode, username: `crisis_${username}` });
      ids[username] = account.id;
      const s = new TestSession(app);
      expect((await s.login(`crisis_${username}`, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[username] = s;
    }
    await ctx.db.query(`UPDATE accounts SET designated_post = 'county_specialist' WHERE id = $1`, [id('specialist')]);
    const [team] = await ctx.db.query<{ id: string }>(
      `INSERT INTO teams (name, kind, region_code) VALUES ('江岸危机干预队', 'crisis', $1) RETURNING id`,
      [COUNTY],
    );
    if (!team) throw new Error('team');
    await ctx.db.query('INSERT INTO team_members (team_id, account_id, is_lead) VALUES ($1, $2, true), ($1, $3, false), ($1, $4, false)', [
      team.id,
      id('lead'),
      id('coun'),
      id('psy'),
    ]);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  describe('quick report', () => {
    it('opens a case from a grid worker’s report about a registered person, and a second report joins it', async () => {
      const personId = await insertTestPerson(ctx.db, community);
      const first = await as('grid').request('POST', '/api/crisis/reports', {
        personId,
        observed: ['suicide_talk', 'farewell'],
        description: '邻居说他最近在送东西，说“以后用不上了”',
        urgency: 'high',
      });
      expect(first.statusCode).toBe(201);
      const a = first.json<{ caseId: string; opened: boolean; reportId: string }>();
      expect(a.opened).toBe(true);
      const second = await as('psy').request('POST', '/api/crisis/reports', { source: 'police', personId, observed: ['weapon'], urgency: 'imminent' });
      expect(second.statusCode).toBe(201);
      expect(second.json()).toMatchObject({ caseId: a.caseId, opened: false });
      const rows = await ctx.db.query<{ level: string; signal_count: number }>('SELECT level, signal_count FROM crisis_cases WHERE person_id = $1', [personId]);
      expect(rows).toEqual([{ level: 'imminent', signal_count: 2 }]);
      // Free text is stored encrypted.
      const [stored] = await ctx.db.query<{ description_enc: string }>('SELECT description_enc FROM crisis_reports WHERE id = $1', [a.reportId]);
      expect(stored?.description_enc).not.toContain('邻居');
      const audit = await ctx.db.query<{ details: unknown }>(`SELECT details FROM audit_log WHERE action = 'crisis.report' AND resource_id = $1`, [a.caseId]);
      expect(JSON.stringify(audit)).not.toContain('邻居');
    });

    it('accepts an unregistered person located by region and address', async () => {
      const res = await as('grid').request('POST', '/api/crisis/reports', {
        regionCode: community,
        address: '测试路8号楼顶',
        subject: '穿蓝色外套的中年男性',
        observed: ['attempt'],
        urgency: 'imminent',
      });
      expect(res.statusCode).toBe(201);
      const { caseId } = res.json<{ caseId: string }>();
      const [c] = await ctx.db.query<{ person_id: string | null; region_code: string }>('SELECT person_id, region_code FROM crisis_cases WHERE id = $1', [caseId]);
      expect(c).toEqual({ person_id: null, region_code: community });
    });

    it('refuses a report that cannot locate the person, and writes nothing', async () => {
      const before = await ctx.db.query<{ n: number }>('SELECT count(*) AS n FROM crisis_reports');
      const noWhere = await as('grid').request('POST', '/api/crisis/reports', { observed: ['self_harm'], urgency: 'high' });
      expect(noWhere.statusCode).toBe(400);
      expect(noWhere.json()).toMatchObject({ error: { code: 'VALIDATION', field: 'body.personId' } });
      const regionOnly = await as('grid').request('POST', '/api/crisis/reports', { regionCode: community, observed: ['self_harm'], urgency: 'high' });
      expect(regionOnly.statusCode).toBe(400);
      expect(regionOnly.json()).toMatchObject({ error: { field: 'body.address' } });
      const nothingSeen = await as('grid').request('POST', '/api/crisis/reports', { regionCode: community, address: 'x', observed: [], urgency: 'high' });
      expect(nothingSeen.statusCode).toBe(400);
      const after = await ctx.db.query<{ n: number }>('SELECT count(*) AS n FROM crisis_reports');
      expect(Number(after[0]?.n)).toBe(Number(before[0]?.n));
    });

    it('refuses a report on a person outside the reporter’s jurisdiction', async () => {
      const personId = await insertTestPerson(ctx.db, otherCommunity);
      const res = await as('grid').request('POST', '/api/crisis/reports', { personId, observed: ['self_harm'], urgency: 'high' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'OUT_OF_JURISDICTION' } });
      expect(await ctx.db.query('SELECT id FROM crisis_cases WHERE person_id = $1', [personId])).toHaveLength(0);
    });
  });

  describe('linking an anonymous case at triage', () => {
    it('links a registered person in the jurisdiction, refuses one outside it, and writes nothing then', async () => {
      const open = async () =>
        (await as('grid').request('POST', '/api/crisis/reports', { regionCode: community, address: '公园长椅', observed: ['suicide_talk'], urgency: 'high' })).json<{ caseId: string }>().caseId;
      const triage = { thoughts: 'passive', plan: false, means: false, timeframe: 'none', recentAttempt: false };
      const outside = await insertTestPerson(ctx.db, otherCommunity);
      const a = await open();
      const refused = await as('coun').request('POST', `/api/crisis/cases/${a}/triage`, { ...triage, personId: outside });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: 'OUT_OF_JURISDICTION', field: 'body.personId' } });
      expect(await ctx.db.query('SELECT id FROM crisis_triages WHERE case_id = $1', [a])).toHaveLength(0);
      const inside = await insertTestPerson(ctx.db, community);
      const linked = await as('coun').request('POST', `/api/crisis/cases/${a}/triage`, { ...triage, personId: inside });
      expect(linked.statusCode).toBe(200);
      const [row] = await ctx.db.query<{ person_id: string; status: string; level: string }>('SELECT person_id, status, level FROM crisis_cases WHERE id = $1', [a]);
      expect(row).toEqual({ person_id: inside, status: 'triaged', level: 'moderate' });
      // A second anonymous case cannot be linked to the same person while the first is open.
      const b = await open();
      const dup = await as('coun').request('POST', `/api/crisis/cases/${b}/triage`, { ...triage, personId: inside });
      expect(dup.statusCode).toBe(409);
    });
  });

  describe('case workflow', () => {
    let caseId: string;
    let personId: string;

    beforeAll(async () => {
      personId = await insertTestPerson(ctx.db, community);
      const res = await as('grid').request('POST', '/api/crisis/reports', { personId, observed: ['suicide_talk'], urgency: 'moderate' });
      caseId = res.json<{ caseId: string }>().caseId;
    });

    it('lets only the crisis team triage, computes the level and counts it as first contact', async () => {
      const body = { thoughts: 'active', plan: true, means: true, timeframe: 'within_24h', recentAttempt: false, smdRiskLevel: 3, notes: '有具体计划，家中存有大量药物' };
      const denied = await as('grid').request('POST', `/api/crisis/cases/${caseId}/triage`, body);
      expect(denied.statusCode).toBe(403);
      const res = await as('coun').request('POST', `/api/crisis/cases/${caseId}/triage`, body);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ level: 'imminent', reasons: ['thoughts_active', 'plan', 'means', 'timeframe_within_24h'], policeLiaisonNeeded: true });
      const detail = (await as('psy').request('GET', `/api/crisis/cases/${caseId}`)).json<Record<string, unknown>>();
      expect(detail).toMatchObject({ status: 'triaged', level: 'imminent', smdRiskLevel: 3, policeLiaisonNeeded: true, overdue: false });
      expect(detail.firstContactAt).not.toBeNull();
      expect(detail.availableEvents).toEqual(['start_intervention', 'admit', 'dismiss']);
      const again = await as('coun').request('POST', `/api/crisis/cases/${caseId}/triage`, body);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: { code: 'INVALID_STATE' } });
    });

    it('refuses transitions the state or the role does not allow, with nothing written', async () => {
      const closeNow = await as('psy').request('POST', `/api/crisis/cases/${caseId}/transitions`, { event: 'close', review: 'too early to close this case' });
      expect(closeNow.statusCode).toBe(409);
      const admitByCounselor = await as('coun').request('POST', `/api/crisis/cases/${caseId}/admissions`, { hospitalName: '武汉市精神卫生中心', admittedOn: '2026-03-02' });
      expect(admitByCounselor.statusCode).toBe(403);
      expect(admitByCounselor.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect(await ctx.db.query('SELECT id FROM crisis_admissions WHERE case_id = $1', [caseId])).toHaveLength(0);
      const own = await as('psy').request('POST', `/api/crisis/cases/${caseId}/transitions`, { event: 'triage' });
      expect(own.statusCode).toBe(400);
      const unknown = await as('psy').request('POST', `/api/crisis/cases/${caseId}/transitions`, { event: 'teleport' });
      expect(unknown.statusCode).toBe(400);
    });

    it('runs the case through intervention, admission, discharge, feedback and grid management to closing', async () => {
      const step = async (who: string, method: 'POST' | 'PUT', path: string, body: unknown, status = 200) => {
        const res = await as(who).request(method, `/api/crisis/cases/${caseId}${path}`, body);
        expect(res.statusCode, res.body).toBe(status);
        return res;
      };
      await step('coun', 'POST', '/transitions', { event: 'start_intervention' });
      await step('coun', 'PUT', '/safety-plan', {
        warningSigns: ['失眠', '反复说“没意思”'],
        copingSteps: ['散步', '听音乐'],
        peoplePlaces: ['姐姐家'],
        professionalContacts: ['心理援助热线 12356'],
        meansRestriction: ['药物由家属保管'],
      });
      await step('coun', 'POST', '/contacts', { mode: 'police_liaison', reached: true }, 201);
      await step('coun', 'POST', '/contacts', { mode: 'home_visit', reached: true, notes: '情绪稍稳定' }, 201);
      await step('psy', 'POST', '/admissions', { hospitalName: '武汉市精神卫生中心', admittedOn: '2026-03-02', involuntary: false }, 201);
      await step('psy', 'POST', '/discharge', { dischargedOn: '2026-03-02', notes: '出院，门诊随访' });
      const fb = await step('coun', 'POST', '/feedback', { checkEveryDays: 7, contactPhone: '027-12345678' });
      expect(fb.json()).toMatchObject({ notified: 1 }); // the community's grid worker
      await step('coun', 'POST', '/transitions', { event: 'start_grid_management' });

      const detail = (await as('psy').request('GET', `/api/crisis/cases/${caseId}`)).json<{
        status: string;
        policeLiaisonAt: string | null;
        safetyPlan: { version: number; meansRestriction: string[] };
        transitions: { to: string }[];
        admissions: { dischargedOn: string }[];
      }>();
      expect(detail.status).toBe('grid_management');
      expect(detail.policeLiaisonAt).not.toBeNull();
      expect(detail.safetyPlan).toMatchObject({ version: 1, meansRestriction: ['药物由家属保管'] });
      expect(detail.transitions.map((t) => t.to)).toEqual(['triaged', 'intervention', 'admitted', 'stabilized', 'feedback_given', 'grid_management']);
      expect(detail.admissions[0]?.dischargedOn).toBe('2026-03-02');
      const timeline = await ctx.db.query<{ kind: string }>('SELECT kind FROM person_timeline WHERE person_id = $1 ORDER BY id', [personId]);
      expect(timeline.map((t) => t.kind)).toContain('crisis.admitted');
      expect(JSON.stringify(await ctx.db.query('SELECT summary FROM person_timeline WHERE person_id = $1', [personId]))).not.toContain('药物');
    });

    it('shows grid workers only the minimum feedback, never clinical notes, and not the case itself', async () => {
      const res = await as('grid').request('GET', '/api/crisis/key-persons');
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: Record<string, unknown>[] }>().items;
      const mine = items.find((k) => k.personId === personId);
      expect(mine).toBeDefined();
      expect(Object.keys(mine ?? {}).sort()).toEqual(
        ['checkEveryDays', 'contactName', 'contactPhone', 'id', 'lastCheckAt', 'nextDueAt', 'overdue', 'personId', 'personName', 'regionCode', 'underManagement'].sort(),
      );
      expect(mine).toMatchObject({ checkEveryDays: 7, contactPhone: '027-12345678', underManagement: true, overdue: false });
      for (const secret of ['情绪稍稳定', '药物', '出院', 'imminent', 'plan', '计划']) expect(res.body).not.toContain(secret);
      expect((await as('grid').request('GET', `/api/crisis/cases/${caseId}`)).statusCode).toBe(403);
      expect((await as('grid').request('GET', '/api/crisis/cases')).statusCode).toBe(403);
      // Another community's grid worker does not see the person.
      const other = (await as('grid_other').request('GET', '/api/crisis/key-persons')).json<{ items: { personId: string }[] }>();
      expect(other.items.map((k) => k.personId)).not.toContain(personId);
    });

    it('escalates a missed grid check once per due date, and a check resets it', async () => {
      const keyPersonId = (await as('grid').request('GET', '/api/crisis/key-persons')).json<{ items: { id: string; personId: string }[] }>().items.find((k) => k.personId === personId)?.id;
      expect(keyPersonId).toBeDefined();
      ctx.clock.advance(8 * 24 * HOUR);
      const run = await escalateOverdueCases(ctx);
      expect(run.keyPersonsMissed).toBeGreaterThanOrEqual(1);
      await escalateOverdueCases(ctx);
      expect(await notificationsOf('coun', 'crisis.grid_check_missed')).toHaveLength(1);
      expect(await notificationsOf('lead', 'crisis.grid_check_missed')).toHaveLength(1);
      await relogin('grid', 'psy', 'coun');
      const listed = (await as('grid').request('GET', '/api/crisis/key-persons')).json<{ items: { id: string; overdue: boolean }[] }>();
      expect(listed.items.find((k) => k.id === keyPersonId)?.overdue).toBe(true);
      const check = await as('grid').request('POST', `/api/crisis/key-persons/${keyPersonId}/checks`, { outcome: 'seen_well' });
      expect(check.statusCode).toBe(201);
      const after = (await as('grid').request('GET', '/api/crisis/key-persons')).json<{ items: { id: string; overdue: boolean }[] }>();
      expect(after.items.find((k) => k.id === keyPersonId)?.overdue).toBe(false);
    });

    it('closes with a review and then refuses a safety plan', async () => {
      const noReview = await as('psy').request('POST', `/api/crisis/cases/${caseId}/transitions`, { event: 'close' });
      expect(noReview.statusCode).toBe(400);
      expect(noReview.json()).toMatchObject({ error: { field: 'body.review' } });
      const byCounselor = await as('coun').request('POST', `/api/crisis/cases/${caseId}/transitions`, { event: 'close', review: '三个月网格随访稳定，结案' });
      expect(byCounselor.statusCode).toBe(403);
      const closed = await as('psy').request('POST', `/api/crisis/cases/${caseId}/transitions`, { event: 'close', review: '三个月网格随访稳定，未再出现风险行为，结案' });
      expect(closed.statusCode).toBe(200);
      const plan = await as('coun').request('PUT', `/api/crisis/cases/${caseId}/safety-plan`, { warningSigns: [], copingSteps: [], peoplePlaces: [], professionalContacts: [], meansRestriction: [] });
      expect(plan.statusCode).toBe(409);
      expect(plan.json()).toMatchObject({ error: { code: 'INVALID_STATE' } });
      const kp = (await as('grid').request('GET', '/api/crisis/key-persons')).json<{ items: { personId: string }[] }>();
      expect(kp.items.map((k) => k.personId)).not.toContain(personId);
      // A new signal after closing opens a new case.
      const again = await as('grid').request('POST', '/api/crisis/reports', { personId, observed: ['self_harm'], urgency: 'high' });
      expect(again.json()).toMatchObject({ opened: true });
    });
  });

  describe('timers', () => {
    it('tells whoever is on call, then escalates to the team lead and the county specialist after the deadline', async () => {
      ctx.clock.set('2026-04-01T22:00:00+08:00');
      await relogin('grid', 'psy');
      const shift = await as('psy').request('POST', '/api/crisis/on-call', {
        regionCode: COUNTY,
        accountId: id('oncall'),
        startsAt: '2026-04-01T18:00:00+08:00',
        endsAt: '2026-04-02T08:00:00+08:00',
      });
      expect(shift.statusCode).toBe(201);
      const personId = await insertTestPerson(ctx.db, community);
      const { caseId } = (await as('grid').request('POST', '/api/crisis/reports', { personId, observed: ['suicide_talk'], urgency: 'high' })).json<{ caseId: string }>();
      await escalateOverdueCases(ctx);
      const forCase = async (who: string, kind: string) => (await notificationsOf(who, kind)).filter((n) => n.link === `/crisis/cases/${caseId}`);
      expect(await forCase('oncall', 'crisis.new_case')).toHaveLength(1);
      expect(await forCase('lead', 'crisis.escalated')).toHaveLength(0);

      ctx.clock.advance(24 * HOUR - 1000); // just before the 24 h deadline (across midnight)
      await escalateOverdueCases(ctx);
      expect(await forCase('lead', 'crisis.escalated')).toHaveLength(0);
      ctx.clock.advance(1000);
      await escalateOverdueCases(ctx);
      await escalateOverdueCases(ctx);
      expect(await forCase('lead', 'crisis.escalated')).toHaveLength(1);
      expect(await forCase('specialist', 'crisis.escalated')).toHaveLength(0);
      await relogin('psy');
      const board = (await as('psy').request('GET', '/api/crisis/cases')).json<{ items: { id: string; overdue: boolean; escalationStep: number }[] }>();
      expect(board.items.find((c) => c.id === caseId)).toMatchObject({ overdue: true, escalationStep: 1 });
      expect(board.items[0]?.overdue).toBe(true); // overdue cases first

      ctx.clock.advance(24 * HOUR);
      await escalateOverdueCases(ctx);
      expect(await forCase('specialist', 'crisis.escalated')).toHaveLength(1);
      const [row] = await ctx.db.query<{ escalation_step: number }>('SELECT escalation_step FROM crisis_cases WHERE id = $1', [caseId]);
      expect(Number(row?.escalation_step)).toBe(2);
      // The on-call worker (off shift now) got nothing more; nobody got duplicates.
      expect(await forCase('oncall', 'crisis.new_case')).toHaveLength(1);
      expect(await forCase('lead', 'crisis.escalated')).toHaveLength(1);
    });

    it('chases police liaison for a severe mental disorder at risk level 3+ after 24 h, until it is recorded', async () => {
      ctx.clock.set('2026-05-01T10:00:00+08:00');
      await relogin('grid', 'coun', 'psy');
      const personId = await insertTestPerson(ctx.db, community);
      const { caseId } = (await as('grid').request('POST', '/api/crisis/reports', { personId, observed: ['violence'], urgency: 'high' })).json<{ caseId: string }>();
      const triage = await as('coun').request('POST', `/api/crisis/cases/${caseId}/triage`, {
        thoughts: 'none', plan: false, means: false, timeframe: 'none', recentAttempt: false, smdRiskLevel: 4,
      });
      expect(triage.json()).toMatchObject({ policeLiaisonNeeded: true });
      ctx.clock.advance(23 * HOUR);
      await escalateOverdueCases(ctx);
      const chased = async () => (await notificationsOf('lead', 'crisis.police_liaison_overdue')).filter((n) => n.link === `/crisis/cases/${caseId}`);
      expect(await chased()).toHaveLength(0);
      ctx.clock.advance(HOUR);
      await escalateOverdueCases(ctx);
      expect(await chased()).toHaveLength(1);
      expect((await notificationsOf('specialist', 'crisis.police_liaison_overdue')).filter((n) => n.link === `/crisis/cases/${caseId}`)).toHaveLength(1);
      await relogin('coun', 'psy');
      const summary = async () => (await as('psy').request('GET', `/api/crisis/cases/${caseId}`)).json<{ policeLiaisonOverdue: boolean; policeLiaisonAt: string | null }>();
      expect(await summary()).toMatchObject({ policeLiaisonOverdue: true, policeLiaisonAt: null });
      await as('coun').request('POST', `/api/crisis/cases/${caseId}/transitions`, { event: 'start_intervention' });
      expect((await as('coun').request('POST', `/api/crisis/cases/${caseId}/contacts`, { mode: 'police_liaison', reached: true })).statusCode).toBe(201);
      expect(await summary()).toMatchObject({ policeLiaisonOverdue: false });
    });

    it('retries a notification that failed on the next run, and sends it once', async () => {
      ctx.clock.set('2026-06-01T10:00:00+08:00');
      await relogin('grid');
      const personId = await insertTestPerson(ctx.db, community);
      const { caseId } = (await as('grid').request('POST', '/api/crisis/reports', { personId, observed: ['self_harm'], urgency: 'imminent' })).json<{ caseId: string }>();
      // The notification store refuses rows for a while (a broken disk, a lock timeout …).
      await ctx.db.exec(`
        CREATE FUNCTION test_refuse_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'notifications unavailable'; END; $$;
        CREATE TRIGGER test_refuse BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION test_refuse_notifications();`);
      await expect(escalateOverdueCases(ctx)).rejects.toThrow(/retried next run/);
      const mine = async () => (await ctx.db.query<{ n: number }>('SELECT count(*) AS n FROM notifications WHERE link = $1', [`/crisis/cases/${caseId}`]))[0]?.n;
      expect(Number(await mine())).toBe(0);
      await ctx.db.exec('DROP TRIGGER test_refuse ON notifications; DROP FUNCTION test_refuse_notifications();');
      await escalateOverdueCases(ctx);
      await escalateOverdueCases(ctx);
      const onCall = await ctx.db.query<{ account_id: string }>('SELECT account_id FROM notifications WHERE link = $1 AND kind = $2', [`/crisis/cases/${caseId}`, 'crisis.new_case']);
      expect(onCall.length).toBeGreaterThanOrEqual(1);
      expect(new Set(onCall.map((r) => r.account_id)).size).toBe(onCall.length); // once per account
    });

    it('reconciliation opens a case for an orphan risk flag, once', async () => {
      const personId = await insertTestPerson(ctx.db, community);
      const [a] = await ctx.db.query<{ id: string }>(
        `INSERT INTO assessments (person_id, region_code, instrument, instrument_version, mode, status, created_at, updated_at, completed_at)
         VALUES ($1, $2, 'phq9', '1', 'in_person', 'submitted', now(), now(), now()) RETURNING id`,
        [personId, community],
      );
      if (!a) throw new Error('assessment');
      await ctx.db.query(
        `INSERT INTO assessment_flags (assessment_id, rule_id, flag, level, action, reason_zh, reason_en, created_at)
         VALUES ($1, 'phq9.item9', 'suicide_risk_item9', 'high', 'crisis', '第9题阳性', 'item 9 positive', now())`,
        [a.id],
      );
      const first = await reconcileCrisisSignals(ctx);
      expect(first.flags).toBeGreaterThanOrEqual(1);
      const cases = await ctx.db.query<{ level: string; opened_source: string }>('SELECT level, opened_source FROM crisis_cases WHERE person_id = $1', [personId]);
      expect(cases).toEqual([{ level: 'high', opened_source: 'assessment' }]);
      expect((await reconcileCrisisSignals(ctx)).flags).toBe(0);
    });

    it('reconciliation links an orphan report', async () => {
      const [r] = await ctx.db.query<{ id: string }>(
        `INSERT INTO crisis_reports (source, reporter_id, reporter_kind, region_code, urgency, observed, location_enc, reported_at)
         VALUES ('field_report', $1, 'grid_worker', $2, 'moderate', '{missing}', 'x', now()) RETURNING id`,
        [id('grid'), community],
      );
      await reconcileCrisisSignals(ctx);
      const [after] = await ctx.db.query<{ case_id: string | null }>('SELECT case_id FROM crisis_reports WHERE id = $1', [r?.id]);
      expect(after?.case_id).not.toBeNull();
    });
  });

  describe('live stream', () => {
    it('sends `changed` over server-sent events when a case is reported', async () => {
      await relogin('grid', 'psy');
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const cookie = [...as('psy').cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const controller = new AbortController();
      const res = await fetch(`${address}/api/crisis/stream`, { headers: { cookie }, signal: controller.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body?.getReader();
      if (!reader) throw new Error('no body');
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (needle: string): Promise<void> => {
        const deadline = Date.now() + 10_000;
        while (!text.includes(needle)) {
          if (Date.now() > deadline) throw new Error(`no ${needle} in ${text}`);
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          text += decoder.decode(value);
        }
      };
      await readUntil('event: ready');
      await as('grid').request('POST', '/api/crisis/reports', { regionCode: community, address: '江边', observed: ['attempt'], urgency: 'imminent' });
      await readUntil('event: changed');
      controller.abort();
      const denied = await fetch(`${address}/api/crisis/stream`, { headers: { cookie: [...as('grid').cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      expect(denied.status).toBe(403);
    });
  });
});
