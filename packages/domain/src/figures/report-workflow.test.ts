import { describe, expect, it } from 'vitest';
import { isReportingRegion, mayReview, previousPeriod, reportPeriodRange, reportTransition } from './report-workflow.ts';

describe('report submission state machine', () => {
  it('goes draft → submitted → returned → submitted → accepted, and locks when accepted', () => {
    expect(reportTransition('draft', 'edit')).toEqual({ ok: true, status: 'draft' });
    expect(reportTransition('draft', 'submit')).toEqual({ ok: true, status: 'submitted' });
    expect(reportTransition('submitted', 'return', { comment: '请补充数据' })).toEqual({ ok: true, status: 'returned' });
    expect(reportTransition('returned', 'edit')).toEqual({ ok: true, status: 'returned' });
    expect(reportTransition('returned', 'submit')).toEqual({ ok: true, status: 'submitted' });
    expect(reportTransition('submitted', 'accept')).toEqual({ ok: true, status: 'accepted' });
    for (const e of ['edit', 'submit', 'accept', 'return'] as const) {
      expect(reportTransition('accepted', e)).toEqual({ ok: false, reason: 'An accepted report is locked' });
    }
  });

  it('refuses out-of-order steps and a return without a comment', () => {
    expect(reportTransition('draft', 'accept').ok).toBe(false);
    expect(reportTransition('submitted', 'edit')).toEqual({ ok: false, reason: 'A submitted report cannot be edited' });
    expect(reportTransition('submitted', 'submit').ok).toBe(false);
    expect(reportTransition('submitted', 'return', { comment: '  ' })).toEqual({ ok: false, reason: 'Returning a report needs a comment' });
  });

  it('lets only a strictly higher level review', () => {
    expect(mayReview(['420100000000'], '420102000000')).toBe(true); // city reviews county
    expect(mayReview(['420000000000'], '420100000000')).toBe(true); // province reviews city
    expect(mayReview(['420102000000'], '420102000000')).toBe(false); // not its own
    expect(mayReview(['420200000000'], '420102000000')).toBe(false); // another city
    expect(mayReview(['420102001000'], '420102000000')).toBe(false); // below
    expect(mayReview(['000000000000'], '420102000000')).toBe(true);
  });

  it('knows which regions report and the days of a period', () => {
    expect(isReportingRegion('420102000000')).toBe(true);
    expect(isReportingRegion('420100000000')).toBe(true);
    expect(isReportingRegion('420000000000')).toBe(false);
    expect(isReportingRegion('420102001000')).toBe(false);
    expect(reportPeriodRange('month', '2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(reportPeriodRange('month', '2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(reportPeriodRange('quarter', '2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(reportPeriodRange('month', '2026-13')).toBeUndefined();
    expect(reportPeriodRange('quarter', '2026-03')).toBeUndefined();
    expect(previousPeriod('month', '2026-01-15')).toBe('2025-12');
    expect(previousPeriod('month', '2026-04-02')).toBe('2026-03');
    expect(previousPeriod('quarter', '2026-04-02')).toBe('2026-Q1');
    expect(previousPeriod('quarter', '2026-02-02')).toBe('2025-Q4');
  });
});
