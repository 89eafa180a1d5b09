/**
 * Crisis figures (issue 6 tables `crisis_cases`, `crisis_admissions`). A case counts in the region
 * recorded on it, on the day it was opened; an admission on its admission date, in its case's region.
 * Deadline compliance uses the standard first-contact limits (DEFAULT_FIRST_CONTACT: imminent 1 h,
 * high 24 h, moderate 72 h from when the current level was set), not a deployment's
 * ANXIN_CRISIS_FIRST_CONTACT: a rollup must not change meaning with a setting. Cases opened within the
 * last limit may still be contacted in time. Migration 0685 mirrors this.
 */
import { CRISIS_LEVELS, isCrisisLevel } from '../crisis/crisis-level.ts';
import { DEFAULT_FIRST_CONTACT, firstContactDue } from '../crisis/deadlines.ts';
import type { Contribution, FigureDefinition } from './figure-definition.ts';
import { countFigure, heldRegion, rateFigure, shanghaiDay } from './family-figure-helpers.ts';

const F = 'crisis';
const count = countFigure.bind(null, F);
const LEVEL_LABEL = { imminent: ['紧急', 'Imminent'], high: ['高危', 'High'], moderate: ['中危', 'Moderate'] } as const;

export const CRISIS_FIGURES: readonly FigureDefinition[] = [
  count('crisis.opened', 'flow', 'crisis_cases', 'opened_at', ['新发危机个案', 'Crisis cases opened'], ['按立案日计的危机个案。', 'Crisis cases, by day opened.']),
  count('crisis.open', 'state', 'crisis_cases', 'opened_at', ['未结危机个案', 'Open crisis cases'], ['当前未结案的危机个案，按立案日计。', 'Cases not closed now, by day opened.']),
  ...CRISIS_LEVELS.map((level) =>
    count(`crisis.open.${level}`, 'state', 'crisis_cases', 'opened_at', [`未结${LEVEL_LABEL[level][0]}个案`, `Open ${LEVEL_LABEL[level][1].toLowerCase()} cases`], [
      `当前未结案、当前等级为“${LEVEL_LABEL[level][0]}”的个案，按立案日计。`,
      `Cases not closed now whose current level is ${level}, by day opened.`,
    ]),
  ),
  count('crisis.contact_in_time', 'flow', 'crisis_cases', 'opened_at', ['按时首次接触', 'First contact in time'], [
    '上述新发个案中在时限内首次接触的（紧急1小时、高危24小时、中危72小时，自当前等级确定时起；按标准时限，不随部署配置变化）。',
    'Of the cases opened, those first contacted within the limit (imminent 1 h, high 24 h, moderate 72 h from when the current level was set; the standard limits, not the deployment’s setting).',
  ]),
  count('crisis.closed', 'flow', 'crisis_cases', 'closed_at', ['结案', 'Cases closed'], ['按结案日计的危机个案。', 'Crisis cases, by day closed.']),
  count('crisis.admissions', 'flow', 'crisis_admissions', 'admitted_on', ['危机住院', 'Crisis admissions'], [
    '按入院日计的危机个案住院安排（计入个案所在区域）。',
    'Hospital admissions arranged for crisis cases, by admission date (in the case’s region).',
  ]),
  count('crisis.admissions_involuntary', 'flow', 'crisis_admissions', 'admitted_on', ['非自愿住院', 'Involuntary admissions'], [
    '上述住院中为非自愿住院的。',
    'Of those, involuntary admissions.',
  ]),
  rateFigure(F, 'crisis.deadline_rate', 'crisis.contact_in_time', 'crisis.opened', ['首次接触时限达标率', 'Deadline compliance'], [
    '分子：按时首次接触的个案；分母：新发危机个案（时限内的新个案仍可能达标）',
    'Numerator: cases first contacted in time; denominator: cases opened (cases still inside their limit may yet comply)',
  ]),
];

export interface CrisisCaseFacts {
  regionCode: string;
  status: string;
  level: string;
  levelSetAt: Date;
  openedAt: Date;
  firstContactAt: Date | null;
  closedAt: Date | null;
}

export function contactedInTime(c: CrisisCaseFacts): boolean {
  if (c.firstContactAt === null || !isCrisisLevel(c.level)) return false;
  const due = firstContactDue({ level: c.level, levelSetAt: c.levelSetAt, firstContactAt: c.firstContactAt }, DEFAULT_FIRST_CONTACT, 'Asia/Shanghai');
  return c.firstContactAt.getTime() <= due.getTime();
}

export function crisisCaseContributions(c: CrisisCaseFacts): Contribution[] {
  const opened = ['crisis.opened'];
  if (c.status !== 'closed') opened.push('crisis.open', `crisis.open.${c.level}`);
  if (contactedInTime(c)) opened.push('crisis.contact_in_time');
  const out: Contribution[] = [{ figures: opened, regionCode: heldRegion(c.regionCode), day: shanghaiDay(c.openedAt) }];
  if (c.status === 'closed' && c.closedAt) out.push({ figures: ['crisis.closed'], regionCode: heldRegion(c.regionCode), day: shanghaiDay(c.closedAt) });
  return out;
}

export interface CrisisAdmissionFacts {
  /** The case's region. */
  regionCode: string;
  admittedOn: string;
  involuntary: boolean;
}

export function crisisAdmissionContributions(a: CrisisAdmissionFacts): Contribution[] {
  return [{ figures: a.involuntary ? ['crisis.admissions', 'crisis.admissions_involuntary'] : ['crisis.admissions'], regionCode: heldRegion(a.regionCode), day: a.admittedOn }];
}
