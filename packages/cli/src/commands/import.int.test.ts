import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeNationalId } from '@anxin/domain';
import iconv from 'iconv-lite';
import { openPglite } from '@anxin/server/db/pglite-database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { capturingIo } from '../capturing-io.ts';
import { main } from '../main.ts';

const capture = (env: Record<string, string> = {}) => capturingIo(env);

describe('anxin import persons (embedded database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'anxin-cli-import-'));
  const env = { ANXIN_DATA_DIR: dataDir };
  const community = '420102002003'; // 江岸区 保成社区
  const id = makeNationalId('420102', '1970-03-04', 21, 'female');

  beforeAll(async () => {
    expect(await main(['migrate'], capture(env))).toBe(0);
    // Streets and communities are loaded per enabled province; add just the one the files name.
    const db = await openPglite(dataDir, { timeZone: 'Asia/Shanghai' });
    await db.exec(`INSERT INTO regions (code, parent_code, level, name) VALUES ('000000000000', NULL, 'country', '中华人民共和国'),
      ('420000000000', '000000000000', 'province', '湖北省'), ('420100000000', '420000000000', 'city', '武汉市'),
      ('420102000000', '420100000000', 'county', '江岸区'), ('420102002000', '420102000000', 'street', '大智街道'),
      ('${community}', '420102002000', 'community', '保成社区') ON CONFLICT (code) DO NOTHING`);
    await db.close();
  });

  it('prints exactly one JSON object with the counts and the error report path, exit 0 despite rejected rows', async () => {
    const file = join(dataDir, 'people.csv');
    writeFileSync(
      file,
      iconv.encode(['姓名,性别,出生日期,身份证号,社区代码', `刘芳,,,${id},${community}`, `坏行,男,1970-13-40,,${community}`, `李四,男,1980-01-01,,${community}`].join('\r\n'), 'gbk'),
    );
    const io = capture(env);
    const code = await main(['import', 'persons', file, '--json'], io);
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['read', 'created', 'updated', 'unchanged', 'rejected', 'errorReport']);
    expect(result).toEqual({ read: 3, created: 2, updated: 0, unchanged: 0, rejected: 1, errorReport: `${file}.errors.csv` });
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toContain('3,birth_date,invalid_date');

    const again = capture(env);
    expect(await main(['import', 'persons', file, '--format', 'csv', '--json'], again)).toBe(0);
    expect(JSON.parse(again.stdout) as unknown).toEqual({ read: 3, created: 0, updated: 0, unchanged: 2, rejected: 1, errorReport: `${file}.errors.csv` });
  });

  it('prints a summary without --json and null errorReport when every row is good', async () => {
    const file = join(dataDir, 'good.csv');
    writeFileSync(file, `name,sex,birth_date,community_code\n王五,男,1990-02-02,${community}\n`);
    const io = capture(env);
    expect(await main(['import', 'persons', file], io)).toBe(0);
    expect(io.stdout).toContain('Read 1 rows: 1 created, 0 updated, 0 unchanged, 0 rejected.');
    const json = capture(env);
    expect(await main(['import', 'persons', file, '--json'], json)).toBe(0);
    expect(JSON.parse(json.stdout) as unknown).toMatchObject({ errorReport: null, unchanged: 1 });
  });

  it('exits 2 on bad usage, a missing file or a file it cannot read', async () => {
    const usage = capture(env);
    expect(await main(['import', 'people', 'x.csv'], usage)).toBe(2);
    const fmt = capture(env);
    expect(await main(['import', 'persons', 'x.csv', '--format', 'pdf'], fmt)).toBe(2);
    expect(fmt.stderr).toContain('--format');
    const missing = capture(env);
    expect(await main(['import', 'persons', join(dataDir, 'nope.csv'), '--json'], missing)).toBe(2);
    expect(missing.stdout).toBe('');
    const garbage = join(dataDir, 'garbage.csv');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)));
    const bad = capture(env);
    expect(await main(['import', 'persons', garbage, '--json'], bad)).toBe(2);
    expect(bad.stderr).toContain('binary');
  });
});
