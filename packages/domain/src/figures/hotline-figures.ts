/**
 * Hotline figures (issue 7 table `hotline_calls`). A call counts on the day it was offered (Asia/Shanghai),
 * in the region of its line (recorded on the call; the caller's own region is optional and often unknown).
 * Outcomes follow the hotline's own metric definitions (`hotline/call-metrics.ts` `classifyCall`): a call
 * abandoned within 5 s is a short abandon (a misdial) and counts in neither answered nor abandoned, and the
 * answer rate (接通率) is answered ÷ (answered + abandoned). Calls by category count filed records once per
 * top-level problem category they list (a call about two categories counts in both). Migration 0695 mirrors this.
 */
import { classifyCall } from '../hotline/call-metrics.ts';
import { PROBLEM_TAXONOMY } from '../hotline/problem-taxonomy.ts';
import type { Contribution, FigureDefinition } from './figure-definition.ts';
import { countFigure, heldRegion, rateFigure, shanghaiDay } from './family-figure-helpers.ts';

const F = 'hotline';
const count = countFigure.bind(null, F);

export const HOTLINE_FIGURES: readonly FigureDefinition[] = [
  count('hotline.calls', 'flow', 'hotline_calls', 'offered_at', ['热线来电', 'Calls'], ['按来电日计的全部来电（含短时挂断）。', 'Every call offered, by day (short abandons included).']),
  count('hotline.answered', 'flow', 'hotline_calls', 'offered_at', ['已接听', 'Answered'], ['上述来电中被接听的。', 'Of those, calls a counselor answered.']),
  count('hotline.abandoned', 'flow', 'hotline_calls', 'offered_at', ['放弃呼叫', 'Abandoned'], [
    '上述来电中来电者在接听前挂断的（5秒内挂断视为误拨，不计）。',
    'Of those, calls the caller hung up before an answer (hang-ups within 5 s are misdials and not counted).',
  ]),
  count('hotline.handled', 'flow', 'hotline_calls', 'offered_at', ['有效来电', 'Answered or abandoned'], [
    '已接听与放弃呼叫之和（接通率的分母）。',
    'Answered plus abandoned calls (the answer rate’s denominator).',
  ]),
  count('hotline.filed', 'flow', 'hotline_calls', 'offered_at', ['已归档记录', 'Filed call records'], ['上述来电中记录已归档的。', 'Of those, calls whose record is filed.']),
  rateFigure(F, 'hotline.answer_rate', 'hotline.answered', 'hotline.handled', ['接通率', 'Answer rate'], [
    '分子：已接听来电；分母：已接听与放弃呼叫之和',
    'Numerator: answered calls; denominator: answered plus abandoned calls',
  ]),
  ...PROBLEM_TAXONOMY.map((c) =>
    count(`hotline.category.${c.code}`, 'flow', 'hotline_calls', 'offered_at', [c.zh, c.en], [
      `已归档记录中问题类别含“${c.zh}”的来电。`,
      `Filed calls that list the problem category “${c.en}”.`,
    ]),
  ),
];

export interface HotlineCallFacts {
  regionCode: string;
  offeredAt: Date;
  answeredAt: Date | null;
  abandonedAt: Date | null;
  endedAt: Date | null;
  recordStatus: string;
  problemCategories: readonly string[];
}

export function hotlineCallContributions(c: HotlineCallFacts): Contribution[] {
  const figures = ['hotline.calls'];
  const outcome = classifyCall({ offeredAt: c.offeredAt, answeredAt: c.answeredAt, abandonedAt: c.abandonedAt, endedAt: c.endedAt });
  if (outcome === 'answered') figures.push('hotline.answered', 'hotline.handled');
  if (outcome === 'abandoned') figures.push('hotline.abandoned', 'hotline.handled');
  if (c.recordStatus === 'filed') {
    figures.push('hotline.filed');
    for (const cat of new Set(c.problemCategories)) figures.push(`hotline.category.${cat}`);
  }
  return [{ figures, regionCode: heldRegion(c.regionCode), day: shanghaiDay(c.offeredAt) }];
}
