/**
 * A stay at a designated hospital, as the hospital shares it with primary care at discharge
 * (34号文: "患者出院时，将精神类药物使用情况转交隔离点或居住地基层医疗卫生机构，确保治疗连续").
 */
import { fieldError, type FieldError } from './field-error.ts';
import { isIsoDate, type IsoDate } from './iso-date.ts';

export const EPISODE_SEVERITIES = ['mild', 'moderate', 'severe', 'critical'] as const;
export type EpisodeSeverity = (typeof EPISODE_SEVERITIES)[number];

export const DISCHARGE_DESTINATIONS = ['isolation_site', 'home', 'other'] as const;
export type DischargeDestination = (typeof DISCHARGE_DESTINATIONS)[number];

export interface PsychMedication {
  drug: string;
  /** Free text as prescribed, e.g. "50mg qd". */
  dose: string;
  prescriber: string;
}

export interface HospitalEpisodeInput {
  /** The designated hospital's organisation id. */
  hospitalOrgId: string;
  /** 病案号 */
  recordNumber?: string;
  admissionDate: IsoDate;
  /** Absent while the person is still in hospital. */
  dischargeDate?: IsoDate;
  /** ICD-10 codes, main diagnosis first. */
  diagnosisCodes: string[];
  severity?: EpisodeSeverity;
  treatmentSummary?: string;
  psychMedications: PsychMedication[];
  dischargeDestination?: DischargeDestination;
  /** What primary care should know or do next. */
  primaryCareNotes?: string;
}

export interface HospitalEpisode extends HospitalEpisodeInput {
  id: string;
  personId: string;
}

/**
 * ICD-10 as used in China: category (U07), optional subcategory (U07.1) and the national clinical
 * edition's extension (U07.100, U07.100x003).
 */
const ICD10 = /^[A-Z]\d{2}(?:\.\d{1,3}(?:x\d{3})?)?$/;

/** Upper-cases the chapter letter and lower-cases the extension marker, the way the code lists print them. */
export function normalizeIcd10Code(raw: string): string {
  return raw.trim().toUpperCase().replace(/X(?=\d{3}$)/, 'x');
}

export function isIcd10Code(raw: string): boolean {
  return ICD10.test(normalizeIcd10Code(raw));
}

const isBlank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

function checkDate(field: string, label: string, value: string | undefined, today: IsoDate, errors: FieldError[]): boolean {
  if (value === undefined) return false;
  if (!isIsoDate(value)) {
    errors.push(fieldError(field, 'invalid_date', `${label} is not a valid YYYY-MM-DD date`));
    return false;
  }
  if (value > today) {
    errors.push(fieldError(field, 'future_date', `${label} is in the future`));
    return false;
  }
  return true;
}

export function validateEpisode(ep: HospitalEpisodeInput, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  if (isBlank(ep.hospitalOrgId)) errors.push(fieldError('hospitalOrgId', 'required', 'Hospital is required'));

  let admissionOk = false;
  if (isBlank(ep.admissionDate)) errors.push(fieldError('admissionDate', 'required', 'Admission date is required'));
  else admissionOk = checkDate('admissionDate', 'Admission date', ep.admissionDate, today, errors);
  const dischargeOk = checkDate('dischargeDate', 'Discharge date', ep.dischargeDate, today, errors);
  if (admissionOk && dischargeOk && ep.dischargeDate !== undefined && ep.dischargeDate < ep.admissionDate)
    errors.push(fieldError('dischargeDate', 'before_admission', 'Discharge date is before the admission date'));

  ep.diagnosisCodes.forEach((code, i) => {
    if (!isIcd10Code(code)) errors.push(fieldError(`diagnosisCodes[${i}]`, 'invalid_format', `Not an ICD-10 code: ${code}`));
  });

  if (ep.severity !== undefined && !(EPISODE_SEVERITIES as readonly string[]).includes(ep.severity))
    errors.push(fieldError('severity', 'invalid_value', 'Severity must be mild, moderate, severe or critical'));
  if (ep.dischargeDestination !== undefined && !(DISCHARGE_DESTINATIONS as readonly string[]).includes(ep.dischargeDestination))
    errors.push(fieldError('dischargeDestination', 'invalid_value', 'Discharge destination must be isolation_site, home or other'));
  if (ep.dischargeDestination !== undefined && ep.dischargeDate === undefined)
    errors.push(fieldError('dischargeDestination', 'invalid_value', 'A discharge destination needs a discharge date'));

  ep.psychMedications.forEach((m, i) => {
    if (isBlank(m.drug)) errors.push(fieldError(`psychMedications[${i}].drug`, 'required', 'Drug is required'));
    if (isBlank(m.dose)) errors.push(fieldError(`psychMedications[${i}].dose`, 'required', 'Dose is required'));
    if (isBlank(m.prescriber)) errors.push(fieldError(`psychMedications[${i}].prescriber`, 'required', 'Prescriber is required'));
  });
  return errors;
}

/** True when a discharged patient leaves on psychiatric drugs, so primary care must take the prescription over. */
export function hasMedicationHandover(ep: Pick<HospitalEpisodeInput, 'dischargeDate' | 'psychMedications'>): boolean {
  return ep.dischargeDate !== undefined && ep.psychMedications.length > 0;
}
