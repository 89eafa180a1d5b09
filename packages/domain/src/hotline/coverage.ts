/**
 * Coverage rules for hotline lines from the 12356 notice (2025): each line serves at least 18 hours a day
 * and has at least 2 seats; and, checked against the roster, at least 2 counselors on duty in every open
 * hour. Every gap is reported, never just "fails": which rule, which day and hours, what is there and
 * what is needed.
 */
export const COVERAGE_RULES = { minHoursPerDay: 18, minSeatsPerLine: 2, minStaffedSeats: 2 } as const;

export interface LineHours {
  /** 'HH:MM' local time. open === close means 24 hours; close < open crosses midnight. */
  open: string;
  close: string;
}

export interface RosterShift {
  /** Local date 'YYYY-MM-DD' the shift starts on. */
  date: string;
  /** 'HH:MM'; end ≤ start means the shift ends the next day. */
  start: string;
  end: string;
}

export type CoverageGap =
  | { rule: 'hours_per_day'; have: number; need: number }
  | { rule: 'seats_per_line'; have: number; need: number }
  | { rule: 'staffed_seats'; date: string; fromHour: number; toHour: number; have: number; need: number };

const minutes = (hhmm: string): number => {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day: ${hhmm}`);
  const v = Number(m[1]) * 60 + Number(m[2]);
  if (v > 1440) throw new RangeError(`not a time of day: ${hhmm}`);
  return v;
};

/** Length of the daily opening in hours. */
export function openHoursPerDay(h: LineHours): number {
  const o = minutes(h.open);
  const c = minutes(h.close);
  if (o === c || (o === 0 && c === 1440)) return 24;
  return ((c - o + 1440) % 1440) / 60;
}

/** Whether the line is open during the whole hour slot [hour, hour+1) of a day. */
export function isOpenDuringHour(h: LineHours, hour: number): boolean {
  if (openHoursPerDay(h) === 24) return true;
  const o = minutes(h.open);
  const c = minutes(h.close);
  const s = hour * 60;
  const e = s + 60;
  if (o < c) return s >= o && e <= c;
  return s >= o || e <= c; // crosses midnight
}

const addDays = (iso: string, n: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Counselors on duty for the whole of each hour slot of `date` (24 numbers). */
export function staffedByHour(shifts: readonly RosterShift[], date: string): number[] {
  const out = new Array<number>(24).fill(0);
  const dayStart = Date.parse(`${date}T00:00:00Z`);
  for (const s of shifts) {
    const start = Date.parse(`${s.date}T00:00:00Z`) + minutes(s.start) * 60_000;
    let end = Date.parse(`${s.date}T00:00:00Z`) + minutes(s.end) * 60_000;
    if (end <= start) end += 86_400_000;
    for (let h = 0; h < 24; h++) {
      const hs = dayStart + h * 3_600_000;
      if (start <= hs && end >= hs + 3_600_000) out[h] = (out[h] ?? 0) + 1;
    }
  }
  return out;
}

/** Checks a line's hours, seats and roster over the given dates, returning each gap. */
export function checkCoverage(
  line: { hours: LineHours; seats: number },
  shifts: readonly RosterShift[],
  dates: readonly string[],
): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  const hours = openHoursPerDay(line.hours);
  if (hours < COVERAGE_RULES.minHoursPerDay) gaps.push({ rule: 'hours_per_day', have: hours, need: COVERAGE_RULES.minHoursPerDay });
  if (line.seats < COVERAGE_RULES.minSeatsPerLine)
    gaps.push({ rule: 'seats_per_line', have: line.seats, need: COVERAGE_RULES.minSeatsPerLine });
  for (const date of dates) {
    // Shifts that started the day before may run into this day.
    const relevant = shifts.filter((s) => s.date === date || s.date === addDays(date, -1));
    const staffed = staffedByHour(relevant, date);
    let run: { fromHour: number; have: number } | null = null;
    const flush = (toHour: number): void => {
      if (run) gaps.push({ rule: 'staffed_seats', date, fromHour: run.fromHour, toHour, have: run.have, need: COVERAGE_RULES.minStaffedSeats });
      run = null;
    };
    for (let h = 0; h < 24; h++) {
      const have = staffed[h] ?? 0;
      const short = isOpenDuringHour(line.hours, h) && have < COVERAGE_RULES.minStaffedSeats;
      if (short && run && run.have === have) continue;
      flush(h);
      if (short) run = { fromHour: h, have };
    }
    flush(24);
  }
  return gaps;
}
