/**
 * The row contract for register imports (CSV/XLSX lists from hospitals and communities). The
 * importer reads the header row with `mapHeaders`, then each data row with `parseImportRow`.
 *
 * Headers: the Chinese template names or the English field names, any order, any case; a BOM,
 * full-width letters and a trailing `*` (required-column marker in templates) are ignored.
 *
 * Cell formats (every cell is trimmed and full-width ASCII read as half-width, so ０-９ and ；work):
 * - 性别 sex: 男/女, M/F or male/female
 * - dates: YYYY-MM-DD
 * - 身份证号 national_id: 18 characters (or the old 15 digits, converted); birth date and sex are
 *   taken from it when their cells are empty, and must agree with it when they are not
 * - 社区代码 community_code: 12-digit community code
 * - 人群类别 categories: codes, zh or en labels separated by `;` (see population-category.ts)
 * - 诊断 diagnosis: ICD-10 codes separated by `;`, main diagnosis first
 * - 病情程度 severity: mild/moderate/severe/critical or 轻型/普通型/重型/危重型
 * - 精神科用药 psych_medications: items separated by `;`, each `drug|dose|prescriber`
 *   (e.g. `舍曲林|50mg qd|王医生`) or space-separated `drug dose… prescriber`, where the first word is
 *   the drug, the last the prescriber and everything between the dose (`舍曲林 50mg qd 王医生`).
 *
 * Required: name and community_code; sex and birth date unless the ID supplies them. Filling any
 * hospital column makes the row carry an episode, which then needs hospital and admission_date.
 */
import { fieldError, type FieldError, type FieldErrorCode } from './field-error.ts';
import { toHalfWidth } from './half-width.ts';
import { normalizeIcd10Code, validateEpisode, type EpisodeSeverity, type HospitalEpisodeInput, type PsychMedication } from './hospital-episode.ts';
import { isIsoDate, type IsoDate } from './iso-date.ts';
import { parseNationalId, type NationalIdFailure } from './national-id.ts';
import { isCompletePersonDraft, validatePersonInput, type PersonDraft, type PersonInput } from './person.ts';
import { parsePopulationCategoryList, type PopulationCategoryRef } from './population-category.ts';
import { parseSexText, type Sex } from './sex.ts';

export const IMPORT_COLUMNS = [
  { field: 'name', zh: '姓名', required: true },
  { field: 'sex', zh: '性别', required: false },
  { field: 'birth_date', zh: '出生日期', required: false },
  { field: 'national_id', zh: '身份证号', required: false },
  { field: 'phone', zh: '联系电话', required: false },
  { field: 'address', zh: '现住址', required: false },
  { field: 'community_code', zh: '社区代码', required: true },
  { field: 'categories', zh: '人群类别', required: false },
  { field: 'hospital', zh: '医院', required: false },
  { field: 'record_number', zh: '病案号', required: false },
  { field: 'admission_date', zh: '入院日期', required: false },
  { field: 'discharge_date', zh: '出院日期', required: false },
  { field: 'diagnosis', zh: '诊断', required: false },
  { field: 'severity', zh: '病情程度', required: false },
  { field: 'psych_medications', zh: '精神科用药', required: false },
] as const;

export type ImportField = (typeof IMPORT_COLUMNS)[number]['field'];
/** Zero-based cell position of each column present in the file. */
export type ColumnIndex = Readonly<Partial<Record<ImportField, number>>>;

export type HeaderMapResult =
  | { ok: true; columnIndex: ColumnIndex }
  | { ok: false; unknown: string[]; missing: ImportField[]; duplicate: ImportField[] };

const EPISODE_FIELDS = [
  'hospital',
  'record_number',
  'admission_date',
  'discharge_date',
  'diagnosis',
  'severity',
  'psych_medications',
] as const satisfies readonly ImportField[];

function headerKey(header: string): string {
  return toHalfWidth(header.replace(/^\uFEFF/, ''))
    .trim()
    .replace(/\*+$/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const HEADER_LOOKUP = new Map<string, ImportField>(IMPORT_COLUMNS.flatMap((c) => [[c.field, c.field] as const, [c.zh, c.field] as const]));

/**
 * Maps a header row to column positions. Empty header cells (trailing spreadsheet columns) are
 * ignored; an unknown or repeated header fails, because its data would otherwise be dropped silently.
 */
export function mapHeaders(headers: readonly (string | null | undefined)[]): HeaderMapResult {
  const columnIndex: Partial<Record<ImportField, number>> = {};
  const unknown: string[] = [];
  const duplicate: ImportField[] = [];
  headers.forEach((raw, i) => {
    const key = headerKey(raw ?? '');
    if (key === '') return;
    const field = HEADER_LOOKUP.get(key);
    if (field === undefined) unknown.push((raw ?? '').trim());
    else if (columnIndex[field] !== undefined) {
      if (!duplicate.includes(field)) duplicate.push(field);
    } else columnIndex[field] = i;
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && columnIndex[c.field] === undefined).map((c) => c.field);
  if (unknown.length > 0 || missing.length > 0 || duplicate.length > 0) return { ok: false, unknown, missing, duplicate };
  return { ok: true, columnIndex };
}

/** A hospital stay as the file names it; the importer resolves `hospital` (name or code) to an org id. */
export type ImportedEpisode = Omit<HospitalEpisodeInput, 'hospitalOrgId'> & { hospital: string };

export interface ImportRecord {
  person: PersonInput;
  categories: PopulationCategoryRef[];
  episode?: ImportedEpisode;
  /** Which person fields were filled from the national ID rather than from their own cells. */
  derivedFromNationalId: ('sex' | 'birth_date')[];
}

export interface ImportFieldError {
  field: ImportField;
  reason: FieldErrorCode;
  /** The offending item, only for list cells (an unknown category, a bad diagnosis code or medication). */
  value?: string;
}

export type ImportRowResult = { ok: true; value: ImportRecord } | { ok: false; errors: ImportFieldError[] };

const ID_FAILURE_REASON: Record<NationalIdFailure, FieldErrorCode> = {
  format: 'invalid_format',
  checksum: 'invalid_checksum',
  birth_date_invalid: 'invalid_date',
  birth_date_future: 'future_date',
};

const SEVERITY_TEXT: Record<string, EpisodeSeverity> = {
  mild: 'mild',
  moderate: 'moderate',
  severe: 'severe',
  critical: 'critical',
  轻型: 'mild',
  普通型: 'moderate',
  重型: 'severe',
  危重型: 'critical',
};

const PERSON_FIELD_TO_COLUMN: Readonly<Record<string, ImportField>> = {
  name: 'name',
  sex: 'sex',
  birthDate: 'birth_date',
  nationalId: 'national_id',
  phone: 'phone',
  address: 'address',
  residenceRegionCode: 'community_code',
};

/** Episode error paths are `field` or `field[i]…`; the column is the part before the bracket. */
const EPISODE_FIELD_TO_COLUMN: Readonly<Record<string, ImportField>> = {
  hospitalOrgId: 'hospital',
  recordNumber: 'record_number',
  admissionDate: 'admission_date',
  dischargeDate: 'discharge_date',
  diagnosisCodes: 'diagnosis',
  severity: 'severity',
  psychMedications: 'psych_medications',
};

const splitList = (cell: string): string[] =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** One medication item in either documented form; undefined when it cannot be split into three parts. */
export function parseMedicationItem(item: string): PsychMedication | undefined {
  if (item.includes('|')) {
    const [drug, dose, prescriber, ...extra] = item.split('|').map((s) => s.trim());
    if (!drug || !dose || !prescriber || extra.length > 0) return undefined;
    return { drug, dose, prescriber };
  }
  const parts = item.trim().split(/\s+/);
  if (parts.length < 3) return undefined;
  const drug = parts[0] ?? '';
  const prescriber = parts[parts.length - 1] ?? '';
  return { drug, dose: parts.slice(1, -1).join(' '), prescriber };
}

export function isBlankRow(cells: readonly (string | null | undefined)[]): boolean {
  return cells.every((c) => c === null || c === undefined || toHalfWidth(c).trim() === '');
}

export function parseImportRow(cells: readonly (string | null | undefined)[], columnIndex: ColumnIndex, today: IsoDate): ImportRowResult {
  const cell = (field: ImportField): string => {
    const i = columnIndex[field];
    return i === undefined ? '' : toHalfWidth(cells[i] ?? '').trim();
  };
  const errors: ImportFieldError[] = [];
  const fail = (field: ImportField, reason: FieldErrorCode, value?: string): void => {
    errors.push(value === undefined ? { field, reason } : { field, reason, value });
  };
  const hasError = (field: ImportField): boolean => errors.some((e) => e.field === field);

  // Person: parse the text forms here; semantic checks are validatePersonInput's, run below.
  const sexText = cell('sex');
  let sex: Sex | undefined;
  if (sexText !== '') {
    sex = parseSexText(sexText);
    if (sex === undefined) fail('sex', 'invalid_value');
  }
  const birthText = cell('birth_date');
  let birthDate: IsoDate | undefined;
  if (birthText !== '') {
    if (isIsoDate(birthText)) birthDate = birthText;
    else fail('birth_date', 'invalid_date');
  }
  const idText = cell('national_id');
  let nationalId: string | undefined;
  const derived: ImportRecord['derivedFromNationalId'] = [];
  if (idText !== '') {
    const id = parseNationalId(idText, today);
    if (!id.ok) fail('national_id', ID_FAILURE_REASON[id.reason]);
    else {
      nationalId = id.id;
      if (sexText === '') {
        sex = id.sex;
        derived.push('sex');
      }
      if (birthText === '') {
        birthDate = id.birthDate;
        derived.push('birth_date');
      }
    }
  }
  const communityText = cell('community_code');
  let community = '';
  if (communityText === '') fail('community_code', 'required');
  else if (!/^\d{12}$/.test(communityText)) fail('community_code', 'invalid_format');
  else community = communityText;

  const phone = cell('phone');
  const address = cell('address');
  const draft: PersonDraft = {
    name: cell('name'),
    residenceRegionCode: community,
    ...(sex !== undefined ? { sex } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
    ...(nationalId !== undefined ? { nationalId } : {}),
    ...(phone !== '' ? { phone } : {}),
    ...(address !== '' ? { address } : {}),
  };
  const idGivenButBad = idText !== '' && nationalId === undefined;
  for (const e of validatePersonInput(draft, today)) {
    const column = PERSON_FIELD_TO_COLUMN[e.field];
    if (column === undefined || hasError(column)) continue;
    // A bad ID is the one thing to fix; once fixed it supplies sex and birth date.
    if (idGivenButBad && e.code === 'required' && (column === 'sex' || column === 'birth_date')) continue;
    fail(column, e.code);
  }

  let categories: PopulationCategoryRef[] = [];
  const categoryText = cell('categories');
  if (categoryText !== '') {
    const parsed = parsePopulationCategoryList(categoryText);
    if (parsed.ok) categories = parsed.categories;
    else for (const item of parsed.unknown) fail('categories', 'unknown_category', item);
  }

  const episode = EPISODE_FIELDS.some((f) => cell(f) !== '') ? parseEpisode(cell, today, fail, hasError) : undefined;

  // With no errors validatePersonInput has seen sex and birth date present; the guard tells the compiler.
  if (errors.length > 0 || !isCompletePersonDraft(draft)) return { ok: false, errors };
  return {
    ok: true,
    value: { person: draft, categories, derivedFromNationalId: derived, ...(episode !== undefined ? { episode } : {}) },
  };
}

function parseEpisode(
  cell: (field: ImportField) => string,
  today: IsoDate,
  fail: (field: ImportField, reason: FieldErrorCode, value?: string) => void,
  hasError: (field: ImportField) => boolean,
): ImportedEpisode {
  const dateCell = (field: 'admission_date' | 'discharge_date'): IsoDate | undefined => {
    const text = cell(field);
    if (text === '') return undefined;
    if (isIsoDate(text)) return text;
    fail(field, 'invalid_date');
    return undefined;
  };
  const admissionDate = dateCell('admission_date');
  const dischargeDate = dateCell('discharge_date');

  const diagnosisCodes = splitList(cell('diagnosis')).map(normalizeIcd10Code);

  const severityText = cell('severity');
  let severity: EpisodeSeverity | undefined;
  if (severityText !== '') {
    severity = SEVERITY_TEXT[severityText.toLowerCase()];
    if (severity === undefined) fail('severity', 'invalid_value');
  }

  const psychMedications: PsychMedication[] = [];
  for (const item of splitList(cell('psych_medications'))) {
    const med = parseMedicationItem(item);
    if (med) psychMedications.push(med);
    else fail('psych_medications', 'invalid_format', item);
  }

  const recordNumber = cell('record_number');
  const hospital = cell('hospital');
  const fields: Omit<HospitalEpisodeInput, 'hospitalOrgId'> = {
    admissionDate: admissionDate ?? '',
    diagnosisCodes,
    psychMedications,
    ...(dischargeDate !== undefined ? { dischargeDate } : {}),
    ...(severity !== undefined ? { severity } : {}),
    ...(recordNumber !== '' ? { recordNumber } : {}),
  };
  for (const e of validateEpisode({ ...fields, hospitalOrgId: hospital }, today)) reportEpisodeError(e, diagnosisCodes, fail, hasError);
  return { ...fields, hospital };
}

function reportEpisodeError(
  e: FieldError,
  diagnosisCodes: readonly string[],
  fail: (field: ImportField, reason: FieldErrorCode, value?: string) => void,
  hasError: (field: ImportField) => boolean,
): void {
  const base = e.field.replace(/\[.*$/, '');
  const column = EPISODE_FIELD_TO_COLUMN[base];
  if (column === undefined) return;
  if (column === 'diagnosis') {
    const index = Number(/\[(\d+)\]/.exec(e.field)?.[1] ?? -1);
    fail(column, e.code, diagnosisCodes[index]);
    return;
  }
  // A date already reported as unreadable shows up again here as "required"; keep the first.
  if (hasError(column)) return;
  fail(column, e.code);
}
