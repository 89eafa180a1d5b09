import { describe, expect, it } from 'vitest';
import {
  COUNTRY_CODE,
  ancestorCodes,
  countyOf,
  gridCode,
  isRegionCode,
  isWithinRegion,
  parentCode,
  regionLevel,
  regionPrefix,
} from './region-code.ts';

const HUBEI = '420000000000';
const WUHAN = '420100000000';
const JIANGAN = '420102000000';
const STREET = '420102001000';
const COMMUNITY = '420102001001';

describe('region codes', () => {
  it.each([
    [COUNTRY_CODE, 'country', ''],
    [HUBEI, 'province', '42'],
    [WUHAN, 'city', '4201'],
    [JIANGAN, 'county', '420102'],
    [STREET, 'street', '420102001'],
    [COMMUNITY, 'community', '420102001001'],
    ['420102001001002', 'grid', '420102001001002'],
  ])('%s is a %s with prefix %s', (code, level, prefix) => {
    expect(regionLevel(code)).toBe(level);
    expect(regionPrefix(code)).toBe(prefix);
  });

  it('rejects malformed codes', () => {
    expect(isRegionCode('42010')).toBe(false);
    expect(isRegionCode('4201020010a1')).toBe(false);
    expect(() => regionLevel('abc')).toThrow();
  });

  it('tests containment by prefix', () => {
    expect(isWithinRegion(COMMUNITY, WUHAN)).toBe(true);
    expect(isWithinRegion(COMMUNITY, COMMUNITY)).toBe(true);
    expect(isWithinRegion(COMMUNITY, COUNTRY_CODE)).toBe(true);
    expect(isWithinRegion(WUHAN, COMMUNITY)).toBe(false);
    expect(isWithinRegion('420103000000', JIANGAN)).toBe(false);
    // 4201 must not contain 4210 even though both start with 42.
    expect(isWithinRegion('421000000000', WUHAN)).toBe(false);
  });

  it('lists ancestors from the country down', () => {
    expect(ancestorCodes(COMMUNITY)).toEqual([COUNTRY_CODE, HUBEI, WUHAN, JIANGAN, STREET]);
    expect(ancestorCodes(HUBEI)).toEqual([COUNTRY_CODE]);
    expect(parentCode(COMMUNITY)).toBe(STREET);
    expect(parentCode(COUNTRY_CODE)).toBeUndefined();
  });

  it('builds grid codes below communities only', () => {
    expect(gridCode(COMMUNITY, 7)).toBe('420102001001007');
    expect(() => gridCode(STREET, 1)).toThrow();
    expect(() => gridCode(COMMUNITY, 0)).toThrow();
    expect(ancestorCodes('420102001001007').at(-1)).toBe(COMMUNITY);
  });

  it('finds the county', () => {
    expect(countyOf(COMMUNITY)).toBe(JIANGAN);
    expect(countyOf(WUHAN)).toBeUndefined();
  });
});
