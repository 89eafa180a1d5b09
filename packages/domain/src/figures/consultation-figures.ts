/**
 * Consultation turnaround (会诊; issue 4 table `consultations`), part of the assessments' figures in the
 * issue. A request counts on the day it was made (Asia/Shanghai), in the region recorded on it. The
 * assessments module sets no answering deadline, so "in time" uses the issue's 3 days: answered within
 * 72 hours of the request. A request of the last 3 days may still be answered in time, so the in-time
 * rate of a period ending today can still rise. Migration 0675 mirrors this.
 */
import type { Contribution, FigureDefinition } from './figure-definition.ts';
import { countFigure, heldRegion, rateFigure, shanghaiDay } from './family-figure-helpers.ts';

/** The answering deadline of a consultation, in hours (3 days). */
export const CONSULTATION_DEADLINE_HOURS = 72;

const F = 'consultations';
const count = countFigure.bind(null, F);

export const CONSULTATION_FIGURES: readonly FigureDefinition[] = [
  count('consultations.requested', 'flow', 'consultations', 'requested_at', ['会诊申请', 'Consultations requested'], [
    '按申请日计的会诊申请数。',
    'Consultation requests, by day requested.',
  ]),
  count('consultations.answered', 'flow', 'consultations', 'requested_at', ['会诊已答复', 'Consultations answered'], [
    '上述申请中精神科医生已给出意见的。',
    'Of those, requests a psychiatrist has answered.',
  ]),
  count('consultations.answered_in_time', 'flow', 'consultations', 'requested_at', ['会诊按时答复', 'Answered within 3 days'], [
    `上述申请中在申请后${CONSULTATION_DEADLINE_HOURS}小时（3天）内答复的。`,
    `Of those, requests answered within ${CONSULTATION_DEADLINE_HOURS} hours (3 days) of the request.`,
  ]),
  count('consultations.open', 'state', 'consultations', 'requested_at', ['待答复会诊', 'Open consultations'], [
    '当前尚未答复的会诊申请，按申请日计。',
    'Requests not answered yet, by day requested.',
  ]),
  rateFigure(F, 'consultations.in_time_rate', 'consultations.answered_in_time', 'consultations.requested', ['会诊按时答复率', 'Answered-in-time rate'], [
    '分子：3天内答复的会诊数；分母：会诊申请数（近3天的申请仍可能按时答复）',
    'Numerator: requests answered within 3 days; denominator: requests (requests of the last 3 days may still be answered in time)',
  ]),
];

export interface ConsultationFacts {
  regionCode: string;
  status: string;
  requestedAt: Date;
  reviewedAt: Date | null;
}

export function consultationContributions(c: ConsultationFacts): Contribution[] {
  const figures = ['consultations.requested'];
  if (c.status === 'completed' && c.reviewedAt) {
    figures.push('consultations.answered');
    if (c.reviewedAt.getTime() - c.requestedAt.getTime() <= CONSULTATION_DEADLINE_HOURS * 3_600_000) figures.push('consultations.answered_in_time');
  } else {
    figures.push('consultations.open');
  }
  return [{ figures, regionCode: heldRegion(c.regionCode), day: shanghaiDay(c.requestedAt) }];
}
