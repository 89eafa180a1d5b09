import { describe, expect, it } from 'vitest';
import { isSex, parseSexText } from './sex.ts';

describe('sex', () => {
  it.each([
    ['男', 'male'],
    ['女', 'female'],
    ['M', 'male'],
    ['f', 'female'],
    [' Female ', 'female'],
    ['MALE', 'male'],
  ])('reads %j as %s', (text, sex) => {
    expect(parseSexText(text)).toBe(sex);
  });

  it.each(['', '未知', 'x', 'man', '男性'])('does not guess at %j', (text) => {
    expect(parseSexText(text)).toBeUndefined();
  });

  it('guards the type', () => {
    expect(isSex('male')).toBe(true);
    expect(isSex('M')).toBe(false);
    expect(isSex(undefined)).toBe(false);
  });
});
