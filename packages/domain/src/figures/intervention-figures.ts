/**
 * Interventions by type (issue 5 tables `counseling_plans` and `counseling_sessions`): individual, group
 * and family counseling. A plan counts on its start date, a session on its date, each in the region
 * recorded on it (a group session's region is the closest region holding every participant). Open plans
 * (active or paused) are a state figure anchored on the day the plan was created. Migration 0680 mirrors this.
 */
import type { Contribution, FigureDefinition } from './figure-definition.ts';
import { countFigure, heldRegion } from './family-figure-helpers.ts';

export const INTERVENTION_TYPES = ['individual', 'group', 'family'] as const;
const TYPE_LABEL: Record<(typeof INTERVENTION_TYPES)[number], [string, string]> = {
  individual: ['个体', 'Individual'],
  group: ['团体', 'Group'],
  family: ['家庭', 'Family'],
};

const F = 'interventions';
const count = countFigure.bind(null, F);

export const INTERVENTION_FIGURES: readonly FigureDefinition[] = [
  count('interventions.sessions', 'flow', 'counseling_sessions', 'session_date', ['心理干预次数', 'Counseling sessions'], [
    '按日期计的已开展心理咨询/干预次数（个体、团体、家庭）。',
    'Counseling sessions held (individual, group, family), by session date.',
  ]),
  count('interventions.plans_started', 'flow', 'counseling_plans', 'start_date', ['新开干预计划', 'Plans started'], [
    '按开始日计的心理干预计划（已撤销的不计）。',
    'Counseling plans by start date (cancelled plans excluded).',
  ]),
  count('interventions.plans_open', 'state', 'counseling_plans', 'created_at', ['进行中干预计划', 'Open plans'], [
    '当前进行中或暂停的干预计划，按创建日计。',
    'Plans active or paused now, by day created.',
  ]),
  ...INTERVENTION_TYPES.flatMap((type) => {
    const [zh, en] = TYPE_LABEL[type];
    return [
      count(`interventions.sessions.${type}`, 'flow', 'counseling_sessions', 'session_date', [`${zh}干预次数`, `${en} sessions`], [
        `按日期计的${zh}心理咨询/干预次数。`,
        `${en} counseling sessions, by session date.`,
      ]),
      count(`interventions.plans_started.${type}`, 'flow', 'counseling_plans', 'start_date', [`新开${zh}计划`, `${en} plans started`], [
        `按开始日计的${zh}干预计划（已撤销的不计）。`,
        `${en} plans by start date (cancelled plans excluded).`,
      ]),
      count(`interventions.plans_open.${type}`, 'state', 'counseling_plans', 'created_at', [`进行中${zh}计划`, `Open ${en.toLowerCase()} plans`], [
        `当前进行中或暂停的${zh}干预计划，按创建日计。`,
        `${en} plans active or paused now, by day created.`,
      ]),
    ];
  }),
];

export interface CounselingPlanFacts {
  regionCode: string;
  type: string;
  status: string;
  startDate: string;
  createdDay: string;
}

export function counselingPlanContributions(p: CounselingPlanFacts): Contribution[] {
  if (p.status === 'cancelled') return [];
  const out: Contribution[] = [{ figures: ['interventions.plans_started', `interventions.plans_started.${p.type}`], regionCode: heldRegion(p.regionCode), day: p.startDate }];
  if (p.status === 'active' || p.status === 'paused')
    out.push({ figures: ['interventions.plans_open', `interventions.plans_open.${p.type}`], regionCode: heldRegion(p.regionCode), day: p.createdDay });
  return out;
}

export interface CounselingSessionFacts {
  regionCode: string;
  type: string;
  sessionDate: string;
}

export function counselingSessionContributions(s: CounselingSessionFacts): Contribution[] {
  return [{ figures: ['interventions.sessions', `interventions.sessions.${s.type}`], regionCode: heldRegion(s.regionCode), day: s.sessionDate }];
}
