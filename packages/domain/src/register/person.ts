/**
 * A person in the register: someone the community serves (a recovered patient, a family member,
 * a person in difficulty…). Category membership and hospital episodes live in their own records.
 */
import { isRegionCode, regionLevel } from '../regions/region-code.ts';
import { fieldError, type FieldError } from './field-error.ts';
import { isIsoDate, type IsoDate } from './iso-date.ts';
import { parseNationalId, type NationalIdFailure } from './national-id.ts';
import { isValidChinaPhone } from './phone.ts';
import { isSex, type Sex } from './sex.ts';

export const NAME_MAX_LENGTH = 50;
export const ADDRESS_MAX_LENGTH = 200;

export const HOUSEHOLD_RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'other'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

export interface HouseholdMember {
  name: string;
  /** How the member relates to the person (the member is the person's …). */
  relation: HouseholdRelation;
  /** Set when the member is in the register too. */
  personId?: string;
  phone?: string;
}

export interface PersonInput {
  name: string;
  sex: Sex;
  birthDate: IsoDate;
  nationalId?: string;
  phone?: string;
  address?: string;
  /** Community (12 digits) or grid (15 digits) code of where the person actually lives (现住址). */
  residenceRegionCode: string;
  household?: HouseholdMember[];
  deceasedDate?: IsoDate;
}

export interface Person extends PersonInput {
  id: string;
}

/** What a form or an import row holds before sex and birth date are known; validation reports them missing. */
export type PersonDraft = Omit<PersonInput, 'sex' | 'birthDate'> & { sex?: Sex; birthDate?: IsoDate };

/** Narrows a draft whose sex and birth date are filled in; it says nothing about validity. */
export function isCompletePersonDraft(draft: PersonDraft): draft is PersonInput {
  return draft.sex !== undefined && draft.birthDate !== undefined;
}

const ID_FAILURE_CODE: Record<NationalIdFailure, FieldError['code']> = {
  format: 'invalid_format',
  checksum: 'invalid_checksum',
  birth_date_invalid: 'invalid_date',
  birth_date_future: 'future_date',
};

/** Counts characters as people see them, so a name of 50 Chinese characters is 50, not 50 UTF-16 units. */
const charLength = (s: string): number => [...s].length;

function validateName(field: string, name: unknown, errors: FieldError[]): void {
  if (typeof name !== 'string' || name.trim() === '') errors.push(fieldError(field, 'required', 'Name is required'));
  else if (charLength(name.trim()) > NAME_MAX_LENGTH)
    errors.push(fieldError(field, 'too_long', `Name is longer than ${NAME_MAX_LENGTH} characters`));
}

/**
 * Field-level checks for a person record; an empty list means valid. `today` is the caller's
 * current date, injected so the rule is testable and time-zone decisions stay at the edge.
 */
export function validatePersonInput(input: PersonDraft, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  validateName('name', input.name, errors);

  const sexOk = isSex(input.sex);
  if (input.sex === undefined) errors.push(fieldError('sex', 'required', 'Sex is required'));
  else if (!sexOk) errors.push(fieldError('sex', 'invalid_value', 'Sex must be male or female'));

  // Set only when the birth date itself is valid, so later checks compare against a real date.
  let validBirth: IsoDate | undefined;
  const birthDate = input.birthDate;
  if (birthDate === undefined || birthDate === '') errors.push(fieldError('birthDate', 'required', 'Birth date is required'));
  else if (!isIsoDate(birthDate)) errors.push(fieldError('birthDate', 'invalid_date', 'Birth date is not a valid YYYY-MM-DD date'));
  else if (birthDate > today) errors.push(fieldError('birthDate', 'future_date', 'Birth date is in the future'));
  else validBirth = birthDate;

  if (input.nationalId !== undefined && input.nationalId.trim() !== '') {
    const id = parseNationalId(input.nationalId, today);
    if (!id.ok) errors.push(fieldError('nationalId', ID_FAILURE_CODE[id.reason], `National ID is invalid (${id.reason})`));
    else {
      if (validBirth !== undefined && id.birthDate !== validBirth)
        errors.push(fieldError('birthDate', 'mismatch_national_id', 'Birth date differs from the one in the national ID'));
      if (sexOk && id.sex !== input.sex) errors.push(fieldError('sex', 'mismatch_national_id', 'Sex differs from the one in the national ID'));
    }
  }

  if (input.phone !== undefined && input.phone.trim() !== '' && !isValidChinaPhone(input.phone))
    errors.push(fieldError('phone', 'invalid_format', 'Phone is neither a China mobile number nor a landline with area code'));

  if (input.address !== undefined && charLength(input.address.trim()) > ADDRESS_MAX_LENGTH)
    errors.push(fieldError('address', 'too_long', `Address is longer than ${ADDRESS_MAX_LENGTH} characters`));

  if (typeof input.residenceRegionCode !== 'string' || input.residenceRegionCode === '')
    errors.push(fieldError('residenceRegionCode', 'required', 'Residence region code is required'));
  else if (!isRegionCode(input.residenceRegionCode))
    errors.push(fieldError('residenceRegionCode', 'invalid_format', 'Residence region code must be 12 or 15 digits'));
  else {
    const level = regionLevel(input.residenceRegionCode);
    if (level !== 'community' && level !== 'grid')
      errors.push(fieldError('residenceRegionCode', 'invalid_region_level', `Residence must be a community or grid, not a ${level}`));
  }

  if (input.deceasedDate !== undefined) {
    if (!isIsoDate(input.deceasedDate)) errors.push(fieldError('deceasedDate', 'invalid_date', 'Date of death is not a valid YYYY-MM-DD date'));
    else if (input.deceasedDate > today) errors.push(fieldError('deceasedDate', 'future_date', 'Date of death is in the future'));
    else if (validBirth !== undefined && input.deceasedDate < validBirth)
      errors.push(fieldError('deceasedDate', 'before_birth', 'Date of death is before the birth date'));
  }

  (input.household ?? []).forEach((member, i) => {
    validateName(`household[${i}].name`, member.name, errors);
    if (!(HOUSEHOLD_RELATIONS as readonly string[]).includes(member.relation))
      errors.push(fieldError(`household[${i}].relation`, 'invalid_value', 'Unknown household relation'));
    if (member.phone !== undefined && member.phone.trim() !== '' && !isValidChinaPhone(member.phone))
      errors.push(fieldError(`household[${i}].phone`, 'invalid_format', 'Phone is neither a China mobile number nor a landline with area code'));
  });

  return errors;
}
