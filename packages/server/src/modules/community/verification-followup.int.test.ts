import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { makePersonRow, makeTeam } from '../followup/followup-test-support.ts';

/** The register's verification drives follow-up: a move hands the person's care to the new team, a death ends it. */
describe.each(backends())('verification → follow-up on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let communityA: string;
  let communityC: string;
  let teamA: string;
  let teamC: string;
  const ids: Record<string, string> = {};
  const sessions: Record<string, TestSession> = {};
  const as = (who: string): TestSession => sessions[who] ?? (() => { throw new Error(who); })();

  const openTasks = (personId: string) =>
    ctx.db.query<{ team_id: string | null; region_code: string }>(
      `SELECT t.team_id, t.region_code FROM followup_tasks t JOIN enrolments e ON e.id = t.enrolment_id
        WHERE e.person_id = $1 AND t.status IN ('scheduled', 'due', 'overdue')`,
      [personId],
    );

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community: communityA } = await makeCommunity(ctx, '420102000000', 1));
    ({ community: communityC } = await makeCommunity(ctx, '420103000000', 2));
    for (const [username, role, regionCode] of [
      ['doctor_city', 'primary_care_doctor', '420100000000'],
      ['grid_a', 'grid_worker', communityA],
      ['grid_c', 'grid_worker', communityC],
    ] as const) {
      ids[username] = (await makeAccount(ctx, { role, regionCode, username })).id;
      const s = new TestSession(app);
      expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[username] = s;
    }
    teamA = await makeTeam(ctx.db, { name: '江岸团队', kind: 'grassroots_service', regionCode: '420102000000', covers: [communityA], members: [{ accountId: ids.grid_a! }] });
    teamC = await makeTeam(ctx.db, { name: '江汉团队', kind: 'grassroots_service', regionCode: '420103000000', covers: [communityC], members: [{ accountId: ids.grid_c! }] });
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('an accepted move passes the open follow-up task to the team covering the new community', async () => {
    const id = await makePersonRow(ctx.db, { name: '赵迁', regionCode: communityA });
    const enrolled = await as('doctor_city').request('POST', '/api/followup/enrolments', { personId: id, program: 'recovered_patient_counseling' });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(await openTasks(id)).toEqual([{ team_id: teamA, region_code: communityA }]);

    const moved = await as('doctor_city').request('POST', `/api/persons/${id}/verifications`, { event: 'move', toRegionCode: communityC });
    expect(moved.statusCode, moved.body).toBe(200);
    // Until the receiving side accepts, the old team keeps the task.
    expect(await openTasks(id)).toEqual([{ team_id: teamA, region_code: communityA }]);
    const accepted = await as('doctor_city').request('POST', `/api/persons/${id}/verifications`, { event: 'accept_handover' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await openTasks(id)).toEqual([{ team_id: teamC, region_code: communityC }]);
  });

  it('a recorded death ends the enrolment and leaves no open task', async () => {
    const id = await makePersonRow(ctx.db, { name: '钱故', regionCode: communityA });
    const enrolled = await as('doctor_city').request('POST', '/api/followup/enrolments', { personId: id, program: 'recovered_patient_counseling' });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const dead = await as('doctor_city').request('POST', `/api/persons/${id}/verifications`, { event: 'decease', deceasedDate: '2026-02-20' });
    expect(dead.statusCode, dead.body).toBe(200);
    expect(await openTasks(id)).toEqual([]);
    const active = await ctx.db.query(`SELECT 1 FROM enrolments WHERE person_id = $1 AND status = 'active'`, [id]);
    expect(active).toHaveLength(0);
  });
});
