import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateCandidateKeys, isSamePersonById, normalizePersonName } from './duplicate-candidates.ts';

describe('normalizePersonName', () => {
  it.each([
    [' 张 三 ', '张三'],
    ['张\u3000三', '张三'],
    ['Ｊｏｈｎ Ｓｍｉｔｈ', 'johnsmith'],
    ['买买提・艾力', '买买提·艾力'],
    ['买买提•艾力', '买买提·艾力'],
    ['买买提 · 艾力', '买买提·艾力'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizePersonName(raw)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(normalizePersonName(normalizePersonName(s))).toBe(normalizePersonName(s));
      }),
    );
  });
});

describe('duplicateCandidateKeys', () => {
  it('makes a key for each pair of present fields', () => {
    expect(duplicateCandidateKeys({ name: '张三', birthDate: '1980-03-04', phone: '+86 138-1234-5678' })).toEqual([
      'nb:张三|1980-03-04',
      'np:张三|13812345678',
      'bp:1980-03-04|13812345678',
    ]);
    expect(duplicateCandidateKeys({ name: '张三', birthDate: '1980-03-04' })).toEqual(['nb:张三|1980-03-04']);
    expect(duplicateCandidateKeys({ name: '张三', phone: '13812345678' })).toEqual(['np:张三|13812345678']);
    expect(duplicateCandidateKeys({ name: '张三' })).toEqual([]);
    expect(duplicateCandidateKeys({ name: ' ', birthDate: '1980-03-04', phone: '' })).toEqual([]);
  });

  it('gives the same keys to the same person written differently', () => {
    const a = duplicateCandidateKeys({ name: '张 三', birthDate: '1980-03-04', phone: '0086 13812345678' });
    const b = duplicateCandidateKeys({ name: '张三', birthDate: '1980-03-04', phone: '１３８１２３４５６７８' });
    expect(a).toEqual(b);
  });

  it('still shares a key when exactly one field has a typo', () => {
    const base = { name: '张三', birthDate: '1980-03-04', phone: '13812345678' };
    const typos = [
      { ...base, name: '张山' },
      { ...base, birthDate: '1980-04-03' },
      { ...base, phone: '13812345679' },
    ];
    const baseKeys = new Set(duplicateCandidateKeys(base));
    for (const t of typos) expect(duplicateCandidateKeys(t).filter((k) => baseKeys.has(k))).toHaveLength(1);
    // Two fields wrong: no longer a candidate.
    expect(duplicateCandidateKeys({ ...base, name: '张山', phone: '13812345679' }).some((k) => baseKeys.has(k))).toBe(false);
  });

  it('keeps keys of different kinds apart', () => {
    // A name that looks like a date must not collide with a birth-date key.
    const odd = duplicateCandidateKeys({ name: '1980-03-04', phone: '13812345678' });
    const real = duplicateCandidateKeys({ name: 'x', birthDate: '1980-03-04', phone: '13812345678' });
    expect(odd.filter((k) => real.includes(k))).toEqual([]);
  });
});

describe('isSamePersonById', () => {
  it('matches after normalisation, including 15 → 18 digits', () => {
    expect(isSamePersonById('11010519491231002X', '11010519491231002x')).toBe(true);
    expect(isSamePersonById(' 11010519491231002X', '１１０１０５１９４９１２３１００２Ｘ')).toBe(true);
    expect(isSamePersonById('110105491231002', '11010519491231002X')).toBe(true);
    expect(isSamePersonById('130503670401001', '130503196704010016')).toBe(true);
  });

  it('does not match different, missing or malformed IDs', () => {
    expect(isSamePersonById('11010519491231002X', '130503196704010016')).toBe(false);
    expect(isSamePersonById(undefined, undefined)).toBe(false);
    expect(isSamePersonById('11010519491231002X', undefined)).toBe(false);
    expect(isSamePersonById('', '')).toBe(false);
    expect(isSamePersonById('abc', 'abc')).toBe(false);
    // The 15-digit form converts with a computed check character, so a wrong 18-digit one does not match it.
    expect(isSamePersonById('110105491231002', '110105194912310021')).toBe(false);
  });
});
