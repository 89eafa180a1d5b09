import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, isBlankRow, mapHeaders, parseImportRow, parseMedicationItem, type ColumnIndex, type ImportField } from './import-row.ts';
import { makeNationalId, nationalIdCheckChar as checkChar } from './national-id.ts';

const TODAY = '2024-06-15';
const COMMUNITY = '420102001001';
const ID = makeNationalId('420102', '1980-03-04', 10, 'male');

const ZH_HEADERS = IMPORT_COLUMNS.map((c) => c.zh);
const EN_HEADERS = IMPORT_COLUMNS.map((c) => c.field);

function indexOf(headers: readonly (string | null | undefined)[]): ColumnIndex {
  const mapped = mapHeaders(headers);
  if (!mapped.ok) throw new Error(`headers did not map: ${JSON.stringify(mapped)}`);
  return mapped.columnIndex;
}
const FULL_INDEX = indexOf(EN_HEADERS);

/** Builds a row in the full template's column order from named cells. */
function row(cells: Partial<Record<ImportField, string>>): string[] {
  return EN_HEADERS.map((f) => cells[f] ?? '');
}
const base = { name: '张三', national_id: ID, community_code: COMMUNITY };

function errorsOf(cells: Partial<Record<ImportField, string>>): string[] {
  const result = parseImportRow(row(cells), FULL_INDEX, TODAY);
  return result.ok ? [] : result.errors.map((e) => (e.value === undefined ? `${e.field}:${e.reason}` : `${e.field}:${e.reason}:${e.value}`));
}

describe('mapHeaders', () => {
  it('maps the Chinese template and the English names to the same fields', () => {
    expect(indexOf(ZH_HEADERS)).toEqual(FULL_INDEX);
    expect(FULL_INDEX).toMatchObject({ name: 0, community_code: 6, psych_medications: 14 });
  });

  it('accepts any order, a mix of languages and only the required columns', () => {
    expect(indexOf(['community_code', '', '姓名'])).toEqual({ community_code: 0, name: 2 });
    expect(indexOf(['社区代码', 'phone', 'name', '身份证号'])).toEqual({ community_code: 0, phone: 1, name: 2, national_id: 3 });
  });

  it('tolerates a BOM, case, spaces, full-width letters and required-column stars', () => {
    expect(indexOf(['\uFEFF姓名*', ' Community Code ', 'BIRTH-DATE', 'ｐｈｏｎｅ', '身份证号＊'])).toEqual({
      name: 0,
      community_code: 1,
      birth_date: 2,
      phone: 3,
      national_id: 4,
    });
  });

  it('ignores empty header cells', () => {
    expect(mapHeaders(['name', '', 'community_code', '  ', undefined, null])).toEqual({ ok: true, columnIndex: { name: 0, community_code: 2 } });
  });

  it('reports unknown, missing and duplicate columns together', () => {
    expect(mapHeaders(['姓名', '备注', 'name', 'ward'])).toEqual({ ok: false, unknown: ['备注', 'ward'], missing: ['community_code'], duplicate: ['name'] });
    expect(mapHeaders([])).toEqual({ ok: false, unknown: [], missing: ['name', 'community_code'], duplicate: [] });
  });
});

describe('parseImportRow: people', () => {
  it('reads a full row', () => {
    const result = parseImportRow(
      row({
        ...base,
        sex: '男',
        birth_date: '1980-03-04',
        phone: '138 1234 5678',
        address: '江岸区某路 1 号',
        categories: '治愈患者；低保对象',
        hospital: '金银潭医院',
        record_number: 'BA-1',
        admission_date: '2024-02-01',
        discharge_date: '2024-02-20',
        diagnosis: 'u07.1; F32.9',
        severity: '重型',
        psych_medications: '舍曲林|50mg qd|王医生; 奥氮平 5 mg qn 李医生',
      }),
      FULL_INDEX,
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        person: {
          name: '张三',
          sex: 'male',
          birthDate: '1980-03-04',
          nationalId: ID,
          phone: '138 1234 5678',
          address: '江岸区某路 1 号',
          residenceRegionCode: COMMUNITY,
        },
        categories: [{ category: 'recovered_patient' }, { category: 'minimum_allowance' }],
        episode: {
          hospital: '金银潭医院',
          recordNumber: 'BA-1',
          admissionDate: '2024-02-01',
          dischargeDate: '2024-02-20',
          diagnosisCodes: ['U07.1', 'F32.9'],
          severity: 'severe',
          psychMedications: [
            { drug: '舍曲林', dose: '50mg qd', prescriber: '王医生' },
            { drug: '奥氮平', dose: '5 mg qn', prescriber: '李医生' },
          ],
        },
        derivedFromNationalId: [],
      },
    });
  });

  it('derives sex and birth date from the ID, and has no episode without hospital cells', () => {
    const result = parseImportRow(row(base), FULL_INDEX, TODAY);
    expect(result).toEqual({
      ok: true,
      value: {
        person: { name: '张三', sex: 'male', birthDate: '1980-03-04', nationalId: ID, residenceRegionCode: COMMUNITY },
        categories: [],
        derivedFromNationalId: ['sex', 'birth_date'],
      },
    });
  });

  it('converts a 15-digit ID and reads full-width digits and padding', () => {
    const result = parseImportRow(row({ name: ' 李四 ', national_id: '１１０１０５４９１２３１００２', community_code: '４２０１０２００１００１ ' }), FULL_INDEX, TODAY);
    expect(result).toMatchObject({
      ok: true,
      value: { person: { name: '李四', nationalId: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', residenceRegionCode: COMMUNITY } },
    });
  });

  it('needs sex and birth date in their own cells when there is no ID', () => {
    expect(parseImportRow(row({ name: '王五', sex: 'F', birth_date: '1990-01-02', community_code: COMMUNITY }), FULL_INDEX, TODAY)).toMatchObject({
      ok: true,
      value: { person: { sex: 'female', birthDate: '1990-01-02' }, derivedFromNationalId: [] },
    });
    expect(errorsOf({ name: '王五', community_code: COMMUNITY })).toEqual(['sex:required', 'birth_date:required']);
  });

  it('works with a file that has only the required columns', () => {
    const index = indexOf(['姓名', '社区代码']);
    expect(parseImportRow(['王五', COMMUNITY], index, TODAY)).toEqual({
      ok: false,
      errors: [
        { field: 'sex', reason: 'required' },
        { field: 'birth_date', reason: 'required' },
      ],
    });
  });

  it('treats missing trailing cells of a ragged row as empty', () => {
    expect(parseImportRow(['张三', '', '', ID, '', '', COMMUNITY], FULL_INDEX, TODAY).ok).toBe(true);
  });

  it.each([
    ['empty name', { name: '  ' }, ['name:required']],
    ['long name', { name: '张'.repeat(51) }, ['name:too_long']],
    ['unknown sex', { sex: '未知' }, ['sex:invalid_value']],
    ['slash date', { birth_date: '1980/03/04' }, ['birth_date:invalid_date']],
    ['impossible date', { birth_date: '1980-02-30' }, ['birth_date:invalid_date']],
    ['birth date against ID', { birth_date: '1980-03-05' }, ['birth_date:mismatch_national_id']],
    ['sex against ID', { sex: '女' }, ['sex:mismatch_national_id']],
    ['malformed ID', { national_id: '4201021980' }, ['national_id:invalid_format']],
    ['ID checksum', { national_id: ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0') }, ['national_id:invalid_checksum']],
    ['bad phone', { phone: '12345' }, ['phone:invalid_format']],
    ['long address', { address: '路'.repeat(201) }, ['address:too_long']],
    ['no community', { community_code: '' }, ['community_code:required']],
    ['short community', { community_code: '42010200100' }, ['community_code:invalid_format']],
    ['grid code', { community_code: `${COMMUNITY}001` }, ['community_code:invalid_format']],
    ['street code', { community_code: '420102001000' }, ['community_code:invalid_region_level']],
    ['unknown categories', { categories: '学生;老师;医生' }, ['categories:unknown_category:老师', 'categories:unknown_category:医生']],
  ])('%s', (_label, patch, expected) => {
    expect(errorsOf({ ...base, ...patch })).toEqual(expected);
  });

  it('reports an ID with an impossible or future birth date', () => {
    const impossible = '42010219800230010';
    expect(errorsOf({ ...base, national_id: impossible + checkChar(impossible) })).toEqual(['national_id:invalid_date']);
    expect(errorsOf({ ...base, national_id: makeNationalId('420102', '2024-06-16', 0, 'male') })).toEqual(['national_id:future_date']);
    expect(errorsOf({ ...base, national_id: '', birth_date: '2024-06-16', sex: '男' })).toEqual(['birth_date:future_date']);
  });

  it('reports only the ID when a bad ID leaves sex and birth date unknown', () => {
    expect(errorsOf({ name: '张三', national_id: 'abc', community_code: COMMUNITY })).toEqual(['national_id:invalid_format']);
  });

  it('reports every bad cell of a row at once', () => {
    expect(errorsOf({ name: '', sex: '?', national_id: ID, phone: '1', community_code: 'x', severity: 'bad', hospital: 'H', admission_date: '2024-01-01' })).toEqual([
      'sex:invalid_value',
      'community_code:invalid_format',
      'name:required',
      'phone:invalid_format',
      'severity:invalid_value',
    ]);
  });
});

describe('parseImportRow: episodes', () => {
  const stay = { ...base, hospital: '金银潭医院', admission_date: '2024-02-01' };

  it('any hospital cell starts an episode, which then needs hospital and admission date', () => {
    expect(errorsOf({ ...base, diagnosis: 'U07.1' })).toEqual(['hospital:required', 'admission_date:required']);
    expect(errorsOf({ ...base, hospital: 'H' })).toEqual(['admission_date:required']);
    expect(errorsOf({ ...base, admission_date: '2024-02-01' })).toEqual(['hospital:required']);
  });

  it.each([
    ['unreadable admission', { admission_date: '2024.02.01' }, ['admission_date:invalid_date']],
    ['future admission', { admission_date: '2024-06-16' }, ['admission_date:future_date']],
    ['unreadable discharge', { discharge_date: '2024-02-31' }, ['discharge_date:invalid_date']],
    ['future discharge', { discharge_date: '2024-06-16' }, ['discharge_date:future_date']],
    ['discharge before admission', { discharge_date: '2024-01-31' }, ['discharge_date:before_admission']],
    ['bad diagnoses', { diagnosis: 'U07.1;新冠;F32.9;J18' }, ['diagnosis:invalid_format:新冠']],
    ['unknown severity', { severity: '较重' }, ['severity:invalid_value']],
    ['medication without prescriber', { psych_medications: '舍曲林 50mg' }, ['psych_medications:invalid_format:舍曲林 50mg']],
    ['medication with empty part', { psych_medications: '舍曲林||王医生;奥氮平|5mg|李|多余' }, ['psych_medications:invalid_format:舍曲林||王医生', 'psych_medications:invalid_format:奥氮平|5mg|李|多余']],
  ])('%s', (_label, patch, expected) => {
    expect(errorsOf({ ...stay, ...patch })).toEqual(expected);
  });

  it.each([
    ['轻型', 'mild'],
    ['普通型', 'moderate'],
    ['危重型', 'critical'],
    ['Moderate', 'moderate'],
    ['critical', 'critical'],
  ])('reads severity %s as %s', (text, severity) => {
    expect(parseImportRow(row({ ...stay, severity: text }), FULL_INDEX, TODAY)).toMatchObject({ ok: true, value: { episode: { severity } } });
  });
});

describe('parseMedicationItem', () => {
  it.each([
    ['舍曲林|50mg qd|王医生', { drug: '舍曲林', dose: '50mg qd', prescriber: '王医生' }],
    [' sertraline hydrochloride | 50 mg | Dr Wang ', { drug: 'sertraline hydrochloride', dose: '50 mg', prescriber: 'Dr Wang' }],
    ['奥氮平 5mg 李医生', { drug: '奥氮平', dose: '5mg', prescriber: '李医生' }],
    ['奥氮平  2.5 mg  bid   李医生', { drug: '奥氮平', dose: '2.5 mg bid', prescriber: '李医生' }],
  ])('%j', (item, expected) => {
    expect(parseMedicationItem(item)).toEqual(expected);
  });

  it.each(['', '奥氮平', '奥氮平 5mg', 'a|b', 'a|b|', '|b|c', 'a|b|c|d'])('rejects %j', (item) => {
    expect(parseMedicationItem(item)).toBeUndefined();
  });
});

describe('isBlankRow', () => {
  it('spots rows with nothing but whitespace', () => {
    expect(isBlankRow(['', ' ', '\u3000', undefined, null])).toBe(true);
    expect(isBlankRow([])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});

