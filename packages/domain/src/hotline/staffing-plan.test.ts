import { describe, expect, it } from 'vitest';
import { forecastByHourOfWeek, staffingPlan } from './staffing-plan.ts';

const week = (f: (h: number) => number): number[] => Array.from({ length: 168 }, (_, h) => f(h));

describe('staffing planner', () => {
  it('forecasts a weighted mean per hour of week, recent weeks counting more', () => {
    const f = forecastByHourOfWeek([week(() => 10), week(() => 20)]);
    expect(f).toHaveLength(168);
    expect(f[0]).toBeCloseTo((10 * 1 + 20 * 2) / 3, 12);
    expect(forecastByHourOfWeek([])).toEqual(new Array(168).fill(0));
    expect(() => forecastByHourOfWeek([[1, 2, 3]])).toThrow(RangeError);
  });
  it('puts Erlang C seats needed next to the roster with the gap', () => {
    const forecast = week((h) => (h === 9 ? 200 : 0));
    const rostered = week(() => 2);
    const open = Array.from({ length: 168 }, (_, h) => h % 24 >= 8);
    const plan = staffingPlan({ forecast, rostered, ahtSeconds: 180, minimumSeats: 2, open });
    expect(plan[9]).toEqual({ hourOfWeek: 9, forecastCalls: 200, seatsNeeded: 14, rostered: 2, gap: -12 });
    expect(plan[10]).toMatchObject({ seatsNeeded: 2, gap: 0 }); // open, no calls: the 2-seat floor
    expect(plan[3]).toMatchObject({ seatsNeeded: 0, gap: 2 }); // closed and quiet
  });
});
