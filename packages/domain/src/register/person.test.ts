import { describe, expect, it } from 'vitest';
import { makeNationalId } from './national-id.ts';
import { isCompletePersonDraft, validatePersonInput, type PersonDraft, type PersonInput } from './person.ts';

const TODAY = '2024-06-15';
const COMMUNITY = '420102001001';

const valid: PersonInput = {
  name: '张三',
  sex: 'male',
  birthDate: '1980-03-04',
  nationalId: makeNationalId('420102', '1980-03-04', 10, 'male'),
  phone: '13812345678',
  address: '江岸区某街道 1 号',
  residenceRegionCode: COMMUNITY,
  household: [{ name: '李四', relation: 'spouse', phone: '13912345678' }],
};

const codes = (input: PersonDraft): string[] => validatePersonInput(input, TODAY).map((e) => `${e.field}:${e.code}`);

describe('validatePersonInput', () => {
  it('accepts a complete valid record, and one with only the required fields', () => {
    expect(validatePersonInput(valid, TODAY)).toEqual([]);
    expect(validatePersonInput({ name: '王五', sex: 'female', birthDate: '2024-06-15', residenceRegionCode: `${COMMUNITY}003` }, TODAY)).toEqual([]);
  });

  it('every error carries field, code and an English message', () => {
    const [error] = validatePersonInput({ ...valid, name: '' }, TODAY);
    expect(error).toEqual({ field: 'name', code: 'required', message: expect.stringMatching(/^[\x20-\x7e]+$/) });
  });

  it.each([
    ['empty name', { name: '' }, 'name:required'],
    ['blank name', { name: '  \t' }, 'name:required'],
    ['51-character name', { name: '张'.repeat(51) }, 'name:too_long'],
    ['bad sex', { sex: 'M' as never }, 'sex:invalid_value'],
    ['missing sex', { sex: undefined }, 'sex:required'],
    ['missing birth date', { birthDate: undefined, nationalId: undefined }, 'birthDate:required'],
    ['impossible birth date', { birthDate: '1980-02-30', nationalId: undefined }, 'birthDate:invalid_date'],
    ['future birth date', { birthDate: '2024-06-16', nationalId: undefined }, 'birthDate:future_date'],
    ['birth date differs from ID', { birthDate: '1980-03-05' }, 'birthDate:mismatch_national_id'],
    ['sex differs from ID', { sex: 'female' as const }, 'sex:mismatch_national_id'],
    ['bad ID checksum', { nationalId: '110105194912310021' }, 'nationalId:invalid_checksum'],
    ['malformed ID', { nationalId: '12345' }, 'nationalId:invalid_format'],
    ['bad phone', { phone: '12345' }, 'phone:invalid_format'],
    ['long address', { address: '路'.repeat(201) }, 'address:too_long'],
    ['missing region', { residenceRegionCode: '' }, 'residenceRegionCode:required'],
    ['malformed region', { residenceRegionCode: '4201020010' }, 'residenceRegionCode:invalid_format'],
    ['street as residence', { residenceRegionCode: '420102001000' }, 'residenceRegionCode:invalid_region_level'],
    ['county as residence', { residenceRegionCode: '420102000000' }, 'residenceRegionCode:invalid_region_level'],
    ['death before birth', { deceasedDate: '1980-03-03' }, 'deceasedDate:before_birth'],
    ['death in the future', { deceasedDate: '2024-06-16' }, 'deceasedDate:future_date'],
    ['impossible death date', { deceasedDate: '2023-02-29' }, 'deceasedDate:invalid_date'],
    ['household member without name', { household: [{ name: '', relation: 'child' as const }] }, 'household[0].name:required'],
    ['household member with unknown relation', { household: [{ name: '小明', relation: 'cousin' as never }] }, 'household[0].relation:invalid_value'],
    ['household member with bad phone', { household: [{ name: '小明', relation: 'child' as const, phone: '123' }] }, 'household[0].phone:invalid_format'],
  ])('%s', (_label, patch, expected) => {
    expect(codes({ ...valid, ...patch })).toEqual([expected]);
  });

  it('counts name length in characters, not UTF-16 units', () => {
    expect(codes({ ...valid, name: '张'.repeat(50) })).toEqual([]);
    expect(codes({ ...valid, name: '𠀀'.repeat(50) })).toEqual([]); // astral ideographs are 2 units each
    expect(codes({ ...valid, name: `  ${'张'.repeat(50)}  ` })).toEqual([]);
  });

  it('accepts death on the day of birth and a 15-digit ID', () => {
    expect(codes({ ...valid, deceasedDate: '1980-03-04' })).toEqual([]);
    expect(codes({ ...valid, nationalId: '110105491231002', birthDate: '1949-12-31', sex: 'female' })).toEqual([]);
  });

  it('does not compare with the ID when the birth date itself is bad', () => {
    expect(codes({ ...valid, birthDate: '1980-13-01' })).toEqual(['birthDate:invalid_date']);
  });

  it('reports several problems at once', () => {
    expect(codes({ ...valid, name: '', phone: 'x', residenceRegionCode: '420100000000' })).toEqual([
      'name:required',
      'phone:invalid_format',
      'residenceRegionCode:invalid_region_level',
    ]);
  });

  it('isCompletePersonDraft narrows only when sex and birth date are present', () => {
    expect(isCompletePersonDraft(valid)).toBe(true);
    expect(isCompletePersonDraft({ name: 'a', residenceRegionCode: COMMUNITY, sex: 'male' })).toBe(false);
  });
});
