import { describe, expect, it } from 'vitest';
import { CRISIS_LEVELS, compareLevel, higherLevel, isCrisisLevel } from './crisis-level.ts';

describe('crisis levels', () => {
  it('orders imminent > high > moderate', () => {
    expect(compareLevel('imminent', 'high')).toBeGreaterThan(0);
    expect(compareLevel('high', 'moderate')).toBeGreaterThan(0);
    expect(compareLevel('moderate', 'imminent')).toBeLessThan(0);
    expect(compareLevel('high', 'high')).toBe(0);
  });
  it('never lowers a level', () => {
    for (const a of CRISIS_LEVELS) {
      for (const b of CRISIS_LEVELS) {
        const h = higherLevel(a, b);
        expect(compareLevel(h, a)).toBeGreaterThanOrEqual(0);
        expect(compareLevel(h, b)).toBeGreaterThanOrEqual(0);
        expect([a, b]).toContain(h);
      }
    }
  });
  it('recognises level names', () => {
    expect(isCrisisLevel('high')).toBe(true);
    expect(isCrisisLevel('low')).toBe(false);
  });
});
