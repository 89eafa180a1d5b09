import { describe, expect, it } from 'vitest';
import { FIGURES_BY_ID } from './figure-catalogue.ts';
import { figureValue } from './figure-rollup.ts';
import { followupTaskContributions, type FollowupTaskFacts } from './followup-figures.ts';

const t = (over: Partial<FollowupTaskFacts>): FollowupTaskFacts => ({
  regionCode: '420102001001',
  status: 'done',
  windowEnd: '2026-03-10',
  createdDay: '2026-02-01',
  visitedOn: '2026-03-08',
  ...over,
});

describe('follow-up figures on hand-made data', () => {
  const rows = [
    t({}), // done on time
    t({ visitedOn: '2026-03-12' }), // done late
    t({ status: 'unreachable', visitedOn: '2026-03-09' }),
    t({ status: 'cancelled', visitedOn: null }), // an ended enrolment: nowhere
    t({ status: 'overdue', visitedOn: null, windowEnd: '2026-03-20' }), // open, window passed on the 20th
    t({ status: 'scheduled', visitedOn: null, windowEnd: '2026-04-15', createdDay: '2026-03-05' }), // open, window not passed
    t({ regionCode: '420103001001007', windowEnd: '2026-03-31' }), // a grid: counts in its community
    t({ windowEnd: '2026-02-27' }), // outside March
  ].flatMap(followupTaskContributions);
  const q = (regionCode: string, from = '2026-03-01', to = '2026-03-31') => ({ regionCode, from, to });
  const v = (id: string, query = q('420100000000')) => figureValue(FIGURES_BY_ID, id, rows, query);

  it('counts tasks by window end: due, done, on time, unreachable, and the on-time rate', () => {
    expect(v('followup.due')).toBe(5);
    expect(v('followup.done')).toBe(3);
    expect(v('followup.done_on_time')).toBe(2);
    expect(v('followup.unreachable')).toBe(1);
    expect(v('followup.on_time_rate')).toBeCloseTo(2 / 5);
    expect(v('followup.unreachable_rate')).toBeCloseTo(1 / 5);
    expect(v('followup.due', q('420103001001'))).toBe(1);
  });

  it('counts a task as overdue from the day after its window end, while it is open', () => {
    expect(v('followup.overdue', q('420100000000', '2026-03-01', '2026-03-20'))).toBe(0);
    expect(v('followup.overdue', q('420100000000', '2026-03-01', '2026-03-21'))).toBe(1);
    expect(v('followup.open')).toBe(2);
    expect(v('followup.open', q('420100000000', '2026-02-01', '2026-03-04'))).toBe(1);
  });

  it('has no rate without tasks due', () => {
    expect(v('followup.on_time_rate', q('110000000000'))).toBeNull();
  });
});
