/**
 * Reports submitted up the hierarchy (报送, seed 002 三.(三)): a county (or city) writes its monthly or
 * quarterly report, submits it; the level above reviews it and accepts it or returns it with comments.
 * An accepted report is locked. Pure state machine; the server audits every step.
 */
import { regionLevel, regionPrefix } from '../regions/region-code.ts';

export const REPORT_PERIOD_KINDS = ['month', 'quarter'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export type ReportEvent = 'edit' | 'submit' | 'accept' | 'return';

const NEXT: Record<ReportStatus, Partial<Record<ReportEvent, ReportStatus>>> = {
  draft: { edit: 'draft', submit: 'submitted' },
  returned: { edit: 'returned', submit: 'submitted' },
  submitted: { accept: 'accepted', return: 'returned' },
  accepted: {},
};

export type TransitionResult = { ok: true; status: ReportStatus } | { ok: false; reason: string };

/** The status after an event, or why the event is not allowed now (an accepted report is locked). */
export function reportTransition(status: ReportStatus, event: ReportEvent, input: { comment?: string } = {}): TransitionResult {
  const next = NEXT[status][event];
  if (next === undefined) {
    return { ok: false, reason: status === 'accepted' ? 'An accepted report is locked' : `A ${status} report cannot be ${event === 'edit' ? 'edited' : `${event}ed`}` };
  }
  if (event === 'return' && (input.comment ?? '').trim() === '') return { ok: false, reason: 'Returning a report needs a comment' };
  return { ok: true, status: next };
}

/** Reports are written by counties and cities (the levels that report upward). */
export function isReportingRegion(code: string): boolean {
  if (code.length !== 12) return false;
  const level = regionLevel(code);
  return level === 'county' || level === 'city';
}

/**
 * The reviewer must stand above the report's region (the city reviews its counties, the province its
 * cities): some review assignment is a strict ancestor of the region. A county cannot accept its own.
 */
export function mayReview(reviewRegions: readonly string[], reportRegion: string): boolean {
  const target = regionPrefix(reportRegion);
  return reviewRegions.some((r) => {
    const p = regionPrefix(r);
    return target.startsWith(p) && p.length < target.length;
  });
}

/** A period's first and last day: '2026-03' (month) or '2026-Q1' (quarter). Undefined when malformed. */
export function reportPeriodRange(kind: ReportPeriodKind, period: string): { from: string; to: string } | undefined {
  let year: number;
  let firstMonth: number;
  let months: number;
  if (kind === 'month') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
    if (!m) return undefined;
    year = Number(m[1]);
    firstMonth = Number(m[2]);
    months = 1;
  } else {
    const m = /^(\d{4})-Q([1-4])$/.exec(period);
    if (!m) return undefined;
    year = Number(m[1]);
    firstMonth = (Number(m[2]) - 1) * 3 + 1;
    months = 3;
  }
  const lastMonth = firstMonth + months - 1;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** The period before the one containing `day`, e.g. the month to report on in early April is '2026-03'. */
export function previousPeriod(kind: ReportPeriodKind, day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (kind === 'month') return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  const q = Math.floor((month - 1) / 3) + 1;
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}
