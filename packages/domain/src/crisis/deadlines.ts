import type { CrisisLevel } from './crisis-level.ts';

/**
 * A response deadline: `{ hours }` runs on the wall clock from the moment the level was set;
 * `{ days }` ends at 24:00 local time of the n-th calendar day after it (e.g. "within 3 days").
 */
export type DeadlineSpec = { hours: number } | { days: number };

export type FirstContactDeadlines = Readonly<Record<CrisisLevel, DeadlineSpec>>;

/** Defaults from the issue: first contact within 1 h, 24 h and 72 h. A deployment may configure others. */
export const DEFAULT_FIRST_CONTACT: FirstContactDeadlines = {
  imminent: { hours: 1 },
  high: { hours: 24 },
  moderate: { hours: 72 },
};

/** Severe mental disorder risk 3–5 (2018 spec): police liaison and emergency handling within 24 h. */
export const SMD_POLICE_RISK_LEVEL = 3;
export const SMD_EMERGENCY_HOURS = 24;

const HOUR = 3_600_000;

/** Parses '1h', '24h', '3d'. */
export function parseDeadlineSpec(text: string): DeadlineSpec | null {
  const m = /^(\d{1,4})([hd])$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return null;
  const n = Number(m[1]);
  if (n < 1) return null;
  return m[2] === 'h' ? { hours: n } : { days: n };
}

/** Parses 'imminent=1h,high=24h,moderate=3d'; levels left out keep their default. */
export function parseFirstContactDeadlines(text: string): FirstContactDeadlines | null {
  const out: Record<CrisisLevel, DeadlineSpec> = { ...DEFAULT_FIRST_CONTACT };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [level, spec] = part.split('=');
    if (level !== 'imminent' && level !== 'high' && level !== 'moderate') return null;
    const parsed = spec === undefined ? null : parseDeadlineSpec(spec);
    if (!parsed) return null;
    out[level] = parsed;
  }
  return out;
}

/** Offset of `timeZone` from UTC at `at`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The calendar date ('YYYY-MM-DD') of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The instant of 00:00 local time on `date` + `addDays` in the zone. */
export function localMidnight(date: string, addDays: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d + addDays);
  // Two passes settle the offset even on a day the zone changes its clock.
  let guess = wall - zoneOffsetMs(new Date(wall), timeZone);
  guess = wall - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** When a deadline that starts at `from` falls due. */
export function dueAt(from: Date, spec: DeadlineSpec, timeZone: string): Date {
  if ('hours' in spec) return new Date(from.getTime() + spec.hours * HOUR);
  return localMidnight(localDate(from, timeZone), spec.days + 1, timeZone);
}

export interface DeadlineState {
  level: CrisisLevel;
  levelSetAt: Date;
  firstContactAt: Date | null;
}

export function firstContactDue(c: DeadlineState, deadlines: FirstContactDeadlines, timeZone: string): Date {
  return dueAt(c.levelSetAt, deadlines[c.level], timeZone);
}

/** Is the first contact overdue at `now`? (Never once a first contact is recorded.) */
export function isFirstContactOverdue(c: DeadlineState, now: Date, deadlines: FirstContactDeadlines, timeZone: string): boolean {
  return c.firstContactAt === null && now.getTime() >= firstContactDue(c, deadlines, timeZone).getTime();
}

/**
 * The escalation ladder for a missed first contact: 0 = the on-call crisis worker only; 1 = the crisis
 * team lead, from the deadline; 2 = the county psychological specialist (心理专员), once as long again
 * has passed without contact. A first contact stops the ladder where it is.
 */
export function escalationStepDue(c: DeadlineState, now: Date, deadlines: FirstContactDeadlines, timeZone: string): 0 | 1 | 2 {
  if (c.firstContactAt !== null) return 0;
  const due = firstContactDue(c, deadlines, timeZone).getTime();
  const span = Math.max(due - c.levelSetAt.getTime(), HOUR);
  const t = now.getTime();
  if (t >= due + span) return 2;
  if (t >= due) return 1;
  return 0;
}

/** A severe-mental-disorder risk level at or above 3 needs police liaison and emergency handling. */
export function needsPoliceLiaison(smdRiskLevel: number | null): boolean {
  return smdRiskLevel !== null && smdRiskLevel >= SMD_POLICE_RISK_LEVEL;
}

export function smdEmergencyDue(assessedAt: Date): Date {
  return new Date(assessedAt.getTime() + SMD_EMERGENCY_HOURS * HOUR);
}

/**
 * Key-person grid management: the next check is due by the end of the local day `everyDays` after the
 * last contact (or after management started, before any contact).
 */
export function nextGridContactDue(lastContactOrStart: Date, everyDays: number, timeZone: string): Date {
  return localMidnight(localDate(lastContactOrStart, timeZone), everyDays + 1, timeZone);
}
