import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeNationalId } from '@anxin/domain';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity } from '../../testing/factories.ts';
import { createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import type { Queryable } from '../../db/database.ts';
import { OrganizationRepository } from '../organizations/organization-repository.ts';
import { nationalIdIndex } from '../persons/person-crypto.ts';
import { runImport, type Importer } from './import-engine.ts';
import { ImportFileError, type ImportFormat } from './import-file.ts';
import { ImportRepository } from './import-repository.ts';
import { errorReportLines } from './error-report.ts';
import { prepareImport, resumeAbandonedImports, runningImports } from './start-import.ts';

// Test clock: 2026-03-02 (Asia/Shanghai).
const SYSTEM: Importer = { accountId: null, username: 'cli:test', role: 'system', clientIp: null };
const HEADER_ZH = '姓名,性别,出生日期,身份证号,联系电话,现住址,社区代码,人群类别,医院,病案号,入院日期,出院日期,诊断,病情程度,精神科用药';
const HEADER_EN = 'national_id,name,community_code,phone,hospital,record_number,admission_date,discharge_date,diagnosis,psych_medications,categories';

const dir = mkdtempSync(join(tmpdir(), 'anxin-import-'));
let fileCounter = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const p = join(dir, `f${++fileCounter}.${ext}`);
  writeFileSync(p, content);
  return p;
}

describe.each(backends())('register import on %s', (backend) => {
  let ctx: TestContext;
  let c1: string; // 江岸区 community, covered by a primary-care centre
  let c2: string; // 江汉区 community
  let careOrg: string;
  const ids = Array.from({ length: 12 }, (_, i) => makeNationalId('420102', `198${i % 10}-0${1 + (i % 9)}-1${i % 10}`, 10 + i, i % 2 ? 'female' : 'male'));

  async function importFile(path: string, format: ImportFormat, who: Importer = SYSTEM, scope = [''], opts: Parameters<typeof runImport>[4] = {}) {
    const { imp } = await prepareImport(ctx, { path, fileName: 'test', format, storedPath: null, accountId: who.accountId, scopePrefixes: scope });
    return runImport(ctx, imp, path, who, opts);
  }
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await ctx.db.query<{ n: number }>(sql, params))[0]?.n ?? 0);
  const errorsOf = async (importId: string): Promise<string> => {
    let out = '';
    for await (const chunk of errorReportLines(ctx.db, importId)) out += chunk;
    return out;
  };

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    ({ community: c1 } = await makeCommunity(ctx, '420102000000', 1));
    ({ community: c2 } = await makeCommunity(ctx, '420103000000', 2));
    const orgs = new OrganizationRepository(ctx.db);
    await orgs.create({ type: 'designated_hospital', name: '武汉市金银潭医院', regionCode: '420100000000' });
    const care = await orgs.create({ type: 'primary_care', name: '测试街社区卫生服务中心', regionCode: `${c1.slice(0, 9)}000` });
    await orgs.addCoverage(care.id, `${c1.slice(0, 9)}000`);
    careOrg = care.id;
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('imports a UTF-8 CSV with Chinese headers: persons, categories, episodes and the discharge hand-over', async () => {
    const csv = [
      HEADER_ZH,
      `张伟,,,${ids[0]},13800000001,江岸区某小区1栋,${c1},治愈患者,武汉市金银潭医院,R001,2020-02-01,2020-02-20,U07.1,普通型,舍曲林|50mg qd|王医生`,
      `"李娜",女,1990-03-04,,13800000002,"江岸区某路 2 号, 3 室",${c1},患者家属;病亡者家属,,,,,,,`,
      `王强,,,${ids[1]},,,${c2},,武汉市金银潭医院,R002,2020-02-03,,U07.1,重型,`,
    ].join('\r\n');
    const s = await importFile(file(csv), 'csv');
    expect(s).toMatchObject({ status: 'done', rowsDone: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(await count('SELECT count(*)::int AS n FROM persons')).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM person_categories WHERE source = 'import'`)).toBe(3);
    expect(await count('SELECT count(*)::int AS n FROM hospital_episodes')).toBe(2);
    const handovers = await ctx.db.query<{ to_org_id: string | null; medication_handover: boolean; reason: string }>('SELECT to_org_id, medication_handover, reason FROM handovers');
    expect(handovers).toEqual([{ to_org_id: careOrg, medication_handover: true, reason: 'discharge' }]);
    expect(await count(`SELECT count(*)::int AS n FROM person_timeline WHERE kind = 'episode.discharged'`)).toBe(1);
    // Identifiers are stored encrypted only.
    const raw = await ctx.db.query<{ national_id_enc: string | null; phone_enc: string | null }>(`SELECT national_id_enc, phone_enc FROM persons WHERE name = '张伟'`);
    expect(raw[0]?.national_id_enc).not.toContain(ids[0]);
    expect(raw[0]?.phone_enc).not.toContain('13800000001');
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.import' AND username = 'cli:test'`)).toBeGreaterThan(0);
  });

  it('re-importing the same file changes nothing; changed rows are updates; overlapping files make no copies', async () => {
    const csv = [
      HEADER_ZH,
      `张伟,,,${ids[0]},13800000001,江岸区某小区1栋,${c1},治愈患者,武汉市金银潭医院,R001,2020-02-01,2020-02-20,U07.1,普通型,舍曲林|50mg qd|王医生`,
      `"李娜",女,1990-03-04,,13800000002,"江岸区某路 2 号, 3 室",${c1},患者家属;病亡者家属,,,,,,,`,
      `王强,,,${ids[1]},,,${c2},,武汉市金银潭医院,R002,2020-02-03,,U07.1,重型,`,
    ].join('\r\n');
    const again = await importFile(file(csv), 'csv');
    expect(again).toMatchObject({ status: 'done', rowsDone: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 });
    // Overlap: 王强 now discharged (update + hand-over), 张伟 unchanged, one new person, with English headers in another order.
    const overlap = [
      HEADER_EN,
      `${ids[1]},王强,${c2},,武汉市金银潭医院,R002,2020-02-03,2020-02-25,U07.1,,`,
      `${ids[0]},张伟,${c1},13800000001,武汉市金银潭医院,R001,2020-02-01,2020-02-20,U07.1,舍曲林|50mg qd|王医生,recovered_patient`,
      `${ids[2]},赵敏,${c1},,,,,,,,`,
    ].join('\n');
    const s = await importFile(file(overlap), 'csv');
    expect(s).toMatchObject({ status: 'done', rowsDone: 3, created: 1, updated: 1, unchanged: 1, rejected: 0 });
    expect(await count('SELECT count(*)::int AS n FROM persons')).toBe(4);
    expect(await count('SELECT count(*)::int AS n FROM hospital_episodes')).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM handovers')).toBe(2);
    // 江汉区 has no primary-care coverage: the hand-over waits unrouted for the county.
    expect(await count('SELECT count(*)::int AS n FROM handovers WHERE to_org_id IS NULL')).toBe(1);
  });

  it('detects GBK-encoded CSV and reads the Chinese', async () => {
    const csv = [HEADER_ZH, `孙丽,女,,${ids[3]},,武汉,${c1},一线医务人员,,,,,,,`].join('\r\n');
    const s = await importFile(file(iconv.encode(csv, 'gbk')), 'csv');
    expect(s).toMatchObject({ status: 'done', created: 1, rejected: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name = '孙丽'`)).toBe(1);
    const imp = await new ImportRepository(ctx.db).find(s.importId);
    expect(imp?.encoding).toBe('gbk');
  });

  it('reads UTF-8 with a BOM', async () => {
    const csv = `\uFEFF${[HEADER_ZH, `周杰,男,,${ids[4]},,,${c1},,,,,,,,`].join('\n')}\n`;
    const s = await importFile(file(csv), 'csv');
    expect(s).toMatchObject({ status: 'done', created: 1, rejected: 0 });
  });

  it('reports bad rows by row, field and reason and imports the good ones', async () => {
    const id5 = ids[5] as string;
    const badCheck = `${id5.slice(0, 17)}${id5[17] === '0' ? '1' : '0'}`;
    const csv = [
      HEADER_ZH,
      `,男,1980-01-01,,,,${c1},,,,,,,,`, // row 2: empty name
      `吴刚,男,,${badCheck},,,${c1},,,,,,,,`, // row 3: check digit
      `郑爽,女,2030-01-01,,,,${c1},,,,,,,,`, // row 4: birth in the future
      `钱多,男,1980-01-01,,,,999999999999,,,,,,,,`, // row 5: unknown community
      `冯七,男,1980-01-01,,,,${c1},,不存在医院,X1,2020-01-01,,,,`, // row 6: unknown hospital
      `陈八,男,1980-01-01,,,,${c1},,武汉市金银潭医院,X2,2020-02-10,2020-02-01,,,`, // row 7: discharge before admission
      `褚九,男,1980-01-01,,,,${c1},外星人,,,,,,,`, // row 8: unknown category
      `卫十,,,${ids[6]},,,${c1},,,,,,,,`, // row 9: good
    ].join('\n');
    const s = await importFile(file(csv), 'csv');
    expect(s).toMatchObject({ status: 'done', rowsDone: 8, created: 1, rejected: 7 });
    const report = await errorsOf(s.importId);
    const lines = report.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('row,field,reason,value,说明');
    const codes = lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','));
    expect(codes).toEqual([
      '2,name,required',
      '3,national_id,invalid_checksum',
      '4,birth_date,future_date',
      '5,community_code,unknown_region',
      '6,hospital,unknown_hospital',
      '7,discharge_date,before_admission',
      '8,categories,unknown_category',
    ]);
    expect(lines[7]).toContain('外星人');
    // Nothing of a rejected row is written.
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name IN ('吴刚', '郑爽', '钱多', '冯七', '陈八', '褚九')`)).toBe(0);
  });

  it('limits rows to the importer’s jurisdiction', async () => {
    const clerk: Importer = { accountId: null, username: 'clerk', role: 'hospital_clerk', clientIp: null };
    const csv = [HEADER_ZH, `甲一,男,1970-01-01,,,,${c1},,,,,,,,`, `乙二,女,1971-01-01,,,,${c2},,,,,,,,`, `王强,,,${ids[1]},,,${c1},,,,,,,,`].join('\n');
    const s = await importFile(file(csv), 'csv', clerk, ['420102']);
    expect(s).toMatchObject({ created: 1, rejected: 2 });
    const report = await errorsOf(s.importId);
    expect(report).toContain('3,community_code,out_of_jurisdiction');
    // 王强 lives in 江汉区: a 江岸区 importer cannot move or change him.
    expect(report).toContain('4,national_id,out_of_jurisdiction');
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name = '乙二'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name = '王强' AND region_code = $1`, [c2])).toBe(1);
  });

  it('refuses garbage, binary and wrongly encoded files before writing anything', async () => {
    const before = await count('SELECT count(*)::int AS n FROM persons');
    const random = Buffer.alloc(256 * 1024);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + (i >> 3) * 104729) % 256;
    await expect(importFile(file(random), 'csv')).rejects.toMatchObject({ code: 'binary' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER_ZH}\n`, 'utf16le')]);
    await expect(importFile(file(utf16), 'csv')).rejects.toMatchObject({ code: 'unsupported_encoding' });
    // Valid neither as UTF-8 nor as GBK (0x80 and 0xFF lead bytes are not GBK).
    await expect(importFile(file(Buffer.from([0x61, 0x2c, 0xff, 0xff, 0x80, 0x0a, 0x62])), 'csv')).rejects.toBeInstanceOf(ImportFileError);
    await expect(importFile(file('not a zip at all', 'xlsx'), 'xlsx')).rejects.toMatchObject({ code: 'not_xlsx' });
    await expect(importFile(file('["not", "a bundle"]', 'json'), 'fhir')).rejects.toMatchObject({ code: 'not_fhir_bundle' });
    await expect(importFile(file(''), 'csv')).rejects.toMatchObject({ code: 'empty' });
    // Text, but not the template: a per-file error, recorded on the import.
    const s = await importFile(file('foo,bar\n1,2\n'), 'csv');
    expect(s).toMatchObject({ status: 'failed', errorCode: 'bad_header', created: 0 });
    expect(s.errorMessage).toContain('missing columns: name, community_code');
    expect(await count('SELECT count(*)::int AS n FROM persons')).toBe(before);
  });

  it('resumes after a crash and ends with exactly one copy of each record', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => {
      const id = makeNationalId('420102', `1960-01-${String(1 + i).padStart(2, '0')}`, 100 + i, 'male');
      // Every fifth row has no national ID: identified by name + sex + birth date + community.
      return i % 5 === 0 ? `断点${i},男,1961-02-03,,,,${c1},,武汉市金银潭医院,C${i},2020-03-01,2020-03-09,,,` : `断点${i},,,${id},,,${c1},,武汉市金银潭医院,C${i},2020-03-01,2020-03-09,,,`;
    });
    const path = file([HEADER_ZH, ...rows].join('\n'));
    await expect(importFile(path, 'csv', SYSTEM, [''], { batchSize: 4, failAfterBatches: 3 })).rejects.toThrow('injected failure');
    const crashed = await ctx.db.query<{ rows_done: number; status: string }>(`SELECT rows_done, status FROM imports WHERE status = 'running'`);
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name LIKE '断点%'`)).toBe(12);
    const runs = await count('SELECT count(*)::int AS n FROM imports');
    const s = await importFile(path, 'csv', SYSTEM, [''], { batchSize: 4 });
    expect(await count('SELECT count(*)::int AS n FROM imports')).toBe(runs); // the same import resumed
    expect(crashed).toEqual([{ rows_done: 12, status: 'running' }]);
    expect(s).toMatchObject({ status: 'done', rowsDone: 25, created: 25, rejected: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name LIKE '断点%'`)).toBe(25);
    expect(await count(`SELECT count(*)::int AS n FROM hospital_episodes WHERE record_number LIKE 'C%'`)).toBe(25);
    // Run the finished file once more: everything already there.
    const third = await importFile(path, 'csv', SYSTEM, [''], { batchSize: 7 });
    expect(third).toMatchObject({ status: 'done', rowsDone: 25, created: 0, unchanged: 25 });
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name LIKE '断点%'`)).toBe(25);
    expect(await count(`SELECT count(*)::int AS n FROM handovers h JOIN hospital_episodes e ON e.id = h.episode_id WHERE e.record_number LIKE 'C%'`)).toBe(25);
  });

  it('reads in a worker thread: the same rows, rejections and resume after a crash; a bad header fails the import', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => {
      const id = makeNationalId('420102', `1962-03-${String(1 + i).padStart(2, '0')}`, 200 + i, 'female');
      // Rows 4 and 9 (file rows 5 and 10) carry a wrong check digit.
      const bad = i === 3 || i === 8 ? `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}` : id;
      return `线程${i},,,${bad},,,${c1},,,,,,,,`;
    });
    const path = file([HEADER_ZH, ...rows].join('\n'));
    await expect(importFile(path, 'csv', SYSTEM, [''], { batchSize: 3, failAfterBatches: 2, readerThread: true })).rejects.toThrow('injected failure');
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name LIKE '线程%'`)).toBe(5);
    const s = await importFile(path, 'csv', SYSTEM, [''], { batchSize: 3, readerThread: true });
    expect(s).toMatchObject({ status: 'done', rowsDone: 12, created: 10, rejected: 2 });
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name LIKE '线程%'`)).toBe(10);
    expect((await errorsOf(s.importId)).split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['5,national_id', '10,national_id']);
    const header = await importFile(file(['名字,性别', '某,男'].join('\n')), 'csv', SYSTEM, [''], { readerThread: true });
    expect(header).toMatchObject({ status: 'failed', errorCode: 'bad_header' });
  });

  it('queues a person without a national ID who shares name and birth date with a registered one for duplicate review', async () => {
    const born = (await ctx.db.query<{ birth_date: string }>(`SELECT birth_date FROM persons WHERE name = '张伟'`))[0]?.birth_date;
    const s = await importFile(file([HEADER_ZH, `张伟,男,${born},,,,${c1},,,,,,,,`].join('\n')), 'csv');
    expect(s).toMatchObject({ created: 1, rejected: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM duplicate_candidates WHERE status = 'pending'`)).toBe(1);
  });

  it('queues a person with a national ID who matches one registered earlier without an ID (name, birth date, phone), never two with IDs', async () => {
    const pending = async (): Promise<string[][]> =>
      (
        await ctx.db.query<{ keys: string[] }>(
          `SELECT c.keys FROM duplicate_candidates c JOIN persons a ON a.id = c.person_a JOIN persons b ON b.id = c.person_b
            WHERE a.name = '后补甲' AND b.name = '后补甲' AND c.status = 'pending' ORDER BY c.created_at, c.person_a`,
        )
      ).map((r) => r.keys);
    await importFile(file([HEADER_ZH, `后补甲,女,1977-07-07,,13900000077,,${c1},,,,,,,,`].join('\n')), 'csv');
    expect(await pending()).toEqual([]);
    const withId = await importFile(file([HEADER_ZH, `后补甲,,,${makeNationalId('420102', '1977-07-07', 400, 'female')},13900000077,,${c1},,,,,,,,`].join('\n')), 'csv');
    expect(withId).toMatchObject({ created: 1, rejected: 0 });
    const one = await pending();
    expect(one).toHaveLength(1);
    expect(one[0]?.map((k) => k.slice(0, 3))).toEqual(['bp:', 'nb:', 'np:']);
    // Another ID, same name, birth date and phone: paired with the record without an ID, not with the first ID.
    await importFile(file([HEADER_ZH, `后补甲,,,${makeNationalId('420102', '1977-07-07', 402, 'female')},13900000077,,${c2},,,,,,,,`].join('\n')), 'csv');
    expect(await pending()).toHaveLength(2);
    const withoutId = await count(`SELECT count(*)::int AS n FROM persons WHERE name = '后补甲' AND national_id_bidx IS NULL`);
    expect(withoutId).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM duplicate_candidates c JOIN persons a ON a.id = c.person_a JOIN persons b ON b.id = c.person_b
          WHERE a.name = '后补甲' AND a.national_id_bidx IS NOT NULL AND b.national_id_bidx IS NOT NULL`,
      ),
    ).toBe(0);
  });

  it('pairs a later record without an ID with one that has an ID by phone (name + phone, birth date + phone), and keeps the ID record out of the key table', async () => {
    const idP = makeNationalId('420102', '1981-08-08', 470, 'male');
    await importFile(file([HEADER_ZH, `电话甲,,,${idP},13900000088,,${c1},,,,,,,,`].join('\n')), 'csv');
    const withId = await ctx.db.query<{ id: string; k: string | null }>(`SELECT id, name_birth_key AS k FROM persons WHERE name = '电话甲'`);
    expect(withId).toHaveLength(1);
    expect(withId[0]?.k).toBe('nb:电话甲|1981-08-08');
    expect(await count(`SELECT count(*)::int AS n FROM person_duplicate_keys WHERE person_ref = $1`, [withId[0]?.id])).toBe(0);
    // Another name, same birth date and phone; then the same name and phone, another birth date.
    await importFile(file([HEADER_ZH, `电话乙,男,1981-08-08,,13900000088,,${c1},,,,,,,,`, `电话甲,男,1982-02-02,,13900000088,,${c2},,,,,,,,`].join('\n')), 'csv');
    const pairs = await ctx.db.query<{ other: string; keys: string[] }>(
      `SELECT p.name || '|' || p.birth_date AS other, c.keys FROM duplicate_candidates c
         JOIN persons p ON p.id = CASE WHEN c.person_a = $1 THEN c.person_b ELSE c.person_a END
        WHERE $1 IN (c.person_a, c.person_b) ORDER BY 1`,
      [withId[0]?.id],
    );
    expect(pairs.map((p) => [p.other, p.keys.map((k) => k.slice(0, 3))])).toEqual([
      ['电话乙|1981-08-08', ['bp:']],
      ['电话甲|1982-02-02', ['np:']],
    ]);
    // The two records without an ID share the phone but neither name nor birth date: no key, no pair.
    expect(await count(`SELECT count(*)::int AS n FROM person_duplicate_keys k JOIN persons p ON p.id = k.person_ref WHERE p.national_id_bidx IS NOT NULL`)).toBe(0);
  });

  it('looks again when a national ID is registered between its look-up and its insert', async () => {
    const idC = makeNationalId('420102', '1966-06-06', 450, 'male');
    let raced = 0;
    // Another writer registers the ID inside the batch's transaction just before the persons insert: the
    // insert's unique violation rolls the batch back, and the retry (the other row gone with it) succeeds.
    const racingDb = new Proxy(ctx.db, {
      get(target, key) {
        if (key === 'transaction')
          return <T>(fn: (tx: Queryable) => Promise<T>) =>
            target.transaction((tx) =>
              fn({
                async query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
                  if (raced === 0 && sql.trimStart().startsWith('INSERT INTO persons (id')) {
                    raced++;
                    await tx.query(
                      `INSERT INTO persons (name, sex, birth_date, region_code, national_id_enc, national_id_bidx) VALUES ('抢先', 'male', '1966-06-06', $1, 'x', $2)`,
                      [c1, nationalIdIndex(ctx.cipher, idC)],
                    );
                  }
                  return tx.query<R>(sql, params);
                },
              }),
            );
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const path = file([HEADER_ZH, `并发丙,,,${idC},,,${c1},,,,,,,,`].join('\n'));
    const { imp } = await prepareImport(ctx, { path, fileName: 'test', format: 'csv', storedPath: null, accountId: null, scopePrefixes: [''] });
    const s = await runImport({ ...ctx, db: racingDb }, imp, path, SYSTEM);
    expect(raced).toBe(1);
    expect(s).toMatchObject({ status: 'done', created: 1, rejected: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name IN ('并发丙', '抢先')`)).toBe(1);
  });

  it('within one batch: a repeated national ID updates the person just created, a repeated person without ID is unchanged, a repeated record number updates its episode, a namesake is queued once', async () => {
    const idA = makeNationalId('420102', '1975-05-05', 300, 'male');
    const csv = [
      HEADER_ZH,
      `批内甲,,,${idA},13900000001,,${c1},,武汉市金银潭医院,B001,2020-04-01,,U07.1,,`,
      `批内甲,,,${idA},13900000002,,${c1},,武汉市金银潭医院,B001,2020-04-01,2020-04-10,U07.1,,`,
      `批内乙,女,1970-07-07,,,,${c1},,,,,,,,`,
      `批内乙,女,1970-07-07,,,,${c1},,,,,,,,`,
      `批内乙,女,1970-07-07,,,,${c2},,,,,,,,`,
    ].join('\n');
    const s = await importFile(file(csv), 'csv');
    expect(s).toMatchObject({ status: 'done', rowsDone: 5, created: 3, updated: 1, unchanged: 1, rejected: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name LIKE '批内%'`)).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name = '批内甲' AND phone_bidx = $1`, [ctx.cipher.blindIndex('13900000002', 'person.phone')])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM hospital_episodes WHERE record_number = 'B001' AND discharge_date = '2020-04-10'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM handovers h JOIN hospital_episodes e ON e.id = h.episode_id WHERE e.record_number = 'B001'`)).toBe(1);
    // The two 批内乙 (two communities) share name + birth date: one pending pair, whichever side found it.
    const pairs = await ctx.db.query<{ keys: string[] }>(
      `SELECT c.keys FROM duplicate_candidates c JOIN persons a ON a.id = c.person_a JOIN persons b ON b.id = c.person_b
        WHERE a.name = '批内乙' AND b.name = '批内乙' AND c.status = 'pending'`,
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.keys).toHaveLength(1);
    expect(pairs[0]?.keys[0]).toMatch(/^nb:/);
    // Persons created by an import get time-ordered (version 7) ids.
    const ids7 = await ctx.db.query<{ id: string }>(`SELECT id::text AS id FROM persons WHERE name LIKE '批内%'`);
    for (const r of ids7) expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('imports the first sheet of an XLSX workbook, with date cells and numeric-looking text', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('人员名单');
    sheet.addRow(['姓名*', '性别', '出生日期', '身份证号', '联系电话', '社区代码*', '医院', '病案号', '入院日期', '出院日期']);
    sheet.addRow(['表格一', '女', new Date(Date.UTC(1985, 6, 9)), '', '13900000009', c1, '武汉市金银潭医院', 'XL1', new Date(Date.UTC(2020, 1, 2)), new Date(Date.UTC(2020, 1, 12))]);
    sheet.addRow(['表格二', '', '', ids[7], '', c1]);
    sheet.addRow(['表格三', '男', 'not a date', '', '', c1]);
    wb.addWorksheet('填写说明').addRow(['姓名', '说明']);
    const path = join(dir, 'people.xlsx');
    await wb.xlsx.writeFile(path);
    const s = await importFile(path, 'xlsx');
    expect(s).toMatchObject({ status: 'done', rowsDone: 3, created: 2, rejected: 1 });
    expect(await errorsOf(s.importId)).toContain('4,birth_date,invalid_date');
    const ep = await ctx.db.query<{ admission_date: string; discharge_date: string }>(`SELECT admission_date, discharge_date FROM hospital_episodes WHERE record_number = 'XL1'`);
    expect(ep).toEqual([{ admission_date: '2020-02-02', discharge_date: '2020-02-12' }]);
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name = '表格一' AND birth_date = '1985-07-09'`)).toBe(1);
  });

  it('streams files larger than a read chunk: quoted line breaks and escaped JSON across chunk boundaries', async () => {
    const csvRows = Array.from({ length: 1500 }, (_, i) => {
      const id = makeNationalId('420102', `1950-02-${String(1 + (i % 28)).padStart(2, '0')}`, 200 + Math.floor(i / 28), 'female');
      return `大文件${i},,,${id},,"江岸区""某""小区${'甲'.repeat(60)}\r\n${i} 号",${c1},,,,,,,,`;
    });
    const big = file([HEADER_ZH, ...csvRows].join('\r\n'));
    const s = await importFile(big, 'csv');
    expect(s).toMatchObject({ status: 'done', rowsDone: 1500, created: 1500, rejected: 0 });
    const entries = Array.from({ length: 1200 }, (_, i) => ({
      resource: {
        resourceType: 'Patient',
        identifier: [{ system: 'https://anxin.org.cn/fhir/sid/national-id', value: makeNationalId('420102', `1951-03-${String(1 + (i % 28)).padStart(2, '0')}`, 200 + Math.floor(i / 28), 'male') }],
        name: [{ text: `大包\u4e00${i}` }],
        address: [{ text: `"引号"\\路 ${'乙'.repeat(80)}`, district: c1 }],
      },
    }));
    const fhir = await importFile(file(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries }), 'json'), 'fhir');
    expect(fhir).toMatchObject({ status: 'done', rowsDone: 1200, created: 1200, rejected: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name LIKE '大包一%'`)).toBe(1200);
  });

  it('a national ID of a record merged into another updates the survivor, not the merged record', async () => {
    const id = makeNationalId('420102', '1966-09-09', 300, 'male');
    await importFile(file([HEADER_ZH, `合并甲,,,${id},,,${c1},,,,,,,,`, `合并乙,男,1966-09-09,,,,${c1},,,,,,,,`].join('\n')), 'csv');
    const [a, b] = await ctx.db.query<{ id: string }>(`SELECT id FROM persons WHERE name IN ('合并甲', '合并乙') ORDER BY name`);
    await ctx.db.query('UPDATE persons SET merged_into = $2 WHERE id = $1', [a?.id, b?.id]);
    const s = await importFile(file([HEADER_ZH, `合并甲,,,${id},13911112222,,${c1},,武汉市金银潭医院,MG-1,2020-02-02,,,,`].join('\n')), 'csv');
    expect(s).toMatchObject({ updated: 1, created: 0 });
    const survivor = await ctx.db.query<{ name: string; phone_bidx: string | null }>('SELECT name, phone_bidx FROM persons WHERE id = $1', [b?.id]);
    expect(survivor[0]?.phone_bidx).not.toBeNull();
    expect(await count(`SELECT count(*)::int AS n FROM hospital_episodes WHERE record_number = 'MG-1' AND person_id = $1`, [b?.id])).toBe(1);
  });

  it('a server start resumes an uploaded import a crashed process left running', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => `续传${i},女,1970-01-0${1 + i},,,,${c1},,,,,,,,`);
    const path = file([HEADER_ZH, ...rows].join('\n'));
    const { imp } = await prepareImport(ctx, { path, fileName: 'upload.csv', format: 'csv', storedPath: path, accountId: null, scopePrefixes: [''] });
    await expect(runImport(ctx, imp, path, SYSTEM, { batchSize: 4, failAfterBatches: 1 })).rejects.toThrow('injected');
    // A crashed process never releases its lease: simulate one that ran out.
    await ctx.db.query(`UPDATE imports SET lease_until = $2 WHERE id = $1`, [imp.id, new Date(ctx.clock().getTime() - 1000)]);
    expect(await resumeAbandonedImports(ctx)).toBe(1);
    await Promise.all([...runningImports().values()].map((r) => r.done));
    const done = await new ImportRepository(ctx.db).find(imp.id);
    expect(done).toMatchObject({ status: 'done', rowsDone: 9, created: 9 });
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name LIKE '续传%'`)).toBe(9);
  });

  it('imports a FHIR R4 Bundle of Patients, Encounters and MedicationStatements', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:p1',
          resource: {
            resourceType: 'Patient',
            id: 'p1',
            identifier: [{ system: 'urn:oid:2.16.156.10011.1.3', value: ids[8] }],
            name: [{ family: '欧阳', given: ['娜娜'] }],
            telecom: [{ system: 'phone', value: '13700000001' }],
            address: [{ text: '江岸区某路', extension: [{ url: 'https://anxin.org.cn/fhir/StructureDefinition/community-code', valueCode: c1 }] }],
            extension: [{ url: 'https://anxin.org.cn/fhir/StructureDefinition/population-category', valueCode: 'recovered_patient' }],
          },
        },
        {
          fullUrl: 'urn:uuid:e1',
          resource: {
            resourceType: 'Encounter',
            id: 'e1',
            subject: { reference: 'urn:uuid:p1' },
            identifier: [{ value: 'FH-1' }],
            serviceProvider: { display: '武汉市金银潭医院' },
            period: { start: '2020-02-05T08:00:00+08:00', end: '2020-02-28T10:00:00+08:00' },
            reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'U07.1' }] }],
          },
        },
        {
          resource: {
            resourceType: 'MedicationStatement',
            subject: { reference: 'Patient/p1' },
            context: { reference: 'Encounter/e1' },
            medicationCodeableConcept: { text: '奥氮平' },
            dosage: [{ text: '5mg qn' }],
            informationSource: { display: '李医生' },
          },
        },
        { resource: { resourceType: 'Encounter', subject: { reference: 'Patient/nobody' }, period: { start: '2020-01-01' } } },
        { resource: { resourceType: 'Patient', gender: 'female', birthDate: '1990-01-01', name: [{ text: '无证者' }], address: [{ district: c1 }] } },
        { resource: { resourceType: 'Observation', status: 'final' } },
      ],
    };
    const s = await importFile(file(JSON.stringify(bundle, null, 1), 'json'), 'fhir');
    expect(s).toMatchObject({ status: 'done', created: 2, rejected: 1 });
    expect(await errorsOf(s.importId)).toContain('4,subject,unknown_patient');
    const ep = await ctx.db.query<{ medication_handover: boolean; diagnosis_codes: string[] }>(`SELECT medication_handover, diagnosis_codes FROM hospital_episodes WHERE record_number = 'FH-1'`);
    expect(ep).toEqual([{ medication_handover: true, diagnosis_codes: ['U07.1'] }]);
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name = '欧阳娜娜'`)).toBe(1);
  });
});

// Keeps the helper file name referenced for readers of this test.
void readFileSync;
