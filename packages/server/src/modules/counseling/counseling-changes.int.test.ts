import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity } from '../../testing/factories.ts';
import type { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { count, makePerson, signIn } from './service-testing.ts';

// Plans changing hands (one or many) and corrections of a recorded session. Test clock: 2026-03-02 09:00 (Shanghai).
describe.each(backends())('counseling reassignment and corrections on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  const as: Record<string, TestSession> = {};
  const ids: Record<string, string> = {};
  let a1: string;
  let a2: string;
  let b: string;
  let p1: string;
  let p2: string;
  let pB: string;
  let teamA: string;
  let teamB: string;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community: a1 } = await makeCommunity(ctx, '420102000000', 1)); // 江岸区
    ({ community: a2 } = await makeCommunity(ctx, '420102000000', 2));
    ({ community: b } = await makeCommunity(ctx, '420103000000', 3)); // 江汉区
    for (const [name, role, region] of [
      ['counselor_a', 'counselor', '420102000000'],
      ['counselor_a2', 'counselor', '420102000000'],
      ['counselor_b', 'counselor', '420103000000'],
      ['admin_city', 'health_admin', '420100000000'],
      ['doctor_a', 'primary_care_doctor', '420102000000'],
      ['psych_city', 'psychiatrist', '420100000000'],
      ['grid_a', 'grid_worker', a1],
    ] as const) {
      const s = await signIn(ctx, app, name, role, region);
      as[name] = s.session;
      ids[name] = s.accountId;
    }
    p1 = await makePerson(ctx, a1, '李明');
    p2 = await makePerson(ctx, a2, '王芳');
    pB = await makePerson(ctx, b, '钱伟');
    const team = async (name: string, region: string): Promise<string> => {
      const [t] = await ctx.db.query<{ id: string }>(`INSERT INTO teams (name, kind, region_code) VALUES ($1, 'county_counseling', $2) RETURNING id`, [name, region]);
      await ctx.db.query('INSERT INTO team_regions (team_id, region_code) VALUES ($1, $2)', [t?.id, region]);
      return t?.id as string;
    };
    teamA = await team('江岸区心理服务队', '420102000000');
    teamB = await team('江汉区心理服务队', '420103000000');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const plan = async (who: string, personId: string): Promise<string> => {
    const res = await as[who]!.request('POST', '/api/counseling/plans', { personId, type: 'individual', goals: '缓解焦虑', responsibleAccountId: ids[who] });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const owner = async (planId: string) =>
    (await ctx.db.query<{ team_id: string | null; responsible_account_id: string | null }>('SELECT team_id, responsible_account_id FROM counseling_plans WHERE id = $1', [planId]))[0];

  describe('plan reassignment', () => {
    let plan1: string;
    let plan2: string;
    let planB: string;
    beforeAll(async () => {
      plan1 = await plan('counselor_a', p1);
      plan2 = await plan('counselor_a', p2);
      planB = await plan('counselor_b', pB);
    });

    it('moves a batch of plans to another counselor and team: history, timeline, one notification, one audit row', async () => {
      const timeline = await count(ctx, 'person_timeline');
      const res = await as.admin_city!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1, plan2], responsibleAccountId: ids.counselor_a2, teamId: teamA });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ reassigned: 2 });
      expect(await owner(plan1)).toEqual({ team_id: teamA, responsible_account_id: ids.counselor_a2 });
      expect(await owner(plan2)).toEqual({ team_id: teamA, responsible_account_id: ids.counselor_a2 });
      const history = await ctx.db.query<{ plan_id: string; previous_account_id: string; responsible_account_id: string; changed_by: string }>(
        'SELECT plan_id, previous_account_id, responsible_account_id, changed_by FROM counseling_plan_ownership ORDER BY id',
      );
      expect(history.map((h) => [h.previous_account_id, h.responsible_account_id, h.changed_by])).toEqual([
        [ids.counselor_a, ids.counselor_a2, ids.admin_city],
        [ids.counselor_a, ids.counselor_a2, ids.admin_city],
      ]);
      expect(await count(ctx, 'person_timeline')).toBe(timeline + 2);
      const notes = await ctx.db.query<{ kind: string; params: { count: number } }>('SELECT kind, params FROM notifications WHERE account_id = $1', [ids.counselor_a2]);
      expect(notes).toEqual([{ kind: 'counseling.plans_assigned', params: { count: 2 } }]);
      const mine = (await as.counselor_a2!.request('GET', '/api/counseling/plans?mine=true')).json().items as { id: string; teamName: string }[];
      expect(mine.map((p) => p.id).sort()).toEqual([plan1, plan2].sort());
      expect(mine[0]?.teamName).toBe('江岸区心理服务队');
      const audit = await ctx.db.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE details->>'event' = 'plans_reassigned'");
      expect(audit).toHaveLength(1);
      expect(audit[0]?.details).toMatchObject({ count: 2, responsibleAccountId: ids.counselor_a2 });
      expect(JSON.stringify(audit)).not.toMatch(/李明|王芳|缓解焦虑/);
    });

    it('lists whom a plan can go to: counseling roles within or above the caller’s jurisdiction', async () => {
      const names = async (who: string) =>
        ((await as[who]!.request('GET', '/api/counseling/counselors')).json().items as { accountId: string }[]).map((c) => c.accountId).sort();
      expect(await names('counselor_a')).toEqual([ids.counselor_a, ids.counselor_a2, ids.doctor_a, ids.psych_city].sort());
      expect(await names('admin_city')).toEqual([ids.counselor_a, ids.counselor_a2, ids.counselor_b, ids.doctor_a, ids.psych_city].sort());
    });

    it('lets a counselor hand a plan over within the jurisdiction, keeping the team when it is left out', async () => {
      const res = await as.counselor_a2!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1], responsibleAccountId: ids.counselor_a });
      expect(res.statusCode, res.body).toBe(200);
      expect(await owner(plan1)).toEqual({ team_id: teamA, responsible_account_id: ids.counselor_a });
      const clearTeam = await as.counselor_a!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1], teamId: null });
      expect(clearTeam.statusCode).toBe(200);
      expect(await owner(plan1)).toEqual({ team_id: null, responsible_account_id: ids.counselor_a });
    });

    it('refuses the whole batch when one plan cannot move, and changes nothing', async () => {
      const snapshot = async () => [await owner(plan1), await owner(plan2), await owner(planB), await count(ctx, 'counseling_plan_ownership'), await count(ctx, 'person_timeline')];
      let before = await snapshot();
      const unchanged = async () => expect(await snapshot()).toEqual(before);
      const outside = await as.counselor_a!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1, planB], responsibleAccountId: ids.counselor_a2 });
      expect([outside.statusCode, outside.json().error.code]).toEqual([403, 'OUT_OF_JURISDICTION']);
      const wrongCounselor = await as.admin_city!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1, plan2], responsibleAccountId: ids.counselor_b });
      expect([wrongCounselor.statusCode, wrongCounselor.json().error.field]).toEqual([400, 'body.responsibleAccountId']);
      const notCounseling = await as.admin_city!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1], responsibleAccountId: ids.grid_a });
      expect([notCounseling.statusCode, notCounseling.json().error.field]).toEqual([400, 'body.responsibleAccountId']);
      const wrongTeam = await as.admin_city!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1, plan2], teamId: teamB });
      expect([wrongTeam.statusCode, wrongTeam.json().error.field]).toEqual([400, 'body.teamId']);
      const nothing = await as.admin_city!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1] });
      expect([nothing.statusCode, nothing.json().error.field]).toEqual([400, 'body.responsibleAccountId']);
      const noOne = await as.admin_city!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1], teamId: null, responsibleAccountId: null });
      expect([noOne.statusCode, noOne.json().error.field]).toEqual([400, 'body.responsibleAccountId']);
      const unknown = await as.admin_city!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1, '00000000-0000-4000-8000-000000000000'], responsibleAccountId: ids.counselor_a2 });
      expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'NOT_FOUND']);
      const grid = await as.grid_a!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1], responsibleAccountId: ids.counselor_a2 });
      expect([grid.statusCode, grid.json().error.code]).toEqual([403, 'FORBIDDEN']);
      await unchanged();
      // A finished plan keeps its owner, and takes the batch down with it.
      expect((await as.counselor_a!.request('POST', `/api/counseling/plans/${plan2}/status`, { status: 'completed' })).statusCode).toBe(200);
      before = await snapshot();
      const finished = await as.admin_city!.request('POST', '/api/counseling/plans/reassign', { planIds: [plan1, plan2], responsibleAccountId: ids.counselor_a2 });
      expect([finished.statusCode, finished.json().error.code]).toEqual([409, 'INVALID_STATE']);
      await unchanged();
    });
  });

  describe('session corrections', () => {
    let sessionId: string;
    const session = (over: Record<string, unknown> = {}) => ({
      type: 'individual',
      date: '2026-03-01',
      durationMinutes: 50,
      modality: 'in_person',
      topic: '睡眠与情绪',
      goals: '改善睡眠',
      outcome: '情绪平稳',
      notes: 'CLINICAL-NOTE 夜间惊醒',
      participants: [{ personId: p1 }],
      ...over,
    });
    const revisions = async (who: string, id = sessionId) => {
      const res = await as[who]!.request('GET', `/api/counseling/sessions/${id}/revisions`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as { reason: string | null; changed: string[]; previous: Record<string, unknown>; hidden: string[] }[];
    };
    const viewOf = async (who: string, personId = p1, id = sessionId) =>
      ((await as[who]!.request('GET', `/api/persons/${personId}/counseling`)).json().sessions as Record<string, unknown>[]).find((s) => s.id === id);

    beforeAll(async () => {
      const res = await as.counselor_a!.request('POST', '/api/counseling/sessions', session());
      expect(res.statusCode).toBe(201);
      sessionId = res.json().id as string;
    });

    it('corrects a session with a reason, keeps the replaced values encrypted, audits field names only', async () => {
      expect(await viewOf('counselor_a')).toMatchObject({ revisionCount: 0, editable: true });
      expect(await viewOf('doctor_a')).toMatchObject({ editable: false });
      const res = await as.counselor_a!.request('PATCH', `/api/counseling/sessions/${sessionId}`, {
        reason: '日期和记录写错',
        date: '2026-02-28',
        durationMinutes: 60,
        notes: 'CLINICAL-NOTE-2 补充：白天焦虑',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ id: sessionId, revisionCount: 1, changed: ['date', 'durationMinutes', 'notes'] });
      expect(await viewOf('counselor_a')).toMatchObject({ date: '2026-02-28', durationMinutes: 60, notes: 'CLINICAL-NOTE-2 补充：白天焦虑', outcome: '情绪平稳', revisionCount: 1 });
      const raw = await ctx.db.query<Record<string, unknown>>('SELECT reason_enc, previous_notes_enc, previous_date FROM counseling_session_revisions WHERE session_id = $1', [sessionId]);
      expect(raw).toHaveLength(1);
      expect(JSON.stringify(raw)).not.toMatch(/CLINICAL|写错/);
      const audit = await ctx.db.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE details->>'event' = 'session_corrected'");
      expect(audit[0]?.details).toMatchObject({ changed: ['date', 'durationMinutes', 'notes'], revision: 1 });
      expect(JSON.stringify(audit)).not.toMatch(/CLINICAL|写错|李明/);
      const events = await ctx.db.query<{ person_id: string }>("SELECT person_id FROM person_timeline WHERE kind = 'counseling.session_corrected' AND ref_id = $1", [sessionId]);
      expect(events.map((e) => e.person_id)).toEqual([p1]);
    });

    it('shows the replaced values by the same tiers as the session: notes to clinical note readers only', async () => {
      expect(await revisions('counselor_a')).toMatchObject([
        { reason: '日期和记录写错', changed: ['date', 'durationMinutes', 'notes'], previous: { date: '2026-03-01', durationMinutes: 50, notes: 'CLINICAL-NOTE 夜间惊醒', goals: '改善睡眠' }, hidden: [] },
      ]);
      expect(await revisions('psych_city')).toMatchObject([{ previous: { notes: 'CLINICAL-NOTE 夜间惊醒' }, hidden: [] }]);
      expect(await revisions('doctor_a')).toMatchObject([{ reason: '日期和记录写错', previous: { notes: null, goals: '改善睡眠' }, hidden: ['notes'] }]);
      const grid = await revisions('grid_a');
      expect(grid).toMatchObject([{ reason: null, previous: { date: '2026-03-01', notes: null, goals: null, topic: null }, hidden: ['reason', 'topic', 'goals', 'outcome', 'notes'] }]);
      expect(JSON.stringify(grid)).not.toMatch(/CLINICAL|写错|改善睡眠/);
      const outside = await as.counselor_b!.request('GET', `/api/counseling/sessions/${sessionId}/revisions`);
      expect(outside.statusCode).toBe(404);
    });

    it('lets only the provider or recorder correct, and notes only by roles that may read them', async () => {
      const before = await count(ctx, 'counseling_session_revisions');
      const other = await as.counselor_a2!.request('PATCH', `/api/counseling/sessions/${sessionId}`, { reason: '补充', outcome: '好转' });
      expect([other.statusCode, other.json().error.code]).toEqual([403, 'FORBIDDEN']);
      const outside = await as.counselor_b!.request('PATCH', `/api/counseling/sessions/${sessionId}`, { reason: '补充', outcome: '好转' });
      expect(outside.statusCode).toBe(404);
      // A primary-care doctor records counseling but does not read clinical notes: it may correct its own session's
      // outcome, never its notes.
      const own = await as.doctor_a!.request('POST', '/api/counseling/sessions', session({ notes: undefined }));
      expect(own.statusCode).toBe(201);
      const id = own.json().id as string;
      const notes = await as.doctor_a!.request('PATCH', `/api/counseling/sessions/${id}`, { reason: '补充记录', notes: '覆盖' });
      expect([notes.statusCode, notes.json().error.code, notes.json().error.field]).toEqual([403, 'FORBIDDEN', 'body.notes']);
      expect(await count(ctx, 'counseling_session_revisions')).toBe(before);
      const outcome = await as.doctor_a!.request('PATCH', `/api/counseling/sessions/${id}`, { reason: '补充记录', outcome: '睡眠好转', modality: 'phone' });
      expect(outcome.statusCode, outcome.body).toBe(200);
      expect(await viewOf('doctor_a', p1, id)).toMatchObject({ outcome: '睡眠好转', modality: 'phone', revisionCount: 1 });
    });

    it('answers bad corrections with a 400 naming the field and writes nothing', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ outcome: '好转' }, 'body.reason'],
        [{ reason: ' ', outcome: '好转' }, 'body.reason'],
        [{ reason: '没有改动' }, 'body.reason'],
        [{ reason: '日期写错', date: '2026-03-03' }, 'body.date'],
        [{ reason: '时长写错', durationMinutes: 481 }, 'body.durationMinutes'],
        [{ reason: '方式写错', modality: 'telepathy' }, 'body.modality'],
        [{ reason: '出勤写错', attendance: [{ personId: p2, attendance: 'absent' }] }, 'body.attendance[0].personId'],
        [{ reason: '类型写错', type: 'group' }, 'body.type'],
      ];
      const before = [await count(ctx, 'counseling_session_revisions'), await count(ctx, 'person_timeline')];
      for (const [body, field] of cases) {
        const res = await as.counselor_a!.request('PATCH', `/api/counseling/sessions/${sessionId}`, body);
        expect([res.statusCode, res.json().error.field], JSON.stringify(body)).toEqual([400, field]);
      }
      expect([await count(ctx, 'counseling_session_revisions'), await count(ctx, 'person_timeline')]).toEqual(before);
      const unknown = await as.counselor_a!.request('PATCH', '/api/counseling/sessions/00000000-0000-4000-8000-000000000000', { reason: '补充', outcome: 'x' });
      expect(unknown.statusCode).toBe(404);
    });

    it('corrects a group session’s attendance and keeps the attendance it replaced', async () => {
      const res = await as.counselor_a!.request(
        'POST',
        '/api/counseling/sessions',
        session({ type: 'group', participants: [{ personId: p1 }, { personId: p2, attendance: 'absent' }] }),
      );
      const id = res.json().id as string;
      const fix = await as.counselor_a!.request('PATCH', `/api/counseling/sessions/${id}`, { reason: '王芳实际到场', attendance: [{ personId: p2, attendance: 'attended' }] });
      expect(fix.statusCode, fix.body).toBe(200);
      const view = await viewOf('counselor_a', p2, id);
      expect((view?.participants as { personId: string; attendance: string }[]).map((p) => p.attendance)).toEqual(['attended', 'attended']);
      const [r] = await revisions('counselor_a', id);
      expect(r?.changed).toEqual(['attendance']);
      expect(new Map((r?.previous.attendance as { personId: string; attendance: string }[]).map((a) => [a.personId, a.attendance]))).toEqual(
        new Map([
          [p1, 'attended'],
          [p2, 'absent'],
        ]),
      );
      // The grid worker of community 1 sees only its own resident's former attendance.
      const [g] = await revisions('grid_a', id);
      expect((g?.previous.attendance as { personId: string }[]).map((a) => a.personId)).toEqual([p1]);
    });
  });
});
