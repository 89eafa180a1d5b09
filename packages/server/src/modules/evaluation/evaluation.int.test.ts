import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';

describe.each(backends())('de-identified evaluation export on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let community: string;
  const sessions: Record<string, TestSession> = {};
  const as = (who: string): TestSession => sessions[who] as TestSession;

  async function person(name: string, birth: string, sex = 'female'): Promise<void> {
    const rows = await ctx.db.query<{ id: string }>(
      `INSERT INTO persons (name, sex, birth_date, region_code, created_at) VALUES ($1, $2, $3, $4, '2026-02-10T10:00:00+08:00') RETURNING id`,
      [name, sex, birth, community],
    );
    await ctx.db.query(`INSERT INTO person_categories (person_id, category, source, valid_from) VALUES ($1, 'recovered_patient', 'hospital', '2020-03-01')`, [rows[0]?.id]);
  }

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community } = await makeCommunity(ctx, '420102000000', 1));
    for (const [username, role, region] of [
      ['evaluator', 'evaluator', '420000000000'],
      ['county_admin', 'health_admin', '420102000000'],
    ] as const) {
      await makeAccount(ctx, { role, regionCode: region, username });
      const s = new TestSession(app);
      expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[username] = s;
    }
    // five women in their forties, recovered patients, in one county: one class of five
    for (const [i, birth] of ['1980-01-05', '1982-06-30', '1984-12-01', '1979-04-04', '1985-08-08'].entries()) await person(`张${i}梅`, birth);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('exports a 5-anonymous dataset with no identifiers, county-level regions, age bands and shifted dates', async () => {
    const res = await as('evaluator').request('GET', '/api/evaluation/dataset?region=420100000000');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-anxin-rows']).toBe('5');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('dataset') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['pseudonym', 'sex', 'ageBand', 'county', 'categories', 'verificationStatus', 'registeredOnShifted', 'handovers', 'admissions']);
    const rows = [2, 3, 4, 5, 6].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
    for (const r of rows) {
      expect(r[1]).toBe('female');
      expect(r[2]).toBe('40-49');
      expect(r[3]).toBe('420102000000');
      expect(r[4]).toBe('recovered_patient');
      const shift = (Date.parse(r[6] as string) - Date.parse('2026-02-10')) / 86_400_000;
      expect(Math.abs(shift)).toBeLessThanOrEqual(15);
    }
    expect(new Set(rows.map((r) => r[0])).size).toBe(5);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/张|梅|1980-01-05/);
    expect(text).not.toContain(community);
    const audit = await ctx.db.query<{ outcome: string; details: { rows: number } }>(
      `SELECT outcome, details FROM audit_log WHERE action = 'dataset.export_deidentified' ORDER BY id`,
    );
    expect(audit.map((a) => [a.outcome, a.details.rows])).toEqual([['success', 5]]);
  });

  it('refuses a dataset with a class smaller than k, saying how many groups fail', async () => {
    await person('李四', '1940-02-02', 'male'); // a unique old man
    const res = await as('evaluator').request('GET', '/api/evaluation/dataset?region=420100000000');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'INVALID_STATE', field: 'query.region', details: { k: 5, smallestClass: 1, failingClasses: 1, failingRows: 1 } });
    // a stricter k fails too; a weaker k than the documented minimum is not allowed
    expect((await as('evaluator').request('GET', '/api/evaluation/dataset?k=6')).statusCode).toBe(409);
    const weak = await as('evaluator').request('GET', '/api/evaluation/dataset?k=2');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe('query.k');
    const denied = await ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'dataset.export_deidentified' AND outcome = 'denied' AND reason = 'k_anonymity'`);
    expect(denied.length).toBe(2);
  });

  it('is for the evaluator role only', async () => {
    const res = await as('county_admin').request('GET', '/api/evaluation/dataset');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
