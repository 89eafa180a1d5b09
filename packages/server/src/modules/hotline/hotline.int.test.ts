import { callMetrics, DEFAULT_METRIC_OPTIONS, type CallTimes } from '@anxin/domain/hotline/call-metrics.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { anonymiseOldCalls } from './anonymise-old-calls.ts';
import { CallRepository } from './call-repository.ts';
import { runEmergingProblemDetection } from './detect-emerging-problems.ts';
import { postEvent } from './hotline-testing.ts';

const CITY = '420100000000'; // 武汉市
const OTHER_CITY = '420200000000'; // 黄石市
const SECRET = 'test-webhook-secret-0123456789';

describe.each(backends())('hotline on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let lineId: string;
  const s: Record<string, TestSession> = {};
  const ids: Record<string, string> = {};
  let n = 0;
  const callId = (): string => `call-${++n}`;
  const ev = (type: string, call: string, atOffsetS: number, extra: Record<string, unknown> = {}) => ({
    eventId: `${call}-${type}`,
    type,
    line: '12356',
    callId: call,
    at: new Date(ctx.clock().getTime() + atOffsetS * 1000).toISOString(),
    ...extra,
  });
  const send = (event: Record<string, unknown>, options: Partial<Parameters<typeof postEvent>[3]> = {}) =>
    postEvent(app, SECRET, event, { at: ctx.clock(), ...options });

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    for (const [name, role, region] of [
      ['sup', 'hotline_supervisor', CITY],
      ['c1', 'hotline_counselor', CITY],
      ['c2', 'hotline_counselor', CITY],
      ['far', 'hotline_counselor', OTHER_CITY],
      ['health', 'health_admin', CITY],
    ] as const) {
      const acc = await makeAccount(ctx, { role, regionCode: region, username: `hl_${name}` });
      ids[name] = acc.id;
      const session = new TestSession(app);
      expect((await session.login(`hl_${name}`, TEST_PASSWORD)).statusCode).toBe(200);
      s[name] = session;
    }
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });
  const as = (who: string): TestSession => {
    const x = s[who];
    if (!x) throw new Error(who);
    return x;
  };

  describe('set-up', () => {
    it('creates a line with seats; counselors cannot', async () => {
      const body = { number: '12356', name: '武汉市心理援助热线', regionCode: CITY, openTime: '08:00', closeTime: '22:00', seats: ['S1', 'S2', 'S3'], webhookSecret: SECRET };
      expect((await as('c1').request('POST', '/api/hotline/lines', body)).statusCode).toBe(403);
      const res = await as('sup').request('POST', '/api/hotline/lines', body);
      expect(res.statusCode).toBe(201);
      lineId = res.json().id as string;
      expect(res.json().webhookSecret).toBe(SECRET);
      const again = await as('sup').request('POST', '/api/hotline/lines', body);
      expect(again.statusCode).toBe(409);
      const stored = await ctx.db.query<{ webhook_secret_enc: string }>('SELECT webhook_secret_enc FROM hotline_lines WHERE id = $1', [lineId]);
      expect(stored[0]?.webhook_secret_enc).not.toContain(SECRET);
    });
    it('lists the line with its line-level gap (14 h < 18 h) to readers in the jurisdiction only', async () => {
      const res = await as('c1').request('GET', '/api/hotline/lines');
      expect(res.statusCode).toBe(200);
      const line = res.json().items[0];
      expect(line).toMatchObject({ number: '12356', hoursPerDay: 14, gaps: [{ rule: 'hours_per_day', have: 14, need: 18 }] });
      expect((await as('far').request('GET', '/api/hotline/lines')).json().items).toEqual([]);
    });
    it('puts counselors on the line and reports roster gaps per open hour', async () => {
      for (const who of ['c1', 'c2', 'sup'])
        expect(
          (await as('sup').request('PUT', `/api/hotline/lines/${lineId}/counselors/${ids[who]}`, {
            qualifications: ['国家二级心理咨询师'],
            training: [{ course: 'crisis_intervention', hours: 24, completedOn: '2025-11-01' }],
            isSupervisor: who === 'sup',
            active: true,
          })).statusCode,
        ).toBe(204);
      // Monday 2026-03-02, local time: c1 08–16, c2 08–12 → 12–16 has one counselor, 16–22 none.
      for (const [who, start, end] of [['c1', '08:00', '16:00'], ['c2', '08:00', '12:00']] as const) {
        const res = await as('sup').request('POST', `/api/hotline/lines/${lineId}/shifts`, {
          accountId: ids[who], startsAt: `2026-03-02T${start}:00+08:00`, endsAt: `2026-03-02T${end}:00+08:00`,
        });
        expect(res.statusCode).toBe(201);
      }
      const overlap = await as('sup').request('POST', `/api/hotline/lines/${lineId}/shifts`, {
        accountId: ids.c1, startsAt: '2026-03-02T10:00:00+08:00', endsAt: '2026-03-02T11:00:00+08:00',
      });
      expect(overlap.statusCode).toBe(409);
      await as('sup').request('POST', `/api/hotline/lines/${lineId}/shifts`, {
        accountId: ids.sup, startsAt: '2026-03-02T08:00:00+08:00', endsAt: '2026-03-02T22:00:00+08:00', supervisor: true,
      });
      const roster = await as('c1').request('GET', `/api/hotline/lines/${lineId}/roster?week=2026-03-02`);
      expect(roster.statusCode).toBe(200);
      const monday = roster.json().gaps.filter((g: { date?: string }) => g.date === '2026-03-02');
      expect(monday).toEqual([
        { rule: 'staffed_seats', date: '2026-03-02', fromHour: 12, toHour: 16, have: 1, need: 2 },
        { rule: 'staffed_seats', date: '2026-03-02', fromHour: 16, toHour: 22, have: 0, need: 2 },
      ]);
      expect(roster.json().shifts).toHaveLength(3);
    });
  });

  describe('CTI webhook', () => {
    it('refuses unsigned, badly signed and stale events, writing nothing', async () => {
      const call = callId();
      expect((await send(ev('ringing', call, 0), { omitSignature: true })).statusCode).toBe(401);
      const bad = await send(ev('ringing', call, 0), { signature: 'sha256=' + '0'.repeat(64) });
      expect(bad.statusCode).toBe(401);
      expect(bad.json().error.message).toMatch(/signature/i);
      const stale = await send(ev('ringing', call, 0), { timestamp: Math.floor(ctx.clock().getTime() / 1000) - 301 });
      expect(stale.statusCode).toBe(401);
      expect(stale.json().error.message).toMatch(/replay/i);
      const rows = await ctx.db.query('SELECT 1 FROM hotline_calls WHERE external_id = $1', [call]);
      expect(rows).toHaveLength(0);
    });
    it('names the unknown line or seat and malformed fields', async () => {
      const unknownLine = await send({ ...ev('ringing', callId(), 0), line: '99999' });
      expect(unknownLine.statusCode).toBe(404);
      expect(unknownLine.json().error.field).toBe('body.line');
      const unknownSeat = await send(ev('answered', callId(), 0, { seat: 'S9' }));
      expect(unknownSeat.statusCode).toBe(400);
      expect(unknownSeat.json().error).toMatchObject({ field: 'body.seat' });
      const badType = await send({ ...ev('ringing', callId(), 0), type: 'exploded' });
      expect(badType.statusCode).toBe(400);
      expect(badType.json().error.field).toBe('body.type');
    });
    it('is idempotent on the event id', async () => {
      const call = callId();
      const first = await send(ev('ringing', call, 0, { callerNumber: '+86 138-0000-1111' }));
      expect(first.statusCode).toBe(200);
      const again = await send(ev('ringing', call, 0, { callerNumber: '+86 138-0000-1111' }));
      expect(again.json()).toMatchObject({ callId: first.json().callId, duplicate: true });
      const events = await ctx.db.query('SELECT 1 FROM hotline_events WHERE call_id = $1', [first.json().callId]);
      expect(events).toHaveLength(1);
      const stored = await ctx.db.query<Record<string, unknown>>('SELECT * FROM hotline_calls WHERE id = $1', [first.json().callId]);
      expect(JSON.stringify(stored)).not.toContain('13800001111');
      await send(ev('abandoned', call, 40));
    });
    it('reconciles events out of order: ended before answered before ringing', async () => {
      const call = callId();
      await send(ev('ended', call, 300));
      const answered = await send(ev('answered', call, 12, { seat: 'S1' }));
      expect(answered.json().draftCreated).toBe(true);
      await send(ev('ringing', call, 0));
      const id = answered.json().callId as string;
      const view = await as('c1').request('GET', `/api/hotline/calls/${id}`);
      expect(view.json()).toMatchObject({ status: 'ended', waitSeconds: 12, seatCode: 'S1', record: { status: 'draft', version: 0 } });
      expect(new Date(view.json().endedAt as string).getTime() - new Date(view.json().offeredAt as string).getTime()).toBe(300_000);
    });
    it('drafts the call for the counselor signed in at the seat and recognises a repeat caller', async () => {
      const seats = (await as('c2').request('GET', '/api/hotline/lines')).json().items[0].seats as { id: string; code: string }[];
      const s2 = seats.find((x) => x.code === 'S2');
      expect((await as('c2').request('PUT', `/api/hotline/seats/${s2?.id}/occupant`, { take: true })).json().occupantId).toBe(ids.c2);
      expect((await as('c1').request('PUT', `/api/hotline/seats/${s2?.id}/occupant`, { take: true })).statusCode).toBe(409);
      ctx.clock.advance(60_000);
      const call = callId();
      await send(ev('ringing', call, 0, { callerNumber: '13800001111' }));
      const res = await send(ev('answered', call, 5, { seat: 'S2' }));
      const view = await as('c2').request('GET', `/api/hotline/calls/${res.json().callId}`);
      expect(view.json()).toMatchObject({ mine: true, priorCalls: 1 });
      const drafts = (await as('c2').request('GET', '/api/hotline/calls/drafts')).json().items as { id: string; mine: boolean }[];
      expect(drafts[0]).toMatchObject({ id: res.json().callId, mine: true });
      // c1 may not write c2's draft
      const other = await as('c1').request('PATCH', `/api/hotline/calls/${res.json().callId}/record`, { version: 0, ageBand: '25_34' });
      expect(other.statusCode).toBe(403);
      await send(ev('ended', call, 400));
    });
  });

  describe('call record', () => {
    let id: string;
    it('a draft survives a dropped connection: PATCH, then a new session reads it back', async () => {
      const call = callId();
      await send(ev('ringing', call, 0));
      id = (await send(ev('answered', call, 3, { seat: 'S3' }))).json().callId as string;
      const saved = await as('c1').request('PATCH', `/api/hotline/calls/${id}/record`, {
        version: 0, callerGroup: 'recovered_patient', ageBand: '45_59', sex: 'female',
        problems: [{ category: 'grief', subcategory: 'covid_bereavement' }], notes: '来电者诉说丧亲后失眠。',
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ version: 1, overwrote: false, status: 'draft' });
      // the browser is gone; a fresh sign-in finds everything
      const fresh = new TestSession(app);
      await fresh.login('hl_c1', TEST_PASSWORD);
      const back = await fresh.request('GET', `/api/hotline/calls/${id}`);
      expect(back.json().record).toMatchObject({
        version: 1, callerGroup: 'recovered_patient', ageBand: '45_59', problems: [{ category: 'grief', subcategory: 'covid_bereavement' }], notes: '来电者诉说丧亲后失眠。',
      });
      const raw = await ctx.db.query<{ notes_enc: string }>('SELECT notes_enc FROM hotline_calls WHERE id = $1', [id]);
      expect(raw[0]?.notes_enc).not.toContain('失眠');
    });
    it('last write wins and says so when it replaced a newer save', async () => {
      const stale = await as('c1').request('PATCH', `/api/hotline/calls/${id}/record`, { version: 0, ageBand: '35_44' });
      expect(stale.json()).toMatchObject({ version: 2, overwrote: true });
      expect((await as('c1').request('GET', `/api/hotline/calls/${id}`)).json().record).toMatchObject({ ageBand: '35_44', sex: 'female' });
    });
    it('rejects bad fields by name and keeps the number only with consent', async () => {
      const sub = await as('c1').request('PATCH', `/api/hotline/calls/${id}/record`, { version: 2, problems: [{ category: 'grief', subcategory: 'exam_stress' }] });
      expect(sub.statusCode).toBe(400);
      expect(sub.json().error.field).toBe('body.problems[0]');
      const noConsent = await as('c1').request('PATCH', `/api/hotline/calls/${id}/record`, { version: 2, callerNumber: '13900002222' });
      expect(noConsent.statusCode).toBe(409);
      expect(noConsent.json().error.field).toBe('body.callerNumber');
      const incomplete = await as('c1').request('PATCH', `/api/hotline/calls/${id}/record`, { version: 2, file: true });
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.json().error.field).toBe('body.risk');
      expect((await as('c1').request('GET', `/api/hotline/calls/${id}`)).json().record.status).toBe('draft');
    });
    it('a record for a call that does not exist, or was never answered, is refused', async () => {
      expect((await as('c1').request('PATCH', `/api/hotline/calls/${crypto.randomUUID()}/record`, { version: 0 })).statusCode).toBe(404);
      const call = callId();
      const ringing = await send(ev('ringing', call, 0));
      const res = await as('c1').request('PATCH', `/api/hotline/calls/${ringing.json().callId}/record`, { version: 0, ageBand: '18_24' });
      expect(res.statusCode).toBe(409);
      await send(ev('abandoned', call, 30));
    });
    it('files a complete record once', async () => {
      const res = await as('c1').request('PATCH', `/api/hotline/calls/${id}/record`, {
        version: 2, risk: { thoughts: 'passive', plan: false, means: false, timeframe: 'none' }, dispositions: ['support', 'referral'], file: true,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'filed', riskLevel: 'low', crisisCaseId: null });
      expect((await as('c1').request('PATCH', `/api/hotline/calls/${id}/record`, { version: 3, ageBand: '18_24' })).statusCode).toBe(409);
      const audit = await ctx.db.query<{ details: unknown }>("SELECT details FROM audit_log WHERE action = 'hotline.call_file' AND resource_id = $1", [id]);
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain('失眠');
    });
    it('a high-risk call opens a crisis case at once and alerts the supervisor on duty, once', async () => {
      const manual = await as('c1').request('POST', '/api/hotline/calls', { lineId });
      expect(manual.statusCode).toBe(201);
      const callUuid = manual.json().id as string;
      const risk = { thoughts: 'active', plan: true, means: true, timeframe: 'within_24h' };
      const res = await as('c1').request('PATCH', `/api/hotline/calls/${callUuid}/record`, { version: 0, risk });
      expect(res.json()).toMatchObject({ riskLevel: 'imminent' });
      const caseId = res.json().crisisCaseId as string;
      expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
      const cases = await ctx.db.query<{ level: string; region_code: string }>('SELECT level, region_code FROM crisis_cases WHERE id = $1', [caseId]);
      expect(cases[0]).toMatchObject({ level: 'imminent', region_code: CITY });
      // saving again neither opens another case nor alerts twice
      const again = await as('c1').request('PATCH', `/api/hotline/calls/${callUuid}/record`, { version: 1, risk });
      expect(again.json().crisisCaseId).toBe(caseId);
      const notes = await ctx.db.query<{ kind: string; params: unknown }>('SELECT kind, params FROM notifications WHERE account_id = $1', [ids.sup]);
      expect(notes.filter((x) => x.kind === 'hotline.high_risk')).toHaveLength(1);
      expect((await ctx.db.query("SELECT 1 FROM crisis_signals WHERE source = 'hotline' AND source_id = $1", [callUuid])).length).toBe(1);
    });
  });

  describe('service levels', () => {
    it('the wallboard sums equal the domain definitions on the same calls', async () => {
      const res = await as('c1').request('GET', `/api/hotline/wallboard?lineId=${lineId}`);
      expect(res.statusCode).toBe(200);
      const rows = await ctx.db.query<{ offered_at: Date; answered_at: Date | null; abandoned_at: Date | null; ended_at: Date | null }>(
        'SELECT offered_at, answered_at, abandoned_at, ended_at FROM hotline_calls WHERE line_id = $1', [lineId],
      );
      const calls: CallTimes[] = rows.map((r) => ({ offeredAt: r.offered_at, answeredAt: r.answered_at, abandonedAt: r.abandoned_at, endedAt: r.ended_at }));
      const expected = callMetrics(calls, ctx.clock(), DEFAULT_METRIC_OPTIONS);
      const day = res.json().lines[0].day;
      expect(day).toEqual({ ...expected, answerRate: expect.closeTo(expected.answerRate ?? 0, 9), abandonRate: expect.closeTo(expected.abandonRate ?? 0, 9), serviceLevel: expect.closeTo(expected.serviceLevel ?? 0, 9), asaSeconds: expect.closeTo(expected.asaSeconds ?? 0, 6), ahtSeconds: expect.closeTo(expected.ahtSeconds ?? 0, 6) });
      expect(day.answered).toBeGreaterThan(2);
      expect(day.abandoned).toBeGreaterThan(0);
      expect(res.json().lines[0].hours.some((h: { hour: number }) => h.hour === 9)).toBe(true);
      expect((await as('far').request('GET', `/api/hotline/wallboard?lineId=${lineId}`)).statusCode).toBe(403);
    });
    it('streams snapshots as server-sent events and pushes a new one when a call arrives', async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const cookie = [...as('c1').cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const abort = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/api/hotline/wallboard/stream?lineId=${lineId}`, { headers: { cookie }, signal: abort.signal });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const nextSnapshot = async (): Promise<{ lines: { day: { offered: number } }[] }> => {
        for (;;) {
          const idx = buffer.indexOf('\n\n');
          if (idx >= 0) {
            const chunk = buffer.slice(0, idx);
            buffer = buffer.slice(idx + 2);
            const data = /^data: (.*)$/m.exec(chunk);
            if (chunk.startsWith('event: snapshot') && data?.[1]) return JSON.parse(data[1]) as { lines: { day: { offered: number } }[] };
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buffer += decoder.decode(value, { stream: true });
        }
      };
      const first = await nextSnapshot();
      await send(ev('ringing', callId(), 1));
      const second = await nextSnapshot();
      expect(second.lines[0]!.day.offered).toBe(first.lines[0]!.day.offered + 1);
      abort.abort();
      const unauth = await fetch(`http://127.0.0.1:${port}/api/hotline/wallboard/stream`);
      expect(unauth.status).toBe(401);
    });
    it('plans seats per hour of week from past weeks against the roster', async () => {
      // Four past Mondays with 30 calls at 10:00–11:00, 10-minute talks.
      const repo = new CallRepository(ctx.db);
      for (let w = 1; w <= 4; w++) {
        for (let i = 0; i < 30; i++) {
          const offered = new Date(Date.parse('2026-03-02T10:00:00+08:00') - w * 7 * 86_400_000 + i * 100_000);
          await repo.applyEvent({ lineId, regionCode: CITY, externalId: `hist-${w}-${i}`, type: 'answered', at: offered, seatId: null, counselorId: null, callerBidx: null });
          await repo.applyEvent({ lineId, regionCode: CITY, externalId: `hist-${w}-${i}`, type: 'ended', at: new Date(offered.getTime() + 600_000), seatId: null, counselorId: null, callerBidx: null });
        }
      }
      const res = await as('sup').request('GET', `/api/hotline/lines/${lineId}/staffing-plan?week=2026-03-02&weeks=4`);
      expect(res.statusCode).toBe(200);
      const plan = res.json();
      expect(plan.ahtSeconds).toBe(600);
      const ten = plan.rows[10];
      // 30 calls/h × 600 s = 5 erlangs → 8 seats for 80/20 (Erlang C: 7 give 69.7 %, 8 give 84.9 %); 2 rostered 10:00–11:00
      expect(ten).toMatchObject({ forecastCalls: 30, seatsNeeded: 8, rostered: 2, gap: -6 });
      expect(plan.rows[3]).toMatchObject({ seatsNeeded: 0 }); // closed at night
      expect(plan.shortfallHours).toBeGreaterThan(0);
    });
  });

  describe('analysis and retention', () => {
    it('detects an emerging problem, alerts the authority with a de-identified summary, and audits the acknowledgement', async () => {
      const repo = new CallRepository(ctx.db);
      // 28 quiet days with ~1 covid_fear call a day in 江岸区, then 12 today.
      const mk = async (at: Date, k: string): Promise<void> => {
        const { id } = await repo.applyEvent({ lineId, regionCode: CITY, externalId: k, type: 'answered', at, seatId: null, counselorId: null, callerBidx: null });
        await ctx.db.query(`UPDATE hotline_calls SET record_status = 'filed', problems = $2::jsonb, caller_region_code = '420102000000', caller_group = 'general_public' WHERE id = $1`, [id, JSON.stringify([{ category: 'covid_fear', subcategory: null }])]);
      };
      for (let d = 1; d <= 28; d++) if (d % 2 === 0) await mk(new Date(ctx.clock().getTime() - d * 86_400_000), `base-${d}`);
      for (let i = 0; i < 12; i++) await mk(new Date(ctx.clock().getTime() - 3_600_000 + i * 60_000), `spike-${i}`);
      const result = await runEmergingProblemDetection(ctx);
      const made = await ctx.db.query('SELECT category, region_code, observed, expected FROM hotline_alerts');
      expect(made, JSON.stringify(made)).toHaveLength(1);
      expect(result.created).toHaveLength(1);
      expect((await runEmergingProblemDetection(ctx)).created).toHaveLength(0); // idempotent
      const list = await as('health').request('GET', '/api/hotline/alerts');
      const alert = list.json().items[0];
      expect(alert).toMatchObject({ category: 'covid_fear', regionCode: '420102000000', observed: 12, acknowledgedAt: null });
      expect(alert.summary).toMatchObject({ calls: 12, callerGroups: { general_public: 12 }, test: 'poisson_upper_tail' });
      expect((await as('c1').request('POST', `/api/hotline/alerts/${alert.id}/acknowledge`)).statusCode).toBe(403);
      const ack = await as('health').request('POST', `/api/hotline/alerts/${alert.id}/acknowledge`);
      expect(ack.statusCode).toBe(200);
      expect((await as('health').request('POST', `/api/hotline/alerts/${alert.id}/acknowledge`)).statusCode).toBe(409);
      const audit = await ctx.db.query("SELECT 1 FROM audit_log WHERE action = 'alert.acknowledge' AND outcome = 'success' AND resource_id = $1", [alert.id]);
      expect(audit).toHaveLength(1);
      const summary = await as('sup').request('GET', '/api/hotline/summary?period=day');
      expect(summary.json().rows.some((r: { category: string; calls: number }) => r.category === 'covid_fear' && r.calls === 12)).toBe(true);
    });
    it('produces the monthly report in the monthly-form structure as JSON, XLSX and PDF', async () => {
      const res = await as('sup').request('GET', `/api/hotline/lines/${lineId}/monthly-report?month=2026-03`);
      expect(res.statusCode).toBe(200);
      const report = res.json();
      const expectedOffered = (await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM hotline_calls WHERE line_id = $1 AND offered_at >= '2026-03-01T00:00:00+08:00' AND offered_at < '2026-04-01T00:00:00+08:00'
           AND NOT (answered_at IS NULL AND COALESCE(abandoned_at, ended_at) IS NOT NULL AND EXTRACT(EPOCH FROM COALESCE(abandoned_at, ended_at) - offered_at) < 5)`, [lineId],
      ))[0]?.n;
      expect(report.counts.offered).toBe(expectedOffered);
      expect(report.counts.crisis).toBe(0); // the imminent manual call was saved, never filed
      expect(report.counts.repeat).toBeGreaterThanOrEqual(1); // the same number called twice
      expect(report.rows.find((r: { label: string }) => r.label === '问题类型' || r.label === '情绪')).toBeTruthy();
      const xlsx = await as('sup').request('GET', `/api/hotline/lines/${lineId}/monthly-report?month=2026-03&format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const pdf = await as('sup').request('GET', `/api/hotline/lines/${lineId}/monthly-report?month=2026-03&format=pdf`);
      if (pdf.statusCode === 503) expect(pdf.json().error.message).toMatch(/CJK/);
      else {
        expect(pdf.statusCode).toBe(200);
        expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      }
      expect((await as('sup').request('GET', `/api/hotline/lines/${lineId}/monthly-report?month=2026-13`)).statusCode).toBe(400);
      expect((await as('far').request('GET', `/api/hotline/lines/${lineId}/monthly-report?month=2026-03`)).statusCode).toBe(403);
    });
    it('anonymises notes and numbers older than three years, keeping the codes', async () => {
      const repo = new CallRepository(ctx.db);
      const old = await repo.applyEvent({ lineId, regionCode: CITY, externalId: 'old-1', type: 'answered', at: new Date('2022-01-10T10:00:00+08:00'), seatId: null, counselorId: null, callerBidx: 'x' });
      await ctx.db.query(`UPDATE hotline_calls SET notes_enc = 'ciphertext', caller_number_enc = 'c', problems = '[{"category":"grief","subcategory":null}]' WHERE id = $1`, [old.id]);
      expect(await anonymiseOldCalls(ctx)).toBeGreaterThanOrEqual(1);
      const row = await ctx.db.query<Record<string, unknown>>('SELECT notes_enc, caller_number_enc, caller_bidx, problems, anonymised_at FROM hotline_calls WHERE id = $1', [old.id]);
      expect(row[0]).toMatchObject({ notes_enc: null, caller_number_enc: null, caller_bidx: null, problems: [{ category: 'grief', subcategory: null }] });
      expect(row[0]?.anonymised_at).toBeInstanceOf(Date);
      expect(await anonymiseOldCalls(ctx)).toBe(0);
      const recent = await ctx.db.query('SELECT 1 FROM hotline_calls WHERE notes_enc IS NOT NULL');
      expect(recent.length).toBeGreaterThan(0);
    });
  });
});
