import { describe, expect, it } from 'vitest';
import {
  INTERVALS,
  classifySmd,
  crisisLevelForRisk,
  lessSevere,
  proposeNextFollowUp,
  type PolicyInput,
  type SmdFindings,
} from './follow-up-policy.ts';

const FROM = '2026-03-02';
const calm: SmdFindings = {
  riskLevel: 0,
  symptoms: 'none',
  insight: 'complete',
  socialFunction: 'good',
  severeAdverseReaction: false,
  seriousPhysicalIllness: false,
};

describe('classifySmd (SMD2018 本次随访分类)', () => {
  it.each<[string, Partial<SmdFindings>, string]>([
    ['all calm', {}, 'stable'],
    ['fair social function is still stable', { socialFunction: 'fair' }, 'stable'],
    ['risk 1', { riskLevel: 1 }, 'basically_stable'],
    ['risk 2', { riskLevel: 2 }, 'basically_stable'],
    ['symptoms present', { symptoms: 'present' }, 'basically_stable'],
    ['insight partial', { insight: 'partial' }, 'basically_stable'],
    ['social function poor', { socialFunction: 'poor' }, 'basically_stable'],
    ['risk 3', { riskLevel: 3 }, 'unstable'],
    ['risk 4', { riskLevel: 4 }, 'unstable'],
    ['risk 5', { riskLevel: 5 }, 'unstable'],
    ['obvious symptoms', { symptoms: 'obvious' }, 'unstable'],
    ['no insight', { insight: 'absent' }, 'unstable'],
    ['severe adverse reaction', { severeAdverseReaction: true }, 'unstable'],
    ['serious physical illness', { seriousPhysicalIllness: true }, 'unstable'],
    ['risk 2 with no insight', { riskLevel: 2, insight: 'absent' }, 'unstable'],
  ])('%s → %s', (_name, change, expected) => {
    expect(classifySmd({ ...calm, ...change })).toBe(expected);
  });

  it('orders classifications by severity', () => {
    expect(lessSevere('stable', 'unstable')).toBe(true);
    expect(lessSevere('basically_stable', 'stable')).toBe(false);
    expect(lessSevere('unstable', 'unstable')).toBe(false);
  });
});

describe('proposeNextFollowUp: the policy table', () => {
  // [case, input, rule, due date, window start, window end, with specialist, refer urgently, police]
  const rows: Array<[string, Omit<PolicyInput, 'from'>, string, string, string, string, boolean, boolean, boolean]> = [
    // severe mental disorders, every classification
    ['SMD stable → 3 months', { program: 'severe_mental_disorder', reached: true, classification: 'stable', riskLevel: 0 }, 'smd_stable', '2026-06-02', '2026-05-19', '2026-06-16', false, false, false],
    ['SMD basically stable → 2 weeks', { program: 'severe_mental_disorder', reached: true, classification: 'basically_stable', riskLevel: 1 }, 'smd_basically_stable', '2026-03-16', '2026-03-13', '2026-03-19', false, false, false],
    ['SMD basically stable after stable → 2 weeks', { program: 'severe_mental_disorder', reached: true, classification: 'basically_stable', previousClassification: 'stable', riskLevel: 2 }, 'smd_basically_stable', '2026-03-16', '2026-03-13', '2026-03-19', false, false, false],
    ['SMD basically stable twice → 1 month with psychiatrist', { program: 'severe_mental_disorder', reached: true, classification: 'basically_stable', previousClassification: 'basically_stable' }, 'smd_basically_stable_again', '2026-04-02', '2026-03-26', '2026-04-09', true, false, false],
    ['SMD stable after basically stable → 3 months', { program: 'severe_mental_disorder', reached: true, classification: 'stable', previousClassification: 'basically_stable' }, 'smd_stable', '2026-06-02', '2026-05-19', '2026-06-16', false, false, false],
    ['SMD unstable risk 3 → 2 weeks, specialist, refer, police', { program: 'severe_mental_disorder', reached: true, classification: 'unstable', riskLevel: 3 }, 'smd_unstable', '2026-03-16', '2026-03-16', '2026-03-16', true, true, true],
    ['SMD unstable risk 5', { program: 'severe_mental_disorder', reached: true, classification: 'unstable', riskLevel: 5 }, 'smd_unstable', '2026-03-16', '2026-03-16', '2026-03-16', true, true, true],
    ['SMD unstable by symptoms, risk 0: no police', { program: 'severe_mental_disorder', reached: true, classification: 'unstable', riskLevel: 0 }, 'smd_unstable', '2026-03-16', '2026-03-16', '2026-03-16', true, true, false],
    ['SMD not reached → 1 week', { program: 'severe_mental_disorder', reached: false }, 'smd_unreached', '2026-03-09', '2026-03-07', '2026-03-11', false, false, false],
    ['SMD first after enrolment → 2 weeks', { program: 'severe_mental_disorder', first: true }, 'first_contact', '2026-03-16', '2026-03-13', '2026-03-19', false, false, false],
    // recovered patients: ≤ 6 months, shorter by risk and latest results
    ['recovered, nothing of note → 6 months', { program: 'recovered_patient_counseling', reached: true }, 'routine', '2026-09-02', '2026-08-03', '2026-10-02', false, false, false],
    ['recovered, minimal result → 6 months', { program: 'recovered_patient_counseling', reached: true, latestSeverity: 'minimal', riskLevel: 0 }, 'routine', '2026-09-02', '2026-08-03', '2026-10-02', false, false, false],
    ['recovered, mild → 3 months', { program: 'recovered_patient_counseling', reached: true, latestSeverity: 'mild' }, 'result_mild', '2026-06-02', '2026-05-19', '2026-06-16', false, false, false],
    ['recovered, moderate → 1 month', { program: 'recovered_patient_counseling', reached: true, latestSeverity: 'moderate' }, 'result_moderate', '2026-04-02', '2026-03-26', '2026-04-09', false, false, false],
    ['recovered, moderately severe → 1 month', { program: 'recovered_patient_counseling', reached: true, latestSeverity: 'moderately_severe' }, 'result_moderate', '2026-04-02', '2026-03-26', '2026-04-09', false, false, false],
    ['recovered, severe → 2 weeks with specialist', { program: 'recovered_patient_counseling', reached: true, latestSeverity: 'severe' }, 'result_severe', '2026-03-16', '2026-03-13', '2026-03-19', true, false, false],
    ['recovered, crisis flag → 2 weeks', { program: 'recovered_patient_counseling', reached: true, latestSeverity: 'mild', crisisFlag: true }, 'result_severe', '2026-03-16', '2026-03-13', '2026-03-19', true, false, false],
    ['recovered, risk 1 → 1 month', { program: 'recovered_patient_counseling', reached: true, riskLevel: 1 }, 'risk_low', '2026-04-02', '2026-03-26', '2026-04-09', false, false, false],
    ['recovered, risk 2 beats mild result', { program: 'recovered_patient_counseling', reached: true, riskLevel: 2, latestSeverity: 'mild' }, 'risk_low', '2026-04-02', '2026-03-26', '2026-04-09', false, false, false],
    ['recovered, risk 3 → 2 weeks, police', { program: 'recovered_patient_counseling', reached: true, riskLevel: 3 }, 'risk_high', '2026-03-16', '2026-03-13', '2026-03-19', true, false, true],
    ['recovered, risk 4 beats a minimal result', { program: 'recovered_patient_counseling', reached: true, riskLevel: 4, latestSeverity: 'minimal' }, 'risk_high', '2026-03-16', '2026-03-13', '2026-03-19', true, false, true],
    ['recovered, not reached → 2 weeks', { program: 'recovered_patient_counseling', reached: false }, 'unreached', '2026-03-16', '2026-03-13', '2026-03-19', false, false, false],
    ['recovered, first → 2 weeks', { program: 'recovered_patient_counseling', first: true }, 'first_contact', '2026-03-16', '2026-03-13', '2026-03-19', false, false, false],
    ['recovered, first with a severe result → severe rule', { program: 'recovered_patient_counseling', first: true, latestSeverity: 'severe' }, 'result_severe', '2026-03-16', '2026-03-13', '2026-03-19', true, false, false],
    ['other key population, nothing of note → 6 months', { program: 'key_population_other', reached: true }, 'routine', '2026-09-02', '2026-08-03', '2026-10-02', false, false, false],
    ['other key population, moderate → 1 month', { program: 'key_population_other', reached: true, latestSeverity: 'moderate' }, 'result_moderate', '2026-04-02', '2026-03-26', '2026-04-09', false, false, false],
  ];
  it.each(rows)('%s', (_name, input, rule, due, start, end, specialist, refer, police) => {
    const p = proposeNextFollowUp({ ...input, from: FROM });
    expect(p).toMatchObject({ rule, dueDate: due, windowStart: start, windowEnd: end, withSpecialist: specialist, referUrgently: refer, involvePolice: police });
    expect(p.source).toBe(INTERVALS[p.rule].source);
  });

  it('month arithmetic clamps to the month end', () => {
    expect(proposeNextFollowUp({ program: 'severe_mental_disorder', from: '2026-11-30', reached: true, classification: 'stable' }).dueDate).toBe('2027-02-28');
    expect(proposeNextFollowUp({ program: 'recovered_patient_counseling', from: '2027-08-31', reached: true }).dueDate).toBe('2028-02-29');
  });

  it('no interval is longer than its text allows: recovered ≤ 6 months, SMD ≤ 3 months', () => {
    for (const [rule, def] of Object.entries(INTERVALS)) {
      const days = (def.months ?? 0) * 31 + (def.days ?? 0);
      expect(days, rule).toBeLessThanOrEqual(rule.startsWith('smd') ? 93 : 186);
      expect(def.source, rule).toMatch(/^(S002|SMD2018|ANXIN)/);
    }
  });
});

describe('crisisLevelForRisk', () => {
  it.each([
    [0, null],
    [1, null],
    [2, null],
    [3, 'moderate'],
    [4, 'high'],
    [5, 'imminent'],
  ] as const)('risk %i → %s', (risk, level) => {
    expect(crisisLevelForRisk(risk)).toBe(level);
  });
});
