import { describe, expect, it } from 'vitest';
import { isValidChinaPhone, normalizePhoneDigits } from './phone.ts';

describe('China phone numbers', () => {
  it.each([
    '13812345678',
    '19912345678',
    '+8613812345678',
    '+86 138 1234 5678',
    '8613812345678',
    '008613812345678',
    '138-1234-5678',
    '１３８１２３４５６７８',
    '010-12345678',
    '0571-8765432',
    '02112345678',
  ])('accepts %s', (p) => {
    expect(isValidChinaPhone(p)).toBe(true);
  });

  it.each([
    '12812345678', // 12x is not a mobile prefix
    '1381234567',
    '138123456789',
    '12345678', // landline without area code
    '010-123456',
    '0012345678',
    '+1 415 555 0100',
    '138a2345678',
    '',
  ])('rejects %j', (p) => {
    expect(isValidChinaPhone(p)).toBe(false);
  });

  it('normalises to bare digits without the country code', () => {
    expect(normalizePhoneDigits('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhoneDigits('008613812345678')).toBe('13812345678');
    expect(normalizePhoneDigits('１３８ １２３４ ５６７８')).toBe('13812345678');
    expect(normalizePhoneDigits('010-12345678')).toBe('01012345678');
    // 86 at the start of a short number is part of the number, not a country code.
    expect(normalizePhoneDigits('86123456')).toBe('86123456');
  });
});
