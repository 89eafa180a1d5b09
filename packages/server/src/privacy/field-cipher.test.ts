import { describe, expect, it } from 'vitest';
import { FieldCipher } from './field-cipher.ts';
import { memoryKeyRing } from './key-store.ts';

describe('FieldCipher', () => {
  const cipher = new FieldCipher(memoryKeyRing());

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('420102198001011234', 'persons.national_id');
    const b = cipher.encrypt('420102198001011234', 'persons.national_id');
    expect(a).not.toBe(b);
    expect(a).not.toContain('4201021980');
    expect(cipher.decrypt(a, 'persons.national_id')).toBe('420102198001011234');
    expect(cipher.keyIdOf(a)).toBe('k1');
  });

  it('never reuses an IV, across refills of its IV pool', () => {
    const c = new FieldCipher(memoryKeyRing());
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const stored = c.encrypt(`1380000${String(i).padStart(4, '0')}`, 'persons.phone');
      ivs.add(stored.split('.')[1] ?? '');
      if (i % 2_500 === 0) expect(c.decrypt(stored, 'persons.phone')).toBe(`1380000${String(i).padStart(4, '0')}`);
    }
    expect(ivs.size).toBe(10_000);
  });

  it('refuses a ciphertext moved to another column or tampered with', () => {
    const a = cipher.encrypt('13812345678', 'persons.phone');
    expect(() => cipher.decrypt(a, 'persons.address')).toThrow();
    const parts = a.split('.');
    const body = Buffer.from(parts[2] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => cipher.decrypt(`${parts[0]}.${parts[1]}.${body.toString('base64url')}`, 'persons.phone')).toThrow();
  });

  it('reads values written under an older key after rotation', () => {
    const old = memoryKeyRing(1);
    const stored = new FieldCipher(old).encrypt('湖北省武汉市', 'persons.address');
    const rotated = {
      activeKeyId: 'k2',
      keys: new Map([...old.keys, ['k2', Buffer.alloc(32, 9)]]),
      indexKey: old.indexKey,
    };
    const c2 = new FieldCipher(rotated);
    expect(c2.decrypt(stored, 'persons.address')).toBe('湖北省武汉市');
    expect(c2.keyIdOf(c2.encrypt('x', 'persons.address'))).toBe('k2');
  });

  it('gives stable, purpose-separated blind indexes', () => {
    expect(cipher.blindIndex('13812345678', 'phone')).toBe(cipher.blindIndex('13812345678', 'phone'));
    expect(cipher.blindIndex('13812345678', 'phone')).not.toBe(cipher.blindIndex('13812345678', 'national_id'));
    expect(new FieldCipher(memoryKeyRing(2)).blindIndex('13812345678', 'phone')).not.toBe(
      cipher.blindIndex('13812345678', 'phone'),
    );
  });
});
