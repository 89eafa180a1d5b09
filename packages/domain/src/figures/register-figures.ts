/**
 * Register figures (issue 3 tables: persons, person_categories, hospital_episodes, handovers).
 * The SQL triggers in migration 0600 implement exactly these predicates; the server's property test
 * checks the database rollups against these functions applied to the base rows.
 */
import { POPULATION_CATEGORIES } from '../register/population-category.ts';
import { countDefinition, type Contribution, type CountNotes, type FigureDefinition } from './figure-definition.ts';

const REGION_NOTE = {
  zh: '按居住社区计数（网格计入所属社区），上级区域为下辖社区之和。',
  en: 'Counted in the residence community (a grid counts in its community); a higher region is the sum of its communities.',
};
const STATE_NOTE = {
  zh: '状态指标：截至期末已登记、当前处于该状态的人数。',
  en: 'State figure: records created by the end of the period that are in this state now.',
};
const FLOW_NOTE = { zh: '流量指标：期内发生的数量。', en: 'Flow figure: events inside the period.' };

const NOTES: CountNotes = { flow: FLOW_NOTE, state: STATE_NOTE, region: REGION_NOTE };

function count(
  id: string,
  measure: 'flow' | 'state',
  source: string,
  anchor: string,
  label: [string, string],
  what: [string, string],
  family = 'register',
): FigureDefinition {
  return countDefinition(NOTES, family, id, measure, source, anchor, label, what);
}

export const REGISTER_FIGURES: readonly FigureDefinition[] = [
  count('register.new_persons', 'flow', 'persons', 'created_at', ['新登记人数', 'New registrations'], ['按登记日计的新登记人员（合并后的重复记录不计）。', 'Persons registered, by day of registration (merged duplicates excluded).']),
  count('register.persons', 'state', 'persons', 'created_at', ['在册人数', 'Persons on the register'], ['登记在册的人员（合并后的重复记录不计）。', 'Persons on the register (merged duplicates excluded).']),
  count('register.verified', 'state', 'persons', 'created_at', ['已核实', 'Verified'], ['核实状态为"已核实"或"已更正"的人员。', 'Persons whose verification status is verified or corrected.']),
  count('register.pending', 'state', 'persons', 'created_at', ['待核实', 'Awaiting verification'], ['核实状态为"待核实"的人员。', 'Persons awaiting verification.']),
  count('register.moved', 'state', 'persons', 'created_at', ['已迁出', 'Moved away'], ['核实为已迁出的人员。', 'Persons verified as moved away.']),
  count('register.deceased', 'state', 'persons', 'created_at', ['已死亡', 'Deceased'], ['核实为已死亡的人员。', 'Persons verified as deceased.']),
  count('register.not_found', 'state', 'persons', 'created_at', ['查无此人', 'Not found'], ['核实时查无此人的记录。', 'Records whose person could not be found.']),
  {
    id: 'register.verified_rate',
    family: 'register',
    kind: 'rate',
    numerator: 'register.verified',
    denominator: 'register.persons',
    label: { zh: '核实率', en: 'Verification rate' },
    definition: {
      zh: '分子：已核实人数；分母：在册人数（同一区域、截至期末）。分母为0时不显示。',
      en: 'Numerator: verified persons; denominator: persons on the register (same region, as of the end of the period). Not shown when the denominator is 0.',
    },
  },
  count('register.admissions', 'flow', 'hospital_episodes', 'admission_date', ['住院人次', 'Admissions'], ['按入院日期计的住院记录数，计入患者当前居住社区。', 'Hospital episodes by admission date, in the patient’s current residence.']),
  count('register.discharges', 'flow', 'hospital_episodes', 'discharge_date', ['出院人次', 'Discharges'], ['按出院日期计的出院记录数，计入患者当前居住社区。', 'Hospital episodes by discharge date, in the patient’s current residence.']),
  count('register.handovers', 'flow', 'handovers', 'created_at', ['交接人次', 'Hand-overs'], ['转交基层医疗卫生机构的交接记录，按交接日和交接时的居住区域计。', 'Hand-overs to primary care, by day and by the residence at hand-over.']),
  count('register.handovers_open', 'state', 'handovers', 'created_at', ['待接收交接', 'Hand-overs not yet acknowledged'], ['尚未被接收的交接。', 'Hand-overs not yet acknowledged.']),
  count('register.handovers_unrouted', 'state', 'handovers', 'created_at', ['无承接机构的交接', 'Unrouted hand-overs'], ['未关闭且没有覆盖该社区的基层机构承接的交接。', 'Hand-overs still open with no primary-care institution covering the community.']),
  ...POPULATION_CATEGORIES.map((c) =>
    count(
      `register.category.${c.code}`,
      'state',
      'person_categories',
      'created_at',
      [c.zh, c.en],
      [`在册人员中属于"${c.zh}"且未结束的人群身份（按身份登记日计）。`, `Open memberships of "${c.en}" among persons on the register (by the day the membership was recorded).`],
      'register_categories',
    ),
  ),
];

/** The facts of a person row the register figures read. */
export interface PersonFacts {
  regionCode: string;
  /** Local (Asia/Shanghai) day of created_at. */
  createdDay: string;
  verificationStatus: string;
  mergedInto: string | null;
}

const STATUS_FIGURE: Record<string, string | undefined> = {
  verified: 'register.verified',
  corrected: 'register.verified',
  pending: 'register.pending',
  moved: 'register.moved',
  deceased: 'register.deceased',
  not_found: 'register.not_found',
};

/** A merged-away record counts nowhere: its survivor carries the person. */
export function personContributions(p: PersonFacts): Contribution[] {
  if (p.mergedInto !== null) return [];
  const figures = ['register.new_persons', 'register.persons'];
  const status = STATUS_FIGURE[p.verificationStatus];
  if (status) figures.push(status);
  return [{ figures, regionCode: p.regionCode, day: p.createdDay }];
}

export interface CategoryFacts {
  category: string;
  validTo: string | null;
  createdDay: string;
}

/** An open membership (no end date) of a live person, in the person's current residence. */
export function categoryContributions(c: CategoryFacts, person: PersonFacts): Contribution[] {
  if (person.mergedInto !== null || c.validTo !== null) return [];
  return [{ figures: [`register.category.${c.category}`], regionCode: person.regionCode, day: c.createdDay }];
}

export interface EpisodeFacts {
  admissionDate: string;
  dischargeDate: string | null;
}

/** Admissions on the admission day, discharges on the discharge day, in the person's current residence. */
export function episodeContributions(e: EpisodeFacts, person: PersonFacts): Contribution[] {
  if (person.mergedInto !== null) return [];
  const out: Contribution[] = [{ figures: ['register.admissions'], regionCode: person.regionCode, day: e.admissionDate }];
  if (e.dischargeDate !== null) out.push({ figures: ['register.discharges'], regionCode: person.regionCode, day: e.dischargeDate });
  return out;
}

export interface HandoverFacts {
  regionCode: string;
  createdDay: string;
  status: string;
  toOrgId: string | null;
}

/** Hand-overs in the region recorded on the hand-over (the residence when it was made). */
export function handoverContributions(h: HandoverFacts): Contribution[] {
  const figures = ['register.handovers'];
  if (h.status === 'new') figures.push('register.handovers_open');
  if (h.toOrgId === null && h.status !== 'closed') figures.push('register.handovers_unrouted');
  return [{ figures, regionCode: h.regionCode, day: h.createdDay }];
}
