import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { refreshRollups } from './refresh-rollups.ts';

// The test clock starts on 2026-03-02 09:00 (Asia/Shanghai).
describe.each(backends())('dashboards API on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let c1: { street: string; community: string };
  let c2: { street: string; community: string };
  let c3: { street: string; community: string };
  const sessions: Record<string, TestSession> = {};
  const as = (who: string): TestSession => sessions[who] as TestSession;

  async function person(region: string, createdAt: string, status = 'pending'): Promise<void> {
    await ctx.db.query(
      `INSERT INTO persons (name, sex, birth_date, region_code, verification_status, created_at) VALUES ('测试', 'male', '1970-01-01', $1, $2, $3)`,
      [region, status, createdAt],
    );
  }

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    c1 = await makeCommunity(ctx, '420102000000', 1); // 江岸区
    c2 = await makeCommunity(ctx, '420102000000', 2);
    c3 = await makeCommunity(ctx, '420103000000', 3); // 江汉区
    for (const [username, role, region] of [
      ['county_a', 'health_admin', '420102000000'],
      ['city', 'health_admin', '420100000000'],
      ['grid', 'grid_worker', c1.community],
      ['evaluator', 'evaluator', '420000000000'],
    ] as const) {
      await makeAccount(ctx, { role, regionCode: region, username });
      const s = new TestSession(app);
      expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[username] = s;
    }
    await person(c1.community, '2026-02-10T10:00:00+08:00', 'verified');
    await person(c1.community, '2026-02-25T10:00:00+08:00', 'verified');
    await person(c1.community, '2026-02-26T23:30:00+08:00'); // still the 26th in Shanghai
    await person(c2.community, '2026-02-27T08:00:00+08:00', 'deceased');
    await person(c3.community, '2026-02-27T08:00:00+08:00', 'verified');
    await refreshRollups(ctx);
    await person(c2.community, '2026-03-01T08:00:00+08:00'); // pending in the change log
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('shows a county its figures, its streets and a daily trend, including changes not yet folded', async () => {
    const res = await as('county_a').request('GET', '/api/dashboards/summary?from=2026-02-20&to=2026-03-01');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.region).toMatchObject({ code: '420102000000', level: 'county' });
    expect(body.values['register.persons']).toBe(5);
    expect(body.values['register.new_persons']).toBe(4); // the one from 10 February is before the period
    expect(body.values['register.verified']).toBe(2);
    expect(body.values['register.verified_rate']).toBeCloseTo(2 / 5);
    const streets = Object.fromEntries((body.children as { code: string; values: Record<string, number> }[]).map((c) => [c.code, c.values['register.persons']]));
    expect(streets[c1.street]).toBe(3);
    expect(streets[c2.street]).toBe(2);
    expect(body.trend).toHaveLength(10);
    const day = (d: string) => (body.trend as { day: string; values: Record<string, number> }[]).find((t) => t.day === d)?.values;
    expect(day('2026-02-20')?.['register.persons']).toBe(1); // cumulative: the person of 10 February
    expect(day('2026-02-26')?.['register.new_persons']).toBe(1);
    expect(day('2026-03-01')?.['register.persons']).toBe(5);
  });

  it('drills down to a street’s communities and defaults to the last 30 days', async () => {
    const res = await as('county_a').request('GET', `/api/dashboards/summary?region=${c1.street}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().to).toBe('2026-03-02');
    expect(res.json().from).toBe('2026-02-01');
    expect(res.json().children.map((c: { code: string }) => c.code)).toEqual([c1.community]);
    expect(res.json().children[0].values['register.persons']).toBe(3);
  });

  it('keeps each role to its jurisdiction and audits the refusal', async () => {
    const other = await as('county_a').request('GET', `/api/dashboards/summary?region=420103000000`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_JURISDICTION');
    const up = await as('county_a').request('GET', `/api/dashboards/summary?region=420100000000`);
    expect(up.statusCode).toBe(403);
    const denied = await ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'dashboard.read' AND outcome = 'denied' AND region_code = '420103000000'`);
    expect(denied).toHaveLength(1);
    const city = await as('city').request('GET', `/api/dashboards/summary?from=2026-02-01&to=2026-03-01`);
    expect(city.json().region.code).toBe('420100000000');
    expect(city.json().values['register.persons']).toBe(6);
    expect(city.json().children.find((c: { code: string }) => c.code === '420103000000').values['register.persons']).toBe(1);
    const grid = await as('grid').request('GET', `/api/dashboards/summary`);
    expect(grid.statusCode).toBe(403);
    expect(grid.json().error.code).toBe('FORBIDDEN');
  });

  it('names the field of a bad period or region', async () => {
    const a = await as('county_a').request('GET', '/api/dashboards/summary?from=2026-03-02&to=2026-03-01');
    expect(a.statusCode).toBe(400);
    expect(a.json().error.field).toBe('query.from');
    const b = await as('county_a').request('GET', '/api/dashboards/summary?from=2025-01-01&to=2026-03-01');
    expect(b.statusCode).toBe(400);
    const c = await as('county_a').request('GET', '/api/dashboards/summary?to=2026-02-30');
    expect(c.statusCode).toBe(400);
    expect(c.json().error.field).toBe('query.to');
    const d = await as('county_a').request('GET', '/api/dashboards/summary?region=4201');
    expect(d.statusCode).toBe(400);
  });

  it('exports the child-region table as XLSX with labels and values', async () => {
    const res = await as('county_a').request('GET', '/api/dashboards/summary.xlsx?table=children&from=2026-02-01&to=2026-03-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['区划代码', '区域', '新登记人数']);
    const persons = header.indexOf('在册人数') + 1;
    const row = [3, 4].map((r) => sheet.getRow(r)).find((r) => r.getCell(1).value === c1.street);
    expect(row?.getCell(persons).value).toBe(3);
    const trend = await as('county_a').request('GET', '/api/dashboards/summary.xlsx?table=trend&lang=en&from=2026-02-01&to=2026-03-01');
    expect(trend.statusCode).toBe(200);
    const out = await as('county_a').request('GET', '/api/dashboards/summary.xlsx?region=420103000000');
    expect(out.statusCode).toBe(403);
  });

  it('shows severity distributions by population category and flags a significant rise', async () => {
    const rows = await ctx.db.query<{ id: string }>(
      `INSERT INTO persons (name, sex, birth_date, region_code, created_at) VALUES ('测试', 'female', '1980-01-01', $1, '2026-01-05T10:00:00+08:00') RETURNING id`,
      [c1.community],
    );
    const pid = rows[0]?.id as string;
    await ctx.db.query(`INSERT INTO person_categories (person_id, category, source, valid_from) VALUES ($1, 'recovered_patient', 'hospital', '2020-03-01')`, [pid]);
    const add = async (day: string, severity: string, n: number, region = c1.community) => {
      for (let i = 0; i < n; i++)
        await ctx.db.query(
          `INSERT INTO assessments (person_id, region_code, instrument, instrument_version, mode, status, severity, created_at, updated_at, completed_at)
           VALUES ($1, $2, 'phq9', '1', 'in_person', 'submitted', $3, $4, $4, $4)`,
          [pid, region, severity, `${day}T10:00:00+08:00`],
        );
    };
    await add('2026-02-10', 'moderate', 4);
    await add('2026-02-11', 'mild', 36);
    await add('2026-03-01', 'severe', 20);
    await add('2026-03-02', 'minimal', 20);
    await add('2026-03-02', 'severe', 50, c3.community); // 江汉区: outside county A
    const res = await as('county_a').request('GET', '/api/dashboards/population?from=2026-01-01&to=2026-03-02');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.months).toEqual(['2026-01', '2026-02', '2026-03']);
    const rp = body.groups.find((g: { category: string; instrument: string }) => g.category === 'recovered_patient' && g.instrument === 'phq9');
    expect(rp.months.map((m: { total: number; positive: number }) => [m.total, m.positive])).toEqual([
      [0, 0],
      [40, 4],
      [40, 20],
    ]);
    expect(rp.months[2].severities).toEqual({ severe: 20, minimal: 20 });
    expect(rp.rise.significant).toBe(true);
    expect(body.groups[0].rise.significant).toBe(true);
    expect(body.groups.find((g: { category: string }) => g.category === 'all').months[2].total).toBe(40);
    // the same figures are on the dashboard, from the rollups
    const sum = (await as('county_a').request('GET', '/api/dashboards/summary?from=2026-03-01&to=2026-03-02')).json();
    expect(sum.values['assessments.completed']).toBe(40);
    expect(sum.values['assessments.positive_rate']).toBeCloseTo(0.5);
    expect((await as('county_a').request('GET', '/api/dashboards/population?region=420103000000')).statusCode).toBe(403);
    const x = await as('county_a').request('GET', '/api/dashboards/population.xlsx?from=2026-01-01&to=2026-03-02');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rowsOut = (wb.worksheets[0] as ExcelJS.Worksheet).getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rowsOut.some((r) => r[0] === 'recovered_patient' && r[2] === '2026-03' && r[3] === 40 && r[4] === 20)).toBe(true);
  });

  it('reports every required "three specialists" post below a region, empty ones first', async () => {
    const filled = await makeAccount(ctx, { role: 'counselor', regionCode: '420102000000', username: 'specialist' });
    await ctx.db.query(`UPDATE accounts SET designated_post = 'county_specialist' WHERE id = $1`, [filled.id]);
    const worker = await makeAccount(ctx, { role: 'grid_worker', regionCode: c1.community, username: 'worker1' });
    await ctx.db.query(`UPDATE accounts SET designated_post = 'community_worker' WHERE id = $1`, [worker.id]);
    const res = await as('county_a').request('GET', '/api/dashboards/staffing');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.region.code).toBe('420102000000');
    expect(body.required).toBe(5); // county, two streets, two communities
    expect(body.filled).toBe(2);
    expect(body.posts.slice(0, 3).every((p: { filled: boolean }) => !p.filled)).toBe(true);
    expect(body.byLevel).toEqual([
      { level: 'county', post: 'county_specialist', required: 1, filled: 1 },
      { level: 'street', post: 'street_cadre', required: 2, filled: 0 },
      { level: 'community', post: 'community_worker', required: 2, filled: 1 },
    ]);
    // a disabled account fills nothing
    await ctx.db.query(`UPDATE accounts SET disabled_at = now() WHERE id = $1`, [worker.id]);
    expect((await as('county_a').request('GET', '/api/dashboards/staffing')).json().filled).toBe(1);
    expect((await as('county_a').request('GET', '/api/dashboards/staffing?region=420103000000')).statusCode).toBe(403);
    const x = await as('county_a').request('GET', '/api/dashboards/staffing.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(3).getCell(6).value).toBe('空缺'); // empty posts first
    expect((await as('county_a').request('GET', '/api/dashboards/staffing.xlsx?region=420103000000')).statusCode).toBe(403);
  });
});
