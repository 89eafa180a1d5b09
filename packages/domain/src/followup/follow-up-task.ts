/**
 * The follow-up task state machine. A task is open (scheduled → due → overdue, as time passes) until it is
 * recorded (done, or unreachable when the person was not reached) or cancelled (enrolment withdrawn or
 * closed, person deceased, or superseded by a transfer). Closed states are final.
 */
import type { IsoDate } from '../register/iso-date.ts';

export const TASK_STATUSES = ['scheduled', 'due', 'overdue', 'done', 'unreachable', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const OPEN_TASK_STATUSES = ['scheduled', 'due', 'overdue'] as const satisfies readonly TaskStatus[];

export const TASK_EVENTS = ['window_opened', 'window_closed', 'recorded_reached', 'recorded_unreached', 'cancel'] as const;
export type TaskEvent = (typeof TASK_EVENTS)[number];

export function isOpenStatus(s: TaskStatus): boolean {
  return (OPEN_TASK_STATUSES as readonly TaskStatus[]).includes(s);
}

const TABLE: Readonly<Record<TaskStatus, Partial<Record<TaskEvent, TaskStatus>>>> = {
  scheduled: { window_opened: 'due', window_closed: 'overdue', recorded_reached: 'done', recorded_unreached: 'unreachable', cancel: 'cancelled' },
  due: { window_closed: 'overdue', recorded_reached: 'done', recorded_unreached: 'unreachable', cancel: 'cancelled' },
  overdue: { recorded_reached: 'done', recorded_unreached: 'unreachable', cancel: 'cancelled' },
  done: {},
  unreachable: {},
  cancelled: {},
};

/** The next status, or null when the event is not allowed in this status. */
export function nextTaskStatus(from: TaskStatus, event: TaskEvent): TaskStatus | null {
  return TABLE[from][event] ?? null;
}

/** The time-driven status of an open task on `today`: before its window, in it, or past it. */
export function openStatusOn(task: { windowStart: IsoDate; windowEnd: IsoDate }, today: IsoDate): 'scheduled' | 'due' | 'overdue' {
  if (today > task.windowEnd) return 'overdue';
  if (today >= task.windowStart) return 'due';
  return 'scheduled';
}
