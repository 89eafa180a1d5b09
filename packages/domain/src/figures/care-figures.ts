/**
 * Care visits (关爱帮扶) and aid requests (issue 5 tables `care_visits`, and `referrals` of kind `aid`:
 * requests raised on a care visit to civil affairs or another organization). A visit counts on its date,
 * a request on the day it was sent, each in the region recorded on it. Migration 0690 mirrors this.
 */
import type { Contribution, FigureDefinition } from './figure-definition.ts';
import { countFigure, heldRegion, rateFigure, shanghaiDay } from './family-figure-helpers.ts';

const F = 'care';
const count = countFigure.bind(null, F);

export const CARE_FIGURES: readonly FigureDefinition[] = [
  count('care.visits', 'flow', 'care_visits', 'visit_date', ['关爱走访', 'Care visits'], ['按走访日期计的关爱帮扶走访。', 'Care visits, by visit date.']),
  count('care.visits_with_needs', 'flow', 'care_visits', 'visit_date', ['发现需求的走访', 'Visits with needs'], [
    '上述走访中记录了至少一项帮扶需求的。',
    'Of those, visits that recorded at least one need.',
  ]),
  count('care.aid_requests', 'flow', 'referrals', 'sent_at', ['帮扶申请', 'Aid requests'], [
    '按发出日计的帮扶申请（走访中向民政等机构提出）。',
    'Aid requests raised on care visits (to civil affairs or another organization), by day sent.',
  ]),
  count('care.aid_accepted', 'flow', 'referrals', 'sent_at', ['帮扶申请已受理', 'Aid requests accepted'], [
    '上述申请中接收机构已受理的。',
    'Of those, requests the receiving organization accepted.',
  ]),
  count('care.aid_pending', 'state', 'referrals', 'sent_at', ['待受理帮扶申请', 'Aid requests awaiting an answer'], [
    '当前尚未受理或拒绝的帮扶申请，按发出日计。',
    'Aid requests neither accepted nor declined yet, by day sent.',
  ]),
  rateFigure(F, 'care.aid_accepted_rate', 'care.aid_accepted', 'care.aid_requests', ['帮扶受理率', 'Aid acceptance rate'], [
    '分子：已受理的帮扶申请；分母：帮扶申请',
    'Numerator: aid requests accepted; denominator: aid requests',
  ]),
];

export interface CareVisitFacts {
  regionCode: string;
  visitDate: string;
  needCount: number;
}

export function careVisitContributions(v: CareVisitFacts): Contribution[] {
  return [{ figures: v.needCount > 0 ? ['care.visits', 'care.visits_with_needs'] : ['care.visits'], regionCode: heldRegion(v.regionCode), day: v.visitDate }];
}

export interface AidRequestFacts {
  regionCode: string;
  kind: string;
  status: string;
  sentAt: Date;
  acceptedAt: Date | null;
}

export function aidRequestContributions(r: AidRequestFacts): Contribution[] {
  if (r.kind !== 'aid') return [];
  const figures = ['care.aid_requests'];
  if (r.acceptedAt !== null) figures.push('care.aid_accepted');
  if (r.status === 'sent') figures.push('care.aid_pending');
  return [{ figures, regionCode: heldRegion(r.regionCode), day: shanghaiDay(r.sentAt) }];
}
