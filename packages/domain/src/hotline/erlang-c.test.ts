import { describe, expect, it } from 'vitest';
import { averageSpeedOfAnswer, erlangB, erlangC, seatsNeeded, serviceLevel, trafficErlangs } from './erlang-c.ts';

describe('Erlang B against the published blocking table', () => {
  // Standard Erlang B table (e.g. ITU-T E.520 / any traffic-engineering table): capacity at 1 % blocking.
  it.each([
    [1, 0.0101],
    [5, 1.361],
    [10, 4.461],
    [20, 12.031],
  ])('%i circuits carry the tabulated traffic at 1 %% blocking', (n, a) => {
    expect(erlangB(n, a)).toBeCloseTo(0.01, 4);
  });
  it('has the hand-computed values for tiny systems', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12); // (1/2) / (1 + 1 + 1/2)
  });
});

describe('Erlang C', () => {
  it('matches the hand-computed M/M/2 value', () => {
    // A = 1, N = 2: (1/2 · 2/1) / (1 + 1 + 1) = 1/3
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });
  it('matches the textbook call-centre example: 100 calls per half hour, 3 min AHT, 11 agents', () => {
    // A = 10 erlangs; published: probability of waiting 68.21 %, service level 39 % in 20 s
    // (1 − 0.6821·e^(−20/180) = 0.3896), ASA 122.8 s (Call Centre Helper's worked Erlang C example).
    const input = { callsPerHour: 200, ahtSeconds: 180, seats: 11 };
    expect(trafficErlangs(200, 180)).toBe(10);
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(serviceLevel(input, 20)).toBeCloseTo(0.3896, 3);
    expect(averageSpeedOfAnswer(input)).toBeCloseTo(122.8, 1);
  });
  it('needs 14 agents for 80/20 in that example (13 give 79.6 %, 14 give 88.6 %)', () => {
    expect(serviceLevel({ callsPerHour: 200, ahtSeconds: 180, seats: 13 }, 20)).toBeCloseTo(0.7956, 3);
    expect(serviceLevel({ callsPerHour: 200, ahtSeconds: 180, seats: 14 }, 20)).toBeGreaterThan(0.88);
    expect(seatsNeeded(200, 180)).toBe(14);
  });
  it('is 1 when the seats cannot carry the traffic and 0 with no traffic', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
    expect(averageSpeedOfAnswer({ callsPerHour: 100, ahtSeconds: 360, seats: 10 })).toBe(Number.POSITIVE_INFINITY);
    expect(seatsNeeded(0, 300)).toBe(0);
  });
  it('stays finite for large systems where factorials overflow', () => {
    const p = erlangC(400, 380);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(seatsNeeded(50_000, 300)).toBeGreaterThan(4167);
  });
  it('more seats never lower the service level', () => {
    let prev = 0;
    for (let n = 5; n < 30; n++) {
      const sl = serviceLevel({ callsPerHour: 60, ahtSeconds: 480, seats: n }, 20);
      expect(sl).toBeGreaterThanOrEqual(prev);
      prev = sl;
    }
  });
  it('rejects nonsense', () => {
    expect(() => erlangC(-1, 2)).toThrow(RangeError);
    expect(() => erlangC(2.5, 2)).toThrow(RangeError);
    expect(() => seatsNeeded(10, 100, { level: 1.2, withinSeconds: 20 })).toThrow(RangeError);
  });
});
