import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { findInvariantViolations } from './followup-invariants.ts';
import { makePersonRow, makeTeam } from './followup-test-support.ts';
import { endFollowUpForPerson } from './end-enrolment.ts';
import { transferEnrolments } from './transfer-enrolments.ts';

// The test clock starts on 2026-03-02 09:00 (Asia/Shanghai).
const TODAY = '2026-03-02';
const DAY = 24 * 3600_000;

const smdStable = { riskLevel: 0, symptoms: 'none', insight: 'complete', socialFunction: 'good', severeAdverseReaction: false, seriousPhysicalIllness: false };

describe.each(backends())('follow-up on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let communityA: string;
  let communityB: string;
  let communityC: string;
  const ids: Record<string, string> = {};
  const sessions: Record<string, TestSession> = {};
  const as = (who: string): TestSession => sessions[who] ?? (() => { throw new Error(who); })();
  let teamA: string;
  let teamC: string;

  const openTasks = async (enrolmentId: string) =>
    ctx.db.query<{ id: string; due_date: string; region_code: string; team_id: string | null; worker_id: string | null }>(
      `SELECT id, due_date, region_code, team_id, worker_id FROM followup_tasks WHERE enrolment_id = $1 AND status IN ('scheduled', 'due', 'overdue')`,
      [enrolmentId],
    );
  /** Moves the clock and signs everyone in again (sessions expire after 30 idle minutes). */
  const setTime = async (at: string) => {
    ctx.clock.set(at);
    for (const [username, s] of Object.entries(sessions)) {
      s.cookies.clear();
      expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
    }
  };
  const enrol = async (who: string, personId: string, program: string, extra: object = {}) =>
    as(who).request('POST', '/api/followup/enrolments', { personId, program, ...extra });

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community: communityA } = await makeCommunity(ctx, '420102000000', 1)); // 江岸区
    ({ community: communityB } = await makeCommunity(ctx, '420102000000', 2));
    ({ community: communityC } = await makeCommunity(ctx, '420103000000', 3)); // 江汉区
    const accounts: [string, Parameters<typeof makeAccount>[1]['role'], string][] = [
      ['doctor_a', 'primary_care_doctor', '420102000000'],
      ['grid_a', 'grid_worker', communityA],
      ['grid_a2', 'grid_worker', communityA],
      ['grid_b', 'grid_worker', communityB],
      ['grid_c', 'grid_worker', communityC],
      ['admin_city', 'health_admin', '420100000000'],
      ['evaluator', 'evaluator', '420000000000'],
    ];
    for (const [username, role, regionCode] of accounts) {
      ids[username] = (await makeAccount(ctx, { role, regionCode, username })).id;
      const s = new TestSession(app);
      expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[username] = s;
    }
    teamA = await makeTeam(ctx.db, {
      name: '江岸测试基层团队',
      kind: 'grassroots_service',
      regionCode: '420102000000',
      covers: [communityA, communityB],
      members: [{ accountId: ids.doctor_a!, lead: true }, { accountId: ids.grid_a! }, { accountId: ids.grid_b! }],
    });
    teamC = await makeTeam(ctx.db, {
      name: '江汉测试基层团队',
      kind: 'grassroots_service',
      regionCode: '420103000000',
      covers: ['420103000000'],
      members: [{ accountId: ids.grid_c! }],
    });
    ids.p1 = await makePersonRow(ctx.db, { name: '王一', regionCode: communityA });
    ids.p2 = await makePersonRow(ctx.db, { name: '王二', regionCode: communityA });
    ids.p3 = await makePersonRow(ctx.db, { name: '王三', regionCode: communityB });
    ids.pc = await makePersonRow(ctx.db, { name: '李四', regionCode: communityC });
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('enrols with the team covering the region and its eligible, least-loaded member; first follow-up in 2 weeks', async () => {
    const res = await enrol('doctor_a', ids.p1!, 'severe_mental_disorder');
    expect(res.statusCode).toBe(201);
    const body = res.json<{ enrolmentId: string; taskId: string; dueDate: string; teamId: string; workerId: string }>();
    // grid_b may not record in community A, the doctor is the lead: grid_a is chosen
    expect(body).toMatchObject({ dueDate: '2026-03-16', teamId: teamA, workerId: ids.grid_a });
    ids.e1 = body.enrolmentId;
    ids.t1 = body.taskId;
    expect(await openTasks(body.enrolmentId)).toHaveLength(1);
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
    const timeline = await ctx.db.query<{ kind: string; summary: object }>('SELECT kind, summary FROM person_timeline WHERE person_id = $1', [ids.p1]);
    expect(timeline).toContainEqual({ kind: 'followup.enrolled', summary: { program: 'severe_mental_disorder', firstDue: '2026-03-16' } });
    const audit = await ctx.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'followup.enrol' AND resource_id = $1`, [body.enrolmentId]);
    expect(JSON.stringify(audit)).not.toContain('王一');
  });

  it('refuses a second active enrolment in the same program, an unknown person, and a person outside the jurisdiction', async () => {
    let res = await enrol('doctor_a', ids.p1!, 'severe_mental_disorder');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'ALREADY_EXISTS' } });
    res = await enrol('doctor_a', '00000000-0000-4000-8000-000000000000', 'severe_mental_disorder');
    expect(res.statusCode).toBe(404);
    res = await enrol('doctor_a', ids.pc!, 'severe_mental_disorder');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'OUT_OF_JURISDICTION' } });
    res = await enrol('grid_a', ids.p2!, 'severe_mental_disorder'); // grid workers record, they do not assign
    expect(res.statusCode).toBe(403);
    res = await enrol('doctor_a', ids.p2!, 'severe_mental_disorder', { teamId: teamA, workerId: ids.grid_b });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { field: 'body.workerId' } });
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
  });

  it('records a stable SMD home visit: task done, next in 3 months, timeline, one open task', async () => {
    await setTime('2026-03-16T10:00:00+08:00');
    const res = await as('grid_a').request('POST', `/api/followup/tasks/${ids.t1}/records`, {
      visitedOn: '2026-03-16',
      mode: 'home_visit',
      reached: true,
      informant: 'patient',
      medication: { takes: true, adherence: 'regular', sideEffects: 'none' },
      smd: smdStable,
      guidance: ['medication', 'rehabilitation'],
      notes: '患者情况稳定',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ recordId: string; classification: string; next: { taskId: string; dueDate: string; rule: string } }>();
    expect(body).toMatchObject({ classification: 'stable', next: { dueDate: '2026-06-16', rule: 'smd_stable' } });
    const [old] = await ctx.db.query<{ status: string }>('SELECT status FROM followup_tasks WHERE id = $1', [ids.t1]);
    expect(old?.status).toBe('done');
    expect((await openTasks(ids.e1!)).map((t) => t.id)).toEqual([body.next.taskId]);
    const [rec] = await ctx.db.query<{ notes_enc: string }>('SELECT notes_enc FROM followup_records WHERE id = $1', [body.recordId]);
    expect(rec?.notes_enc).not.toContain('稳定');
    expect(ctx.cipher.decrypt(rec!.notes_enc, 'followup_records.notes')).toBe('患者情况稳定');
    const kinds = await ctx.db.query<{ kind: string }>('SELECT kind FROM person_timeline WHERE person_id = $1 ORDER BY id', [ids.p1]);
    expect(kinds.map((k) => k.kind)).toContain('followup.recorded');
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
    ids.t1b = body.next.taskId;
    // recording the same (closed) task again is a conflict
    const again = await as('grid_a').request('POST', `/api/followup/tasks/${ids.t1}/records`, { visitedOn: '2026-03-16', mode: 'phone', reached: false, unreachedReason: 'not_home' });
    expect(again.statusCode).toBe(409);
  });

  it('rejects bad input with a 4xx naming the field and writes nothing', async () => {
    const before = await ctx.db.query('SELECT id FROM followup_records');
    const post = (body: object) => as('grid_a').request('POST', `/api/followup/tasks/${ids.t1b}/records`, body);
    const cases: Array<[object, number, string | undefined]> = [
      [{ visitedOn: '2026-03-17', mode: 'home_visit', reached: true, smd: smdStable }, 400, 'body.visitedOn'],
      [{ visitedOn: '2026-03-16', mode: 'home_visit', reached: true, smd: smdStable, nextDate: '2026-03-10', nextDateReason: 'x' }, 400, 'body.nextDate'],
      [{ visitedOn: '2026-03-16', mode: 'home_visit', reached: true, smd: smdStable, nextDate: '2026-04-01' }, 400, 'body.nextDateReason'],
      [{ visitedOn: '2026-03-16', mode: 'home_visit', reached: true, smd: { ...smdStable, riskLevel: 3, classification: 'stable' } }, 400, 'body.smd.classification'],
      [{ visitedOn: '2026-03-16', mode: 'home_visit', reached: true }, 400, 'body.smd'],
      [{ visitedOn: '2026-03-16', mode: 'home_visit', reached: false }, 400, 'body.unreachedReason'],
      [{ visitedOn: '2026-03-16', mode: 'telepathy', reached: true, smd: smdStable }, 400, undefined],
      [{ visitedOn: '2026-02-30', mode: 'home_visit', reached: true, smd: smdStable }, 400, undefined],
      [{ visitedOn: '2026-03-01', mode: 'home_visit', reached: true, smd: smdStable }, 400, 'body.visitedOn'], // before enrolment
      [{ visitedOn: '2026-03-16', mode: 'home_visit', reached: true, smd: smdStable, assessmentIds: ['00000000-0000-4000-8000-000000000000'] }, 400, 'body.assessmentIds'],
      [{ visitedOn: '2026-03-16', mode: 'home_visit', reached: true, smd: smdStable, medication: { takes: true } }, 400, 'body.medication.adherence'],
    ];
    for (const [body, status, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (field) expect(res.json<{ error: { field?: string } }>().error.field, JSON.stringify(body)).toBe(field);
    }
    // a grid worker of another county: outside the jurisdiction
    const res = await as('grid_c').request('POST', `/api/followup/tasks/${ids.t1b}/records`, { visitedOn: '2026-03-16', mode: 'phone', reached: false, unreachedReason: 'not_home' });
    expect(res.statusCode).toBe(403);
    expect(await ctx.db.query('SELECT id FROM followup_records')).toHaveLength(before.length);
    expect(await openTasks(ids.e1!)).toHaveLength(1);
  });

  it('a recorder may choose another next date with a reason; not reached gives unreachable and a retry', async () => {
    const e2 = (await enrol('doctor_a', ids.p2!, 'recovered_patient_counseling')).json<{ enrolmentId: string; taskId: string }>();
    ids.e2 = e2.enrolmentId;
    let res = await as('grid_a').request('POST', `/api/followup/tasks/${e2.taskId}/records`, {
      visitedOn: '2026-03-16',
      mode: 'phone',
      reached: false,
      unreachedReason: 'out_for_work',
    });
    expect(res.statusCode).toBe(201);
    const r1 = res.json<{ next: { taskId: string; dueDate: string; rule: string } }>();
    expect(r1.next).toMatchObject({ dueDate: '2026-03-30', rule: 'unreached' });
    const [closed] = await ctx.db.query<{ status: string }>('SELECT status FROM followup_tasks WHERE id = $1', [e2.taskId]);
    expect(closed?.status).toBe('unreachable');
    res = await as('grid_a').request('POST', `/api/followup/tasks/${r1.next.taskId}/records`, {
      visitedOn: '2026-03-16',
      mode: 'home_visit',
      reached: true,
      riskLevel: 0,
      counselingStatus: 'ongoing',
      nextDate: '2026-05-01',
      nextDateReason: '家属要求五一后随访',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ next: { dueDate: '2026-05-01', rule: 'manual', proposedDate: '2026-09-16' } });
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
  });

  it('worklists: mine today / week / overdue, keyset pages, jurisdiction scoping, counts by region', async () => {
    await setTime('2026-03-16T10:00:00+08:00');
    const e3 = (await enrol('doctor_a', ids.p3!, 'key_population_other')).json<{ taskId: string; workerId: string }>();
    expect(e3.workerId).toBe(ids.grid_b);
    // Move to the day p1's and p2's tasks are due (p1: 2026-06-16, p2: 2026-05-01)
    await setTime('2026-05-01T08:00:00+08:00');
    let res = await as('grid_a').request('GET', '/api/followup/tasks?scope=mine&when=today');
    expect(res.statusCode).toBe(200);
    let list = res.json<{ items: Array<{ personId: string; personName: string; timeStatus: string; dueDate: string }>; nextCursor: string | null; today: string }>();
    expect(list.today).toBe('2026-05-01');
    expect(list.items.map((i) => i.personId)).toEqual([ids.p2]);
    expect(list.items[0]).toMatchObject({ personName: '王二', timeStatus: 'due' });
    res = await as('grid_a').request('GET', '/api/followup/tasks?scope=mine&when=open&limit=1');
    list = res.json();
    expect(list.items).toHaveLength(1);
    expect(list.nextCursor).not.toBeNull();
    const page2 = (await as('grid_a').request('GET', `/api/followup/tasks?scope=mine&when=open&limit=1&cursor=${list.nextCursor}`)).json<typeof list>();
    expect([...list.items, ...page2.items].map((i) => i.personId).sort()).toEqual([ids.p1, ids.p2].sort());
    expect(page2.nextCursor).toBeNull();
    // p3's first task (due 2026-03-30, window to 04-02) is overdue for grid_b
    res = await as('grid_b').request('GET', '/api/followup/tasks?scope=mine&when=overdue');
    expect(res.json<typeof list>().items.map((i) => [i.personId, i.timeStatus])).toEqual([[ids.p3, 'overdue']]);
    // the team list as the doctor; names are in full for primary care (person.read_full)
    res = await as('doctor_a').request('GET', `/api/followup/tasks?scope=team&teamId=${teamA}&when=open`);
    expect(res.json<typeof list>().items).toHaveLength(3);
    // grid_c (another county) sees none of them, even asking for team A's list
    res = await as('grid_c').request('GET', `/api/followup/tasks?scope=team&teamId=${teamA}&when=open`);
    expect(res.json<typeof list>().items).toHaveLength(0);
    res = await as('grid_c').request('GET', `/api/followup/tasks?scope=region&region=${communityA}&when=open`);
    expect(res.statusCode).toBe(403);
    // the evaluator has no follow-up access
    expect((await as('evaluator').request('GET', '/api/followup/tasks')).statusCode).toBe(403);
    // counts per street below the county, as the city admin
    res = await as('admin_city').request('GET', '/api/followup/counts?region=420102000000');
    const counts = res.json<{ rows: Array<{ code: string; scheduled: number; due: number; overdue: number; done: number }> }>();
    const streetA = counts.rows.find((r) => communityA.startsWith(r.code.slice(0, 9)));
    const streetB = counts.rows.find((r) => communityB.startsWith(r.code.slice(0, 9)));
    expect(streetA).toMatchObject({ scheduled: 1, due: 1, overdue: 0 });
    expect(streetB).toMatchObject({ overdue: 1 });
    // bad cursor
    expect((await as('grid_a').request('GET', '/api/followup/tasks?cursor=garbage')).statusCode).toBe(400);
  });

  it('lists the caller’s teams, and every team in the jurisdiction for those who assign', async () => {
    const mine = (await as('grid_a').request('GET', '/api/followup/teams')).json<{ items: Array<{ id: string; mine: boolean }> }>();
    expect(mine.items.map((t) => t.id)).toEqual([teamA]);
    const city = (await as('admin_city').request('GET', '/api/followup/teams')).json<{ items: Array<{ id: string; members: unknown[] }> }>();
    expect(city.items.map((t) => t.id).sort()).toEqual([teamA, teamC].sort());
    expect((await as('evaluator').request('GET', '/api/followup/teams')).statusCode).toBe(403);
  });

  it('bulk reassignment moves enrolments and their open tasks; all or nothing', async () => {
    let res = await as('doctor_a').request('POST', '/api/followup/reassign', { enrolmentIds: [ids.e1, ids.e2], teamId: teamA, workerId: ids.grid_a2 });
    expect(res.statusCode).toBe(400); // grid_a2 is not a team member
    await ctx.db.query('INSERT INTO team_members (team_id, account_id) VALUES ($1, $2)', [teamA, ids.grid_a2]);
    res = await as('doctor_a').request('POST', '/api/followup/reassign', { enrolmentIds: [ids.e1, ids.e2], teamId: teamA, workerId: ids.grid_a2 });
    expect(res.json()).toEqual({ reassigned: 2 });
    for (const e of [ids.e1!, ids.e2!]) expect((await openTasks(e))[0]?.worker_id).toBe(ids.grid_a2);
    const n = await ctx.db.query(`SELECT 1 FROM notifications WHERE account_id = $1 AND kind = 'followup.assigned'`, [ids.grid_a2]);
    expect(n).toHaveLength(1);
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
  });

  it('transfer: a move passes ownership to the team covering the new region; open tasks move, history stays', async () => {
    const before = await openTasks(ids.e1!);
    const moved = await ctx.db.transaction(async (tx) => {
      await tx.query('UPDATE persons SET region_code = $2 WHERE id = $1', [ids.p1, communityC]);
      return transferEnrolments(tx, ids.p1!, communityC, { at: ctx.clock(), actorId: ids.doctor_a });
    });
    expect(moved).toBe(1);
    const after = await openTasks(ids.e1!);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before[0]!.id, due_date: before[0]!.due_date, region_code: communityC, team_id: teamC, worker_id: ids.grid_c });
    const closed = await ctx.db.query<{ region_code: string }>(`SELECT region_code FROM followup_tasks WHERE enrolment_id = $1 AND status = 'done'`, [ids.e1]);
    expect(closed.map((c) => c.region_code)).toEqual([communityA]);
    const history = await ctx.db.query<{ reason: string }>('SELECT reason FROM enrolment_ownership WHERE enrolment_id = $1 ORDER BY id', [ids.e1]);
    expect(history.map((h) => h.reason)).toEqual(['enrolled', 'reassigned', 'transferred']);
    // the new worker sees it; the old one no longer does
    expect((await as('grid_c').request('GET', '/api/followup/tasks?scope=mine&when=open')).json<{ items: unknown[] }>().items).toHaveLength(1);
    const oldList = (await as('grid_a2').request('GET', '/api/followup/tasks?scope=mine&when=open')).json<{ items: Array<{ personId: string }> }>();
    expect(oldList.items.map((i) => i.personId)).not.toContain(ids.p1);
    // the old team's doctor still reads the history recorded in their county, but not the moved open task
    const panel = (await as('doctor_a').request('GET', `/api/followup/persons/${ids.p1}`));
    expect(panel.statusCode).toBe(403); // the person now lives outside the doctor's county
    const panelC = (await as('grid_c').request('GET', `/api/followup/persons/${ids.p1}`)).json<{ tasks: Array<{ status: string }>; records: unknown[] }>();
    expect(panelC.tasks.map((t) => t.status)).toEqual(['scheduled']);
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
  });

  it('withdrawal cancels the open task; withdrawn consent blocks recording with CONSENT_REQUIRED', async () => {
    // consent withdrawn for p3
    await ctx.db.query(
      `INSERT INTO consents (person_id, region_code, purpose, text_version, method, given_by, taken_by, given_at, withdrawn_at, withdrawn_by)
       VALUES ($1, $2, 'followup', 'v1', 'signed_paper', 'self', $3, $4, $5, $3)`,
      [ids.p3, communityB, ids.doctor_a, new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z')],
    );
    const [task] = await ctx.db.query<{ id: string; enrolment_id: string }>(`SELECT id, enrolment_id FROM followup_tasks WHERE person_id = $1 AND status IN ('scheduled','due','overdue')`, [ids.p3]);
    let res = await as('grid_b').request('POST', `/api/followup/tasks/${task!.id}/records`, { visitedOn: '2026-04-30', mode: 'phone', reached: true });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'CONSENT_REQUIRED' } });
    res = await enrol('doctor_a', ids.p3!, 'recovered_patient_counseling');
    expect(res.json()).toMatchObject({ error: { code: 'CONSENT_REQUIRED' } });
    res = await as('doctor_a').request('POST', `/api/followup/enrolments/${task!.enrolment_id}/end`, { reason: 'consent_withdrawn' });
    expect(res.json()).toEqual({ status: 'withdrawn' });
    expect(await openTasks(task!.enrolment_id)).toHaveLength(0);
    res = await as('doctor_a').request('POST', `/api/followup/enrolments/${task!.enrolment_id}/end`, { reason: 'other' });
    expect(res.statusCode).toBe(409);
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
  });

  it('death closes every active enrolment of the person and leaves no open task', async () => {
    const e4 = (await enrol('doctor_a', ids.p2!, 'severe_mental_disorder')).json<{ enrolmentId: string; taskId: string }>();
    const res = await as('grid_a2').request('POST', `/api/followup/tasks/${e4.taskId}/records`, {
      visitedOn: '2026-05-01',
      mode: 'home_visit',
      reached: true,
      informant: 'family',
      deceased: { date: '2026-04-20', cause: 'physical_illness' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ next: null });
    const rows = await ctx.db.query<{ status: string; end_reason: string }>('SELECT status, end_reason FROM enrolments WHERE person_id = $1', [ids.p2]);
    expect(rows.every((r) => r.status === 'closed' && r.end_reason === 'deceased')).toBe(true);
    expect(rows).toHaveLength(2);
    expect(await ctx.db.query(`SELECT 1 FROM followup_tasks WHERE person_id = $1 AND status IN ('scheduled','due','overdue')`, [ids.p2])).toHaveLength(0);
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
  });

  it('the register can close follow-up when it records a death (endFollowUpForPerson in its transaction)', async () => {
    const p = await makePersonRow(ctx.db, { name: '钱六', regionCode: communityA });
    const e = (await enrol('doctor_a', p, 'recovered_patient_counseling')).json<{ enrolmentId: string }>();
    const closed = await ctx.db.transaction(async (tx) => {
      await tx.query(`UPDATE persons SET deceased_on = '2026-04-28', verification_status = 'deceased' WHERE id = $1`, [p]);
      return endFollowUpForPerson(tx, p, 'deceased', '2026-04-28', { at: ctx.clock(), actorId: ids.doctor_a! });
    });
    expect(closed).toBe(1);
    expect(await openTasks(e.enrolmentId)).toHaveLength(0);
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
  });

  it('risk level 4 at an SMD visit raises a crisis signal; the checker reports a broken invariant', async () => {
    const p = await makePersonRow(ctx.db, { name: '赵五', regionCode: communityA });
    const e = (await enrol('doctor_a', p, 'severe_mental_disorder')).json<{ enrolmentId: string; taskId: string }>();
    const res = await as('doctor_a').request('POST', `/api/followup/tasks/${e.taskId}/records`, {
      visitedOn: '2026-05-01',
      mode: 'clinic',
      reached: true,
      smd: { ...smdStable, riskLevel: 4 },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ classification: string; crisisCaseId: string | null; next: { dueDate: string; rule: string } }>();
    expect(body).toMatchObject({ classification: 'unstable', next: { dueDate: '2026-05-15', rule: 'smd_unstable' } });
    expect(body.crisisCaseId).toEqual(expect.any(String));
    // break the invariant by hand: the checker finds it
    await ctx.db.query(`UPDATE followup_tasks SET status = 'cancelled', closed_at = now() WHERE enrolment_id = $1 AND status IN ('scheduled','due','overdue')`, [e.enrolmentId]);
    expect(await findInvariantViolations(ctx.db)).toEqual([{ rule: 'active_enrolment_without_open_task', enrolmentId: e.enrolmentId, taskId: null }]);
    await expect(
      ctx.db.query(
        `INSERT INTO followup_tasks (enrolment_id, person_id, program, region_code, due_date, window_start, window_end, status, rule, created_at)
         SELECT enrolment_id, person_id, program, region_code, due_date, window_start, window_end, 'scheduled', rule, now() FROM followup_tasks WHERE enrolment_id = $1 LIMIT 1`,
        [ids.e1],
      ),
    ).rejects.toThrow(); // the partial unique index forbids a second open task
  });
  void DAY;
  void TODAY;
});
