import { inflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity } from '../../testing/factories.ts';
import type { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { count, makePerson, signIn } from '../counseling/service-testing.ts';
import { OrganizationRepository } from '../organizations/organization-repository.ts';

/** The text of every stream in a PDF, inflated where compressed (to read its ToUnicode maps). */
function pdfStreams(pdf: Buffer): string {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream', at);
    if (start < 0) break;
    const dataStart = pdf[start + 6] === 0x0d ? start + 8 : start + 7;
    const end = pdf.indexOf('endstream', dataStart);
    if (end < 0) break;
    const data = pdf.subarray(dataStart, end);
    try {
      out.push(inflateSync(data).toString('latin1'));
    } catch {
      out.push(data.toString('latin1'));
    }
    at = end + 9;
  }
  return out.join('\n');
}

describe.each(backends())('referrals API on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  const as: Record<string, TestSession> = {};
  const ids: Record<string, string> = {};
  const org: Record<string, string> = {};
  let person: string;
  let referral: string;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    const { community } = await makeCommunity(ctx, '420102000000', 1);
    const orgs = new OrganizationRepository(ctx.db);
    for (const [key, type, name, region] of [
      ['pcA', 'primary_care', '江岸测试社区卫生服务中心', '420102000000'],
      ['pcB', 'primary_care', '江汉测试社区卫生服务中心', '420103000000'],
      ['mhi', 'mental_health_institution', '武汉市测试精神卫生中心', '420100000000'],
      ['police', 'public_security', '江岸测试派出所', '420102000000'],
    ] as const) {
      org[key] = (await orgs.create({ type, name, regionCode: region })).id;
    }
    for (const [name, role, region, o] of [
      ['doctor_a', 'primary_care_doctor', '420102000000', org.pcA],
      ['doctor_b', 'primary_care_doctor', '420103000000', org.pcB],
      ['psych', 'psychiatrist', '420100000000', org.mhi],
      ['counselor_x', 'counselor', '420102000000', null],
    ] as const) {
      const s = await signIn(ctx, app, name, role, region, o ?? null);
      as[name] = s.session;
      ids[name] = s.accountId;
    }
    person = await makePerson(ctx, community, '周建国');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('sends a referral from the caller’s organization into the receiver’s queue, and only there', async () => {
    const res = await as.doctor_a!.request('POST', '/api/referrals', {
      personId: person,
      toOrganizationId: org.mhi,
      topic: 'treatment_adjustment',
      urgency: 'urgent',
      reason: '近两周睡眠差，情绪波动，建议调整用药',
    });
    expect(res.statusCode).toBe(201);
    referral = res.json().id as string;
    const incoming = (await as.psych!.request('GET', '/api/referrals?direction=incoming')).json();
    expect(incoming.items.map((r: { id: string }) => r.id)).toEqual([referral]);
    expect(incoming.items[0]).toMatchObject({ status: 'sent', sides: ['receiver'], allowedEvents: ['accept', 'decline'], reason: '近两周睡眠差，情绪波动，建议调整用药' });
    const outgoing = (await as.doctor_a!.request('GET', '/api/referrals?direction=outgoing')).json();
    expect(outgoing.items[0]).toMatchObject({ id: referral, sides: ['sender'], allowedEvents: [] });
    expect((await as.doctor_a!.request('GET', '/api/referrals?direction=incoming')).json().items).toEqual([]);
    expect((await as.doctor_b!.request('GET', '/api/referrals?direction=outgoing')).json().items).toEqual([]);
    expect((await as.doctor_b!.request('GET', `/api/referrals/${referral}`)).statusCode).toBe(404);
    const notified = await ctx.db.query<{ kind: string }>('SELECT kind FROM notifications WHERE account_id = $1', [ids.psych]);
    expect(notified.map((n) => n.kind)).toEqual(['referral.received']);
    const raw = await ctx.db.query<{ reason_enc: string }>('SELECT reason_enc FROM referrals WHERE id = $1', [referral]);
    expect(raw[0]?.reason_enc).not.toContain('睡眠');
  });

  it('refuses bad referrals with a clear 4xx and writes nothing', async () => {
    const before = await count(ctx, 'referrals');
    const cases: [TestSession, Record<string, unknown>, number, string][] = [
      [as.doctor_a!, { toOrganizationId: org.police }, 400, 'body.toOrganizationId'],
      [as.doctor_a!, { toOrganizationId: org.pcA }, 400, 'body.toOrganizationId'],
      [as.doctor_a!, { topic: 'astrology' }, 400, 'body.topic'],
      [as.doctor_a!, { fromOrganizationId: org.pcB }, 403, 'body.fromOrganizationId'],
      [as.counselor_x!, {}, 400, 'body.fromOrganizationId'],
    ];
    for (const [s, change, status, field] of cases) {
      const res = await s.request('POST', '/api/referrals', { personId: person, toOrganizationId: org.mhi, topic: 'diagnosis', ...change });
      expect([res.statusCode, res.json().error.field], JSON.stringify(change)).toEqual([status, field]);
    }
    const outside = await as.doctor_b!.request('POST', '/api/referrals', { personId: person, toOrganizationId: org.mhi, topic: 'diagnosis' });
    expect([outside.statusCode, outside.json().error.code]).toEqual([403, 'OUT_OF_JURISDICTION']);
    expect(await count(ctx, 'referrals')).toBe(before);
  });

  it('goes round trip: the receiver accepts, sees and returns with advice; the sender closes', async () => {
    const act = (who: string, event: string, text?: string) =>
      as[who]!.request('POST', `/api/referrals/${referral}/events`, { event, ...(text === undefined ? {} : { text }) });
    // Wrong side and wrong order.
    expect((await act('doctor_a', 'accept')).json().error.code).toBe('FORBIDDEN');
    expect((await act('psych', 'see')).json().error.code).toBe('INVALID_STATE');
    expect((await act('doctor_b', 'accept')).statusCode).toBe(404);

    expect((await act('psych', 'accept')).json()).toMatchObject({ status: 'accepted', allowedEvents: ['see'] });
    expect((await act('psych', 'see')).json()).toMatchObject({ status: 'seen', allowedEvents: ['return_with_advice'] });
    const noAdvice = await act('psych', 'return_with_advice', '  ');
    expect([noAdvice.statusCode, noAdvice.json().error.field]).toEqual([400, 'body.text']);
    const returned = await act('psych', 'return_with_advice', '调整为奥氮平 5mg，每两周社区随访一次');
    expect(returned.json()).toMatchObject({ status: 'returned_with_advice', advice: '调整为奥氮平 5mg，每两周社区随访一次' });
    expect((await act('psych', 'close')).json().error.code).toBe('FORBIDDEN');

    const senderView = (await as.doctor_a!.request('GET', `/api/referrals/${referral}`)).json();
    expect(senderView).toMatchObject({ status: 'returned_with_advice', allowedEvents: ['close'], advice: '调整为奥氮平 5mg，每两周社区随访一次' });
    const closed = await act('doctor_a', 'close');
    expect(closed.json()).toMatchObject({ status: 'closed', allowedEvents: [] });
    expect(closed.json().events.map((e: { event: string }) => e.event)).toEqual(['send', 'accept', 'see', 'return_with_advice', 'close']);
    expect((await as.psych!.request('GET', '/api/referrals?direction=incoming')).json().items).toEqual([]);
    expect((await as.psych!.request('GET', '/api/referrals?direction=incoming&status=closed')).json().items).toHaveLength(1);

    const timeline = await ctx.db.query<{ kind: string }>('SELECT kind FROM person_timeline WHERE ref_id = $1 ORDER BY id', [referral]);
    expect(timeline.map((t) => t.kind)).toEqual(['referral.sent', 'referral.accept', 'referral.see', 'referral.return_with_advice', 'referral.close']);
    const toSender = await ctx.db.query<{ kind: string }>('SELECT kind FROM notifications WHERE account_id = $1 ORDER BY kind', [ids.doctor_a]);
    expect(toSender.map((n) => n.kind)).toEqual(['referral.accept', 'referral.return_with_advice']);
    const audit = JSON.stringify(await ctx.db.query("SELECT details, reason FROM audit_log WHERE resource_type = 'referral'"));
    expect(audit).not.toMatch(/周建国|奥氮平|睡眠/);
  });

  it('declining needs a reason, and the sender can then close', async () => {
    const sent = await as.doctor_a!.request('POST', '/api/referrals', { personId: person, toOrganizationId: org.mhi, topic: 'diagnosis' });
    const id = sent.json().id as string;
    const bare = await as.psych!.request('POST', `/api/referrals/${id}/events`, { event: 'decline' });
    expect([bare.statusCode, bare.json().error.field]).toEqual([400, 'body.text']);
    const declined = await as.psych!.request('POST', `/api/referrals/${id}/events`, { event: 'decline', text: '本院床位已满，请转市二院' });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: '本院床位已满，请转市二院' });
    expect((await as.doctor_a!.request('POST', `/api/referrals/${id}/events`, { event: 'close' })).json().status).toBe('closed');
  });

  it('prints the letter as a valid PDF with an embedded CJK font whose ToUnicode map holds the Chinese text', async () => {
    const res = await as.psych!.request('GET', `/api/referrals/${referral}/letter.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+\S*(CJK|Han|WenQuanYi|Hei)/i);
    expect(text).toMatch(/\/FontFile[23]?/);
    expect(text).toContain('/ToUnicode');
    const streams = pdfStreams(pdf).toLowerCase();
    // 双 向 转 诊 and the person's surname 周: drawn with the embedded font, so they are in its ToUnicode map.
    for (const ch of ['双', '向', '转', '诊', '周']) expect(streams).toContain(`<${ch.codePointAt(0)!.toString(16).padStart(4, '0')}>`);
    const printed = await ctx.db.query("SELECT 1 FROM audit_log WHERE resource_id = $1 AND details->>'event' = 'print_letter'", [referral]);
    expect(printed).toHaveLength(1);
    expect((await as.doctor_b!.request('GET', `/api/referrals/${referral}/letter.pdf`)).statusCode).toBe(404);
  });

  it('lists a person’s referrals on the person page for the parties only', async () => {
    const mine = (await as.doctor_a!.request('GET', `/api/persons/${person}/referrals`)).json().items as { id: string }[];
    expect(mine.map((r) => r.id)).toContain(referral);
    expect((await as.psych!.request('GET', `/api/persons/${person}/referrals`)).json().items.length).toBe(mine.length);
    // A counselor in the district acting for no organization is no party: nothing is disclosed.
    expect((await as.counselor_x!.request('GET', `/api/persons/${person}/referrals`)).json().items).toEqual([]);
    expect((await as.doctor_b!.request('GET', `/api/persons/${person}/referrals`)).statusCode).toBe(403);
  });

  it('lists organizations to refer to and the caller’s own', async () => {
    const res = (await as.doctor_a!.request('GET', '/api/referrals/organizations')).json();
    expect(res.mine).toEqual([org.pcA]);
    const names = (res.items as { id: string }[]).map((o) => o.id);
    expect(names).toEqual(expect.arrayContaining([org.pcA, org.pcB, org.mhi]));
    expect(names).not.toContain(org.police);
  });
});
