/**
 * Staffing planner: forecast calls per hour of week from past weeks, seats needed per hour via Erlang C,
 * and the gap against the roster. Hour of week: 0 = Monday 00:00–01:00 local time … 167 = Sunday 23:00.
 */
import { seatsNeeded } from './erlang-c.ts';

export const HOURS_PER_WEEK = 168;

/**
 * Forecast per hour of week: the mean over the past weeks given (each an array of 168 counts), weighting
 * recent weeks more (weights 1, 2, …, n from oldest to newest) so a rising trend shows sooner.
 */
export function forecastByHourOfWeek(pastWeeks: readonly (readonly number[])[]): number[] {
  const out = new Array<number>(HOURS_PER_WEEK).fill(0);
  if (pastWeeks.length === 0) return out;
  let weightSum = 0;
  pastWeeks.forEach((week, i) => {
    if (week.length !== HOURS_PER_WEEK) throw new RangeError(`week ${i} has ${week.length} hours, not 168`);
    const w = i + 1;
    weightSum += w;
    week.forEach((count, h) => {
      out[h] = (out[h] ?? 0) + w * count;
    });
  });
  return out.map((v) => v / weightSum);
}

export interface PlanRow {
  hourOfWeek: number;
  forecastCalls: number;
  seatsNeeded: number;
  rostered: number;
  /** rostered − needed: negative is a shortfall. */
  gap: number;
}

export function staffingPlan(input: {
  forecast: readonly number[];
  rostered: readonly number[];
  ahtSeconds: number;
  target?: { level: number; withinSeconds: number };
  /** Seats required in an open hour whatever the traffic (the 2-seat rule); hours of week the line is open. */
  minimumSeats?: number;
  open?: readonly boolean[];
}): PlanRow[] {
  return input.forecast.map((calls, h) => {
    const erlang = seatsNeeded(calls, input.ahtSeconds, input.target);
    const floor = input.open?.[h] ? (input.minimumSeats ?? 0) : 0;
    const needed = Math.max(erlang, floor);
    const rostered = input.rostered[h] ?? 0;
    return { hourOfWeek: h, forecastCalls: Math.round(calls * 10) / 10, seatsNeeded: needed, rostered, gap: rostered - needed };
  });
}
