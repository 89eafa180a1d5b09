import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity } from '../../testing/factories.ts';
import type { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { count, makePerson, signIn } from './service-testing.ts';

// The test clock starts on 2026-03-02 09:00 (Asia/Shanghai).
describe.each(backends())('counseling API on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  const as: Record<string, TestSession> = {};
  const ids: Record<string, string> = {};
  let a1: string;
  let a2: string;
  let b: string;
  let p1: string;
  let p2: string;
  let p3: string;
  let pB: string;
  let pWithdrawn: string;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community: a1 } = await makeCommunity(ctx, '420102000000', 1)); // 江岸区
    ({ community: a2 } = await makeCommunity(ctx, '420102000000', 2));
    ({ community: b } = await makeCommunity(ctx, '420103000000', 3)); // 江汉区
    for (const [name, role, region] of [
      ['counselor_a', 'counselor', '420102000000'],
      ['counselor_b', 'counselor', '420103000000'],
      ['psych_city', 'psychiatrist', '420100000000'],
      ['doctor_a', 'primary_care_doctor', '420102000000'],
      ['grid_a', 'grid_worker', a1],
      ['social_a', 'social_worker', '420102000000'],
      ['evaluator', 'evaluator', '420000000000'],
    ] as const) {
      const s = await signIn(ctx, app, name, role, region);
      as[name] = s.session;
      ids[name] = s.accountId;
    }
    p1 = await makePerson(ctx, a1, '李明');
    p2 = await makePerson(ctx, a1, '王芳');
    p3 = await makePerson(ctx, a2, '赵强');
    pB = await makePerson(ctx, b, '钱伟');
    pWithdrawn = await makePerson(ctx, a1, '孙丽');
    // A counseling consent given, then withdrawn (the assessment module's consents table).
    await ctx.db.query(
      `INSERT INTO consents (person_id, region_code, purpose, text_version, method, given_by, taken_by, given_at, withdrawn_at, withdrawn_by)
       VALUES ($1, $2, 'counseling', 'v1', 'signed_paper', 'self', $3, '2026-01-05T10:00:00+08:00', '2026-02-01T10:00:00+08:00', $3)`,
      [pWithdrawn, a1, ids.counselor_a],
    );
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const session = (over: Record<string, unknown> = {}) => ({
    type: 'individual',
    date: '2026-03-01',
    durationMinutes: 50,
    modality: 'in_person',
    topic: '睡眠与情绪',
    goals: '改善睡眠',
    outcome: '情绪平稳，睡眠改善',
    notes: 'CLINICAL-NOTE 患者自述夜间惊醒',
    participants: [{ personId: p1 }],
    ...over,
  });

  let planId: string;
  let individualSession: string;

  it('creates a plan within the jurisdiction and lists it only there', async () => {
    const res = await as.counselor_a!.request('POST', '/api/counseling/plans', {
      personId: p1,
      type: 'individual',
      goals: '缓解焦虑',
      responsibleAccountId: ids.counselor_a,
    });
    expect(res.statusCode).toBe(201);
    planId = res.json().id as string;
    const mine = await as.counselor_a!.request('GET', '/api/counseling/plans?mine=true');
    expect(mine.json().items.map((p: { id: string }) => p.id)).toEqual([planId]);
    expect(mine.json().items[0]).toMatchObject({ type: 'individual', status: 'active', goals: '缓解焦虑', personName: '李*' });
    const other = await as.counselor_b!.request('GET', '/api/counseling/plans');
    expect(other.json().items).toEqual([]);
    const outside = await as.counselor_b!.request('POST', '/api/counseling/plans', { personId: p1, type: 'group', responsibleAccountId: ids.counselor_b });
    expect([outside.statusCode, outside.json().error.code]).toEqual([403, 'OUT_OF_JURISDICTION']);
    const noOne = await as.counselor_a!.request('POST', '/api/counseling/plans', { personId: p1, type: 'group' });
    expect([noOne.statusCode, noOne.json().error.field]).toEqual([400, 'body.responsibleAccountId']);
    const grid = await as.grid_a!.request('POST', '/api/counseling/plans', { personId: p1, type: 'group', responsibleAccountId: ids.grid_a });
    expect([grid.statusCode, grid.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('records an individual session on the plan with encrypted notes', async () => {
    const res = await as.counselor_a!.request('POST', '/api/counseling/sessions', session({ participants: [{ personId: p1, planId }] }));
    expect(res.statusCode).toBe(201);
    individualSession = res.json().id as string;
    const raw = await ctx.db.query<{ notes_enc: string; goals_enc: string }>('SELECT notes_enc, goals_enc FROM counseling_sessions WHERE id = $1', [individualSession]);
    expect(raw[0]?.notes_enc).not.toContain('CLINICAL-NOTE');
    expect(raw[0]?.goals_enc).not.toContain('改善睡眠');
    const plan = (await as.counselor_a!.request('GET', `/api/persons/${p1}/counseling`)).json().plans[0] as { sessionCount: number };
    expect(plan.sessionCount).toBe(1);
  });

  it('shows clinical notes only to roles with counseling.read_notes; grid and social workers see neither notes nor outcome', async () => {
    const view = async (who: string) => {
      const res = await as[who]!.request('GET', `/api/persons/${p1}/counseling`);
      expect(res.statusCode).toBe(200);
      return (res.json().sessions as { id: string; notes: string | null; outcome: string | null; goals: string | null; hidden: string[]; modality: string }[]).find(
        (s) => s.id === individualSession,
      );
    };
    expect(await view('counselor_a')).toMatchObject({ notes: 'CLINICAL-NOTE 患者自述夜间惊醒', outcome: '情绪平稳，睡眠改善', hidden: [] });
    expect(await view('psych_city')).toMatchObject({ notes: 'CLINICAL-NOTE 患者自述夜间惊醒', hidden: [] });
    expect(await view('doctor_a')).toMatchObject({ notes: null, outcome: '情绪平稳，睡眠改善', hidden: ['notes'] });
    for (const who of ['grid_a', 'social_a']) {
      const v = await view(who);
      expect(v).toMatchObject({ modality: 'in_person', notes: null, outcome: null, goals: null, hidden: ['topic', 'goals', 'outcome', 'notes'] });
      const text = JSON.stringify((await as[who]!.request('GET', `/api/persons/${p1}/counseling`)).json());
      expect(text).not.toContain('CLINICAL-NOTE');
      expect(text).not.toContain('缓解焦虑');
      const list = JSON.stringify((await as[who]!.request('GET', '/api/counseling/sessions')).json());
      expect(list).not.toContain('CLINICAL-NOTE');
    }
  });

  it('records a group session with several participants, attendance each, one timeline event per participant', async () => {
    const before = await count(ctx, 'person_timeline');
    const res = await as.counselor_a!.request(
      'POST',
      '/api/counseling/sessions',
      session({
        type: 'group',
        modality: 'in_person',
        durationMinutes: 90,
        topic: '康复者互助小组',
        participants: [{ personId: p1 }, { personId: p2, attendance: 'absent' }, { personId: p3, attendance: 'left_early' }],
      }),
    );
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    expect(await count(ctx, 'person_timeline')).toBe(before + 3);
    const events = await ctx.db.query<{ person_id: string; summary: { attendance: string } }>(
      "SELECT person_id, summary FROM person_timeline WHERE kind = 'counseling.session' AND ref_id = $1 ORDER BY person_id",
      [id],
    );
    expect(new Map(events.map((e) => [e.person_id, e.summary.attendance]))).toEqual(
      new Map([
        [p1, 'attended'],
        [p2, 'absent'],
        [p3, 'left_early'],
      ]),
    );
    const listed = (await as.counselor_a!.request('GET', '/api/counseling/sessions?mine=true')).json().items as { id: string; type: string; regionCode: string; participants: unknown[] }[];
    const group = listed.find((s) => s.id === id);
    expect(group).toMatchObject({ type: 'group', regionCode: '420102000000' });
    expect(group?.participants).toHaveLength(3);
    // The grid worker of community 1 sees the participants living there, not the one from community 2.
    const gridView = (await as.grid_a!.request('GET', `/api/persons/${p2}/counseling`)).json().sessions as { id: string; participants: { personId: string }[] }[];
    expect(gridView.find((s) => s.id === id)?.participants.map((p) => p.personId).sort()).toEqual([p1, p2].sort());
    const audit = await ctx.db.query<{ details: unknown }>("SELECT details FROM audit_log WHERE resource_type = 'counseling_session' AND resource_id = $1", [id]);
    expect(audit[0]?.details).toMatchObject({ participants: 3, attended: 1 });
    expect(JSON.stringify(audit)).not.toMatch(/李明|王芳|赵强|CLINICAL/);
  });

  it('refuses a group session with a participant outside the jurisdiction and writes nothing', async () => {
    const before = [await count(ctx, 'counseling_sessions'), await count(ctx, 'person_timeline')];
    const res = await as.counselor_a!.request('POST', '/api/counseling/sessions', session({ type: 'group', participants: [{ personId: p1 }, { personId: pB }] }));
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'OUT_OF_JURISDICTION']);
    expect([await count(ctx, 'counseling_sessions'), await count(ctx, 'person_timeline')]).toEqual(before);
  });

  it('refuses a session for a withdrawn consent, naming the participant, and writes nothing', async () => {
    const before = [await count(ctx, 'counseling_sessions'), await count(ctx, 'counseling_session_participants')];
    const res = await as.counselor_a!.request('POST', '/api/counseling/sessions', session({ type: 'group', participants: [{ personId: p1 }, { personId: pWithdrawn }] }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONSENT_REQUIRED', field: 'body.participants[1].personId' });
    expect([await count(ctx, 'counseling_sessions'), await count(ctx, 'counseling_session_participants')]).toEqual(before);
    // A new consent given after the withdrawal lets counseling resume.
    await ctx.db.query(
      `INSERT INTO consents (person_id, region_code, purpose, text_version, method, given_by, taken_by, given_at)
       VALUES ($1, $2, 'counseling', 'v2', 'witnessed_verbal', 'self', $3, '2026-03-01T10:00:00+08:00')`,
      [pWithdrawn, a1, ids.counselor_a],
    );
    const again = await as.counselor_a!.request('POST', '/api/counseling/sessions', session({ participants: [{ personId: pWithdrawn }] }));
    expect(again.statusCode).toBe(201);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ modality: 'telepathy' }, 'body.modality'],
      [{ date: '2026-03-03' }, 'body.date'],
      [{ durationMinutes: 0 }, 'body.durationMinutes'],
      [{ type: 'group' }, 'body.participants'],
      [{ participants: [{ personId: p1 }, { personId: p1 }], type: 'group' }, 'body.participants[1].personId'],
      [{ participants: [{ personId: '00000000-0000-4000-8000-000000000000' }] }, 'body.participants[0].personId'],
      [{ participants: [{ personId: p2, planId }] }, 'body.participants[0].planId'],
      [{ extra: 1 }, 'body.extra'],
    ];
    const before = await count(ctx, 'counseling_sessions');
    for (const [change, field] of cases) {
      const res = await as.counselor_a!.request('POST', '/api/counseling/sessions', session(change));
      expect([res.statusCode, res.json().error.field], JSON.stringify(change)).toEqual([400, field]);
    }
    expect(await count(ctx, 'counseling_sessions')).toBe(before);
  });

  it('completes a plan, after which it takes no sessions', async () => {
    const done = await as.counselor_a!.request('POST', `/api/counseling/plans/${planId}/status`, { status: 'completed' });
    expect(done.json()).toEqual({ id: planId, status: 'completed' });
    const again = await as.counselor_a!.request('POST', `/api/counseling/plans/${planId}/status`, { status: 'active' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'INVALID_STATE']);
    const res = await as.counselor_a!.request('POST', '/api/counseling/sessions', session({ participants: [{ personId: p1, planId }] }));
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('creates a plan from a completed consultation, typed by its recommendation, once', async () => {
    const insertConsultation = async (status: 'pending' | 'completed'): Promise<string> => {
      const a = await ctx.db.query<{ id: string }>(
        `INSERT INTO assessments (person_id, region_code, instrument, instrument_version, mode, status, answers, created_at, updated_at, completed_at)
         VALUES ($1, $2, 'phq9', '1.0.0', 'in_person', 'submitted', '[1,1,1,1,1,1,1,1,0]', now(), now(), now()) RETURNING id`,
        [p3, a2],
      );
      const c = await ctx.db.query<{ id: string }>(
        status === 'completed'
          ? `INSERT INTO consultations (assessment_id, person_id, region_code, reasons, status, requested_at, reviewed_by, reviewed_at, recommendation)
             VALUES ($1, $2, $3, '{severity}', 'completed', now(), $4, now(), 'family') RETURNING id`
          : `INSERT INTO consultations (assessment_id, person_id, region_code, reasons, requested_at) VALUES ($1, $2, $3, '{severity}', now()) RETURNING id`,
        status === 'completed' ? [a[0]?.id, p3, a2, ids.psych_city] : [a[0]?.id, p3, a2],
      );
      return c[0]?.id as string;
    };
    const pending = await insertConsultation('pending');
    const early = await as.counselor_a!.request('POST', '/api/counseling/plans', { consultationId: pending, responsibleAccountId: ids.counselor_a });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'INVALID_STATE']);
    const done = await insertConsultation('completed');
    const res = await as.counselor_a!.request('POST', '/api/counseling/plans', { consultationId: done, responsibleAccountId: ids.counselor_a, goals: '改善家庭沟通' });
    expect(res.statusCode).toBe(201);
    const plans = (await as.counselor_a!.request('GET', `/api/persons/${p3}/counseling`)).json().plans as { id: string; type: string; consultationId: string }[];
    expect(plans.find((p) => p.id === res.json().id)).toMatchObject({ type: 'family', consultationId: done });
    const again = await as.counselor_a!.request('POST', '/api/counseling/plans', { consultationId: done, responsibleAccountId: ids.counselor_a });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ALREADY_EXISTS']);
    const wrongPerson = await as.counselor_a!.request('POST', '/api/counseling/plans', { consultationId: done, personId: p1, responsibleAccountId: ids.counselor_a });
    expect([wrongPerson.statusCode, wrongPerson.json().error.field]).toEqual([400, 'body.personId']);
  });

  it('refuses roles outside the service loop on every list, with 403 and no 500', async () => {
    for (const url of ['/api/counseling/plans', '/api/counseling/sessions', '/api/referrals?direction=incoming', '/api/care-visits', `/api/persons/${p1}/counseling`]) {
      const res = await as.evaluator!.request('GET', url);
      expect([res.statusCode, res.json().error.code], url).toEqual([403, 'FORBIDDEN']);
    }
    const region = await as.counselor_b!.request('GET', '/api/counseling/plans?region=420102000000');
    expect([region.statusCode, region.json().error.code]).toEqual([403, 'OUT_OF_JURISDICTION']);
  });

  it('records toolkit hand-outs by counselors and grid workers and lists them on the person', async () => {
    const byGrid = await as.grid_a!.request('POST', '/api/toolkit-handouts', { personId: p2, item: 'handbook' });
    expect(byGrid.statusCode).toBe(201);
    const byCounselor = await as.counselor_a!.request('POST', '/api/toolkit-handouts', { personId: p2, item: 'service_leaflet', quantity: 2, handedOn: '2026-02-20' });
    expect(byCounselor.statusCode).toBe(201);
    const bad = await as.counselor_a!.request('POST', '/api/toolkit-handouts', { personId: p2, item: 'other' });
    expect([bad.statusCode, bad.json().error.field]).toEqual([400, 'body.itemLabel']);
    const out = await as.counselor_b!.request('POST', '/api/toolkit-handouts', { personId: p2, item: 'handbook' });
    expect(out.statusCode).toBe(403);
    const handouts = (await as.social_a!.request('GET', `/api/persons/${p2}/counseling`)).json().handouts as { item: string; handedBy: string }[];
    expect(handouts.map((h) => [h.item, h.handedBy])).toEqual([
      ['handbook', ids.grid_a],
      ['service_leaflet', ids.counselor_a],
    ]);
  });
});
