import { describe, expect, it } from 'vitest';
import { hasMedicationHandover, isIcd10Code, normalizeIcd10Code, validateEpisode, type HospitalEpisodeInput } from './hospital-episode.ts';

const TODAY = '2024-06-15';

const valid: HospitalEpisodeInput = {
  hospitalOrgId: 'org-jinyintan',
  recordNumber: 'BA-2020-0001',
  admissionDate: '2024-02-01',
  dischargeDate: '2024-02-20',
  diagnosisCodes: ['U07.1', 'F32.9'],
  severity: 'severe',
  treatmentSummary: 'Oxygen therapy',
  psychMedications: [{ drug: '舍曲林', dose: '50mg qd', prescriber: '王医生' }],
  dischargeDestination: 'isolation_site',
  primaryCareNotes: 'Check sleep at first visit',
};

const codes = (ep: HospitalEpisodeInput): string[] => validateEpisode(ep, TODAY).map((e) => `${e.field}:${e.code}`);

describe('ICD-10 codes', () => {
  it.each(['U07.1', 'F32.9', 'F32', 'J18.900', 'U07.100x003', 'u07.1', ' F41.1 ', 'F32.900X002'])('accepts %j', (c) => {
    expect(isIcd10Code(c)).toBe(true);
  });

  it.each(['', 'U7.1', 'U07.', 'U071', '07.1', 'F32.9a', 'F32.1234', 'F32.9x12', 'UU7.1', '新冠肺炎'])('rejects %j', (c) => {
    expect(isIcd10Code(c)).toBe(false);
  });

  it('normalises case the way the code lists print it', () => {
    expect(normalizeIcd10Code(' u07.100X003 ')).toBe('U07.100x003');
    expect(normalizeIcd10Code('f32.9')).toBe('F32.9');
  });
});

describe('validateEpisode', () => {
  it('accepts a complete episode, and a current stay with only the required fields', () => {
    expect(validateEpisode(valid, TODAY)).toEqual([]);
    expect(validateEpisode({ hospitalOrgId: 'h', admissionDate: TODAY, diagnosisCodes: [], psychMedications: [] }, TODAY)).toEqual([]);
  });

  it('accepts discharge on the admission day', () => {
    expect(codes({ ...valid, dischargeDate: valid.admissionDate })).toEqual([]);
  });

  it.each([
    ['no hospital', { hospitalOrgId: ' ' }, ['hospitalOrgId:required']],
    ['no admission date', { admissionDate: '' }, ['admissionDate:required']],
    ['impossible admission date', { admissionDate: '2024-02-30' }, ['admissionDate:invalid_date']],
    ['future admission', { admissionDate: '2024-06-16', dischargeDate: undefined, dischargeDestination: undefined }, ['admissionDate:future_date']],
    ['future discharge', { dischargeDate: '2024-06-16' }, ['dischargeDate:future_date']],
    ['malformed discharge', { dischargeDate: '20240220' }, ['dischargeDate:invalid_date']],
    ['discharge before admission', { dischargeDate: '2024-01-31' }, ['dischargeDate:before_admission']],
    ['bad diagnosis', { diagnosisCodes: ['U07.1', 'COVID'] }, ['diagnosisCodes[1]:invalid_format']],
    ['bad severity', { severity: 'grave' as never }, ['severity:invalid_value']],
    ['bad destination', { dischargeDestination: 'hotel' as never }, ['dischargeDestination:invalid_value']],
    ['destination without discharge', { dischargeDate: undefined }, ['dischargeDestination:invalid_value']],
    [
      'incomplete medication',
      { psychMedications: [{ drug: '', dose: ' ', prescriber: '' }] },
      ['psychMedications[0].drug:required', 'psychMedications[0].dose:required', 'psychMedications[0].prescriber:required'],
    ],
  ])('%s', (_label, patch, expected) => {
    expect(codes({ ...valid, ...patch })).toEqual(expected);
  });

  it('does not compare dates when either is unreadable', () => {
    expect(codes({ ...valid, admissionDate: '2024-13-01', dischargeDate: '2024-01-01' })).toEqual(['admissionDate:invalid_date']);
  });
});

describe('hasMedicationHandover', () => {
  it('is true only for a discharge with psychiatric drugs', () => {
    expect(hasMedicationHandover(valid)).toBe(true);
    expect(hasMedicationHandover({ ...valid, psychMedications: [] })).toBe(false);
    expect(hasMedicationHandover({ psychMedications: valid.psychMedications })).toBe(false);
  });
});
