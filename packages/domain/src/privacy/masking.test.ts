import { describe, expect, it } from 'vitest';
import { maskAddress, maskName, maskNationalId, maskPhone } from './masking.ts';

describe('masking', () => {
  it('masks an 18-digit national ID', () => {
    expect(maskNationalId('420102198001011234')).toBe('420***********1234');
  });
  it('masks a 15-digit national ID', () => {
    expect(maskNationalId('420102800101123')).toBe('420********1123');
  });
  it('masks a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
  });
  it('masks short values completely', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskNationalId('123')).toBe('***');
  });
  it('passes empty values through as null', () => {
    expect(maskPhone('')).toBeNull();
    expect(maskNationalId(null)).toBeNull();
    expect(maskName(undefined)).toBeNull();
    expect(maskAddress('')).toBeNull();
  });
  it('masks names by character, not by UTF-16 unit', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });
  it('keeps only the start of an address', () => {
    const masked = maskAddress('湖北省武汉市江岸区大智街道123号4单元501');
    expect(masked).toBe('湖北省武汉市****');
    expect(masked).not.toContain('501');
  });
});
