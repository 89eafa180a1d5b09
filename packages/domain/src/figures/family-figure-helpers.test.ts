import { describe, expect, it } from 'vitest';
import { heldRegion, nextDay, shanghaiDay } from './family-figure-helpers.ts';
import { rollupContributions } from './figure-rollup.ts';

describe('service-family helpers', () => {
  it('rolls a record held above a community up under a reserved code, so it counts in its region and above only', () => {
    expect(heldRegion('420102101003')).toBe('420102101003');
    expect(heldRegion('420102101003007')).toBe('420102101003'); // a grid: its community
    expect(heldRegion('420102101000')).toBe('420102101999');
    expect(heldRegion('420102000000')).toBe('420102999999');
    expect(heldRegion('420100000000')).toBe('420199999999');
    expect(heldRegion('420000000000')).toBe('429999999999');
    const levels = rollupContributions([{ figures: ['x'], regionCode: heldRegion('420100000000'), day: '2026-03-01' }]);
    expect([...levels.keys()].filter((k) => !k.includes('99'))).toEqual(['x|420000000000|2026-03-01', 'x|420100000000|2026-03-01']);
  });

  it('knows the next calendar day and the Shanghai day of an instant', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(shanghaiDay(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(shanghaiDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });
});
