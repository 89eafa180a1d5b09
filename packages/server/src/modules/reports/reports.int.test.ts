import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { pickCjkFont } from './cjk-font.ts';

// The test clock starts on 2026-03-02 (Asia/Shanghai): February 2026 is the month to report.
describe.each(backends())('report submission workflow on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  const sessions: Record<string, TestSession> = {};
  const as = (who: string): TestSession => sessions[who] as TestSession;
  let reportId: string;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    const { community } = await makeCommunity(ctx, '420102000000', 1);
    for (const [username, role, region] of [
      ['county_a', 'health_admin', '420102000000'],
      ['county_b', 'health_admin', '420103000000'],
      ['city', 'health_admin', '420100000000'],
      ['other_city', 'health_admin', '420200000000'],
    ] as const) {
      await makeAccount(ctx, { role, regionCode: region, username });
      const s = new TestSession(app);
      expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[username] = s;
    }
    for (const day of ['2026-02-03', '2026-02-14', '2026-02-28'])
      await ctx.db.query(
        `INSERT INTO persons (name, sex, birth_date, region_code, verification_status, created_at) VALUES ('测试', 'female', '1980-01-01', $1, 'verified', $2)`,
        [community, `${day}T10:00:00+08:00`],
      );
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('lets a county write its monthly report and refuses bad periods and other regions', async () => {
    const bad = await as('county_a').request('POST', '/api/reports', { regionCode: '420102000000', periodKind: 'month', period: '2026-13', experience: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.period');
    const future = await as('county_a').request('POST', '/api/reports', { regionCode: '420102000000', periodKind: 'quarter', period: '2026-Q2', experience: '' });
    expect(future.statusCode).toBe(400);
    const street = await as('county_a').request('POST', '/api/reports', { regionCode: '420102101000', periodKind: 'month', period: '2026-02', experience: '' });
    expect(street.statusCode).toBe(400);
    expect(street.json().error.field).toBe('body.regionCode');
    const other = await as('county_a').request('POST', '/api/reports', { regionCode: '420103000000', periodKind: 'month', period: '2026-02', experience: '' });
    expect(other.statusCode).toBe(403);

    const res = await as('county_a').request('POST', '/api/reports', { regionCode: '420102000000', periodKind: 'month', period: '2026-02', experience: '' });
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(true);
    reportId = res.json().id as string;
    const empty = await as('county_a').request('POST', `/api/reports/${reportId}/submit`);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('body.experience');
    const again = await as('county_a').request('POST', '/api/reports', {
      regionCode: '420102000000',
      periodKind: 'month',
      period: '2026-02',
      experience: '一、建立街道心理专干周例会制度。\n二、对治愈出院患者逐户回访。',
    });
    expect(again.json()).toEqual({ id: reportId, created: false });
  });

  it('goes county submits → city returns with comments → county resubmits → city accepts → locked, every step audited', async () => {
    expect((await as('county_a').request('POST', `/api/reports/${reportId}/submit`)).json()).toEqual({ status: 'submitted' });
    const view = (await as('county_a').request('GET', `/api/reports/${reportId}`)).json();
    expect(view.figuresFrozen).toBe(true);
    expect(view.figures['register.new_persons']).toBe(3);
    expect(view.mayReview).toBe(false);

    // the county cannot review its own; another city cannot; a sibling county cannot even see it
    const self = await as('county_a').request('POST', `/api/reports/${reportId}/review`, { decision: 'accept' });
    expect(self.statusCode).toBe(403);
    expect((await as('other_city').request('POST', `/api/reports/${reportId}/review`, { decision: 'accept' })).statusCode).toBe(403);
    expect((await as('county_b').request('GET', `/api/reports/${reportId}`)).statusCode).toBe(403);

    const noComment = await as('city').request('POST', `/api/reports/${reportId}/review`, { decision: 'return', comment: ' ' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.field).toBe('body.comment');
    expect((await as('city').request('GET', `/api/reports/${reportId}`)).json().mayReview).toBe(true);
    const ret = await as('city').request('POST', `/api/reports/${reportId}/review`, { decision: 'return', comment: '请补充危机干预情况' });
    expect(ret.json()).toEqual({ status: 'returned' });

    const edit = await as('county_a').request('POST', '/api/reports', { regionCode: '420102000000', periodKind: 'month', period: '2026-02', experience: '补充：本月无危机事件。' });
    expect(edit.statusCode).toBe(200);
    expect((await as('county_a').request('POST', `/api/reports/${reportId}/submit`)).statusCode).toBe(200);
    expect((await as('city').request('POST', `/api/reports/${reportId}/review`, { decision: 'accept' })).json()).toEqual({ status: 'accepted' });

    const locked = await as('county_a').request('POST', '/api/reports', { regionCode: '420102000000', periodKind: 'month', period: '2026-02', experience: '改' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('INVALID_STATE');
    expect((await as('city').request('POST', `/api/reports/${reportId}/review`, { decision: 'return', comment: 'x' })).statusCode).toBe(409);
    await expect(ctx.db.query(`UPDATE reports SET experience = 'x' WHERE id = $1`, [reportId])).rejects.toThrow(/locked/);

    const final = (await as('city').request('GET', `/api/reports/${reportId}`)).json();
    expect(final.report.status).toBe('accepted');
    expect(final.report.experience).toBe('补充：本月无危机事件。');
    expect(final.events.map((e: { event: string }) => e.event)).toEqual(['created', 'edited', 'submitted', 'returned', 'edited', 'submitted', 'accepted']);
    expect(final.events[3].comment).toBe('请补充危机干预情况');

    const audit = await ctx.db.query<{ action: string; outcome: string; details: Record<string, unknown> | null }>(
      `SELECT action, outcome, details FROM audit_log WHERE resource_type = 'report' AND resource_id = $1 ORDER BY id`,
      [reportId],
    );
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'report.create:success',
      'report.edit:success',
      'report.submit:success',
      'report.review:denied', // the county itself
      'report.review:denied', // another city
      'dashboard.read:denied', // a sibling county reading it
      'report.review:success',
      'report.edit:success',
      'report.submit:success',
      'report.review:success',
    ]);
    expect(JSON.stringify(audit)).not.toContain('危机');
  });

  it('lists reports within the jurisdiction', async () => {
    expect((await as('city').request('GET', '/api/reports')).json().items.map((r: { id: string }) => r.id)).toEqual([reportId]);
    expect((await as('county_b').request('GET', '/api/reports')).json().items).toEqual([]);
  });

  it('exports the report as XLSX and as a PDF with an embedded CJK font', async () => {
    const x = await as('city').request('GET', `/api/reports/${reportId}/export?format=xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标', '经验做法', '报送记录']);
    expect(wb.getWorksheet('经验做法')?.getRow(2).getCell(1).value).toBe('补充：本月无危机事件。');
    const p = await as('county_a').request('GET', `/api/reports/${reportId}/export?format=pdf`);
    expect(p.statusCode).toBe(200);
    expect(p.headers['content-type']).toBe('application/pdf');
    const pdf = p.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/FontFile2|\/FontFile3|\/CIDFontType/);
    expect(pdf).toMatch(/NotoSans|CJK|Sans/);
  });

  it('picks a Simplified-Chinese regular face from fontconfig output, and none from nothing', () => {
    const out = [
      '/usr/share/fonts/x/NotoSansCJK-Bold.ttc: Noto Sans CJK SC:style=Bold:postscriptname=NotoSansCJKsc-Bold',
      '/usr/share/fonts/x/NotoSansCJK-Regular.ttc: Noto Sans CJK JP:style=Regular:postscriptname=NotoSansCJKjp-Regular',
      '/usr/share/fonts/x/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular:postscriptname=NotoSansCJKsc-Regular',
    ].join('\n');
    expect(pickCjkFont(out)).toEqual({ file: '/usr/share/fonts/x/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' });
    expect(pickCjkFont('/f/wqy.ttf: WenQuanYi:style=Regular:postscriptname=WenQuanYi')).toEqual({ file: '/f/wqy.ttf', face: undefined });
    expect(pickCjkFont('')).toBeNull();
  });
});
