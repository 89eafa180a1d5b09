/**
 * Follow-up figures (issue 5 table `followup_tasks`, with the visit date of its `followup_records` row).
 * A task counts in the region recorded on it: an open task moves with its enrolment on a transfer, a closed
 * one stays where it was done. The outcome figures are anchored on the task's WINDOW END, so every task a
 * period counts has had its whole window: "due" = windows that ended in the period (cancelled tasks — an
 * enrolment ended, a death — are left out), "on time" = done with a visit on or before the window end.
 * "Overdue" is a state figure anchored on the day after the window end: as of a day it counts the tasks
 * still open whose window ended before that day — exact without waiting for the hourly status job.
 * Migration 0670 mirrors this.
 */
import type { Contribution, FigureDefinition } from './figure-definition.ts';
import { countFigure, heldRegion, nextDay, rateFigure } from './family-figure-helpers.ts';

const F = 'followup';
const count = countFigure.bind(null, F);

export const FOLLOWUP_FIGURES: readonly FigureDefinition[] = [
  count('followup.due', 'flow', 'followup_tasks', 'window_end', ['应随访', 'Follow-ups due'], [
    '随访窗口期在期内截止的随访任务（已取消的不计）。',
    'Follow-up tasks whose window ended in the period (cancelled tasks excluded).',
  ]),
  count('followup.done', 'flow', 'followup_tasks', 'window_end', ['已随访', 'Follow-ups done'], [
    '上述任务中已完成随访（见到或联系到本人或知情人）的。',
    'Of those, tasks done (a visit recorded that reached the person or an informant).',
  ]),
  count('followup.done_on_time', 'flow', 'followup_tasks', 'window_end', ['按时随访', 'Done on time'], [
    '上述任务中随访日期不晚于窗口期截止日的已完成任务。',
    'Of those, tasks done with a visit date on or before the window end.',
  ]),
  count('followup.unreachable', 'flow', 'followup_tasks', 'window_end', ['失访', 'Unreachable'], [
    '上述任务中记录为未联系到本人的。',
    'Of those, tasks recorded as unreachable.',
  ]),
  count('followup.overdue', 'state', 'followup_tasks', 'window_end + 1 day', ['逾期未随访', 'Overdue'], [
    '窗口期已过仍未随访的任务（锚定日为窗口期截止日的次日）。',
    'Open tasks whose window has passed (anchored on the day after the window end).',
  ]),
  count('followup.open', 'state', 'followup_tasks', 'created_at', ['待随访任务', 'Open follow-ups'], [
    '当前待办（未完成、未失访、未取消）的随访任务，按创建日计。',
    'Tasks open now (not done, unreachable or cancelled), by day created.',
  ]),
  rateFigure(F, 'followup.on_time_rate', 'followup.done_on_time', 'followup.due', ['按时随访率', 'On-time rate'], [
    '分子：按时随访数；分母：应随访数',
    'Numerator: follow-ups done on time; denominator: follow-ups due',
  ]),
  rateFigure(F, 'followup.unreachable_rate', 'followup.unreachable', 'followup.due', ['失访率', 'Unreachable rate'], [
    '分子：失访数；分母：应随访数',
    'Numerator: unreachable follow-ups; denominator: follow-ups due',
  ]),
];

export const OPEN_TASK_STATUSES: readonly string[] = ['scheduled', 'due', 'overdue'];

export interface FollowupTaskFacts {
  regionCode: string;
  status: string;
  /** YYYY-MM-DD. */
  windowEnd: string;
  /** Local day of created_at. */
  createdDay: string;
  /** Visit date of the task's record, null when none. */
  visitedOn: string | null;
}

export function followupTaskContributions(t: FollowupTaskFacts): Contribution[] {
  if (t.status === 'cancelled') return [];
  if (OPEN_TASK_STATUSES.includes(t.status))
    return [
      { figures: ['followup.due'], regionCode: heldRegion(t.regionCode), day: t.windowEnd },
      { figures: ['followup.overdue'], regionCode: heldRegion(t.regionCode), day: nextDay(t.windowEnd) },
      { figures: ['followup.open'], regionCode: heldRegion(t.regionCode), day: t.createdDay },
    ];
  const figures = ['followup.due'];
  if (t.status === 'done') {
    figures.push('followup.done');
    if (t.visitedOn !== null && t.visitedOn <= t.windowEnd) figures.push('followup.done_on_time');
  }
  if (t.status === 'unreachable') figures.push('followup.unreachable');
  return [{ figures, regionCode: heldRegion(t.regionCode), day: t.windowEnd }];
}
