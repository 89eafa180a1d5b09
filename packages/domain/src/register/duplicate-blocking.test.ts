import { describe, expect, it } from 'vitest';
import { duplicateBlockingKeys, isReviewableDuplicatePair, orderedPair, sharedBlockingKeys, storedBlockingKeys } from './duplicate-blocking.ts';

describe('duplicateBlockingKeys', () => {
  it('makes name+birth, name+phone and birth+phone keys when both parts are present', () => {
    expect(duplicateBlockingKeys({ name: '张三', birthDate: '1980-05-17', phoneToken: 'tok' })).toEqual([
      'nb:张三|1980-05-17',
      'np:张三|tok',
      'bp:1980-05-17|tok',
    ]);
  });

  it('keeps the first 11 characters of the phone token', () => {
    const token = 'lBfw0ppnM45fMkAsNdBDCWtepfH6sn75TqvQ_8SeTJg';
    expect(duplicateBlockingKeys({ name: '张三', birthDate: '1980-05-17', phoneToken: token })).toEqual([
      'nb:张三|1980-05-17',
      'np:张三|lBfw0ppnM45',
      'bp:1980-05-17|lBfw0ppnM45',
    ]);
  });

  it('normalizes the name so spacing, full-width letters and interpuncts meet', () => {
    const a = duplicateBlockingKeys({ name: '买买提 · 艾力', birthDate: '1990-01-01' });
    const b = duplicateBlockingKeys({ name: '买买提•艾力', birthDate: '1990-01-01' });
    expect(a).toEqual(b);
    expect(duplicateBlockingKeys({ name: 'ＡＢ', birthDate: '1990-01-01' })).toEqual(['nb:ab|1990-01-01']);
  });

  it('makes no key from one part alone', () => {
    expect(duplicateBlockingKeys({ name: '李四' })).toEqual([]);
    expect(duplicateBlockingKeys({ name: '李四', birthDate: null, phoneToken: '' })).toEqual([]);
    expect(duplicateBlockingKeys({ name: ' ', birthDate: '1990-01-01' })).toEqual([]);
  });
});

describe('storedBlockingKeys', () => {
  const input = { name: '张 三', birthDate: '1980-01-02', phoneToken: 'abcdefghijklmnopqrstuvwxyz' };
  it('keeps every key of a record without a national ID in the key table', () => {
    expect(storedBlockingKeys({ ...input, hasNationalId: false, mergedInto: null })).toEqual({ table: duplicateBlockingKeys(input), nameBirthKey: null });
  });
  it('keeps only the name + birth date key, on the record itself, for a record with an ID', () => {
    expect(storedBlockingKeys({ ...input, hasNationalId: true, mergedInto: null })).toEqual({ table: [], nameBirthKey: 'nb:张三|1980-01-02' });
    expect(storedBlockingKeys({ name: '张三', phoneToken: 'abc', hasNationalId: true, mergedInto: null })).toEqual({ table: [], nameBirthKey: null });
  });
  it('keeps nothing for a merged-away record', () => {
    expect(storedBlockingKeys({ ...input, hasNationalId: false, mergedInto: 'x' })).toEqual({ table: [], nameBirthKey: null });
    expect(storedBlockingKeys({ ...input, hasNationalId: true, mergedInto: 'x' })).toEqual({ table: [], nameBirthKey: null });
  });
});

describe('sharedBlockingKeys', () => {
  it('lists the keys both records make, sorted', () => {
    const a = { name: '李四', birthDate: '1990-05-06', phoneToken: 'tokenAAAAAAAAxx' };
    expect(sharedBlockingKeys(a, { name: '李 四', birthDate: '1990-05-06', phoneToken: 'other' })).toEqual(['nb:李四|1990-05-06']);
    expect(sharedBlockingKeys(a, { name: '王五', birthDate: '1990-05-06', phoneToken: 'tokenAAAAAAAAyy' })).toEqual(['bp:1990-05-06|tokenAAAAAA']);
    expect(sharedBlockingKeys(a, { ...a })).toEqual(['bp:1990-05-06|tokenAAAAAA', 'nb:李四|1990-05-06', 'np:李四|tokenAAAAAA']);
    expect(sharedBlockingKeys(a, { name: '王五', birthDate: '1991-01-01' })).toEqual([]);
  });
});

describe('isReviewableDuplicatePair', () => {
  const p = (id: string, hasNationalId: boolean, mergedInto: string | null = null) => ({ id, hasNationalId, mergedInto });
  it('queues a pair when at least one record has no national ID', () => {
    expect(isReviewableDuplicatePair(p('a', false), p('b', false))).toBe(true);
    expect(isReviewableDuplicatePair(p('a', true), p('b', false))).toBe(true);
  });
  it('never queues two records that both carry a national ID, a record with itself, or a merged record', () => {
    expect(isReviewableDuplicatePair(p('a', true), p('b', true))).toBe(false);
    expect(isReviewableDuplicatePair(p('a', false), p('a', false))).toBe(false);
    expect(isReviewableDuplicatePair(p('a', false, 'c'), p('b', false))).toBe(false);
  });
  it('orders a pair by id', () => {
    expect(orderedPair('b', 'a')).toEqual(['a', 'b']);
    expect(orderedPair('a', 'b')).toEqual(['a', 'b']);
  });
});
