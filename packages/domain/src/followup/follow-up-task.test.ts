import { describe, expect, it } from 'vitest';
import { OPEN_TASK_STATUSES, TASK_EVENTS, TASK_STATUSES, isOpenStatus, nextTaskStatus, openStatusOn, type TaskEvent, type TaskStatus } from './follow-up-task.ts';

// The expected table, written out independently of the implementation: every status × every event.
const EXPECTED: Record<TaskStatus, Record<TaskEvent, TaskStatus | null>> = {
  scheduled: { window_opened: 'due', window_closed: 'overdue', recorded_reached: 'done', recorded_unreached: 'unreachable', cancel: 'cancelled' },
  due: { window_opened: null, window_closed: 'overdue', recorded_reached: 'done', recorded_unreached: 'unreachable', cancel: 'cancelled' },
  overdue: { window_opened: null, window_closed: null, recorded_reached: 'done', recorded_unreached: 'unreachable', cancel: 'cancelled' },
  done: { window_opened: null, window_closed: null, recorded_reached: null, recorded_unreached: null, cancel: null },
  unreachable: { window_opened: null, window_closed: null, recorded_reached: null, recorded_unreached: null, cancel: null },
  cancelled: { window_opened: null, window_closed: null, recorded_reached: null, recorded_unreached: null, cancel: null },
};

describe('follow-up task state machine', () => {
  const pairs = TASK_STATUSES.flatMap((s) => TASK_EVENTS.map((e) => [s, e] as const));
  it.each(pairs)('%s + %s', (status, event) => {
    expect(nextTaskStatus(status, event)).toBe(EXPECTED[status][event]);
  });

  it('closed states are final and open states are exactly scheduled/due/overdue', () => {
    expect([...OPEN_TASK_STATUSES]).toEqual(['scheduled', 'due', 'overdue']);
    for (const s of TASK_STATUSES) {
      expect(isOpenStatus(s)).toBe(['scheduled', 'due', 'overdue'].includes(s));
      if (!isOpenStatus(s)) for (const e of TASK_EVENTS) expect(nextTaskStatus(s, e)).toBeNull();
    }
  });

  it.each([
    ['2026-03-10', 'scheduled'],
    ['2026-03-13', 'due'],
    ['2026-03-16', 'due'],
    ['2026-03-19', 'due'],
    ['2026-03-20', 'overdue'],
  ] as const)('on %s the task is %s', (today, status) => {
    expect(openStatusOn({ windowStart: '2026-03-13', windowEnd: '2026-03-19' }, today)).toBe(status);
  });
});
