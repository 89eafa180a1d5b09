/**
 * Masking for roles that may see that a value exists but not the value itself.
 * Formats follow common Chinese practice: 420***********1234, 138****5678.
 */
export function maskNationalId(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length <= 7) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\s|-/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** Keeps the first character of a Chinese or Latin name: 张** / J***. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Keeps the administrative part of an address (up to the first street/road number), hides the rest. */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const chars = [...address];
  const keep = Math.min(6, Math.ceil(chars.length / 3));
  return chars.slice(0, keep).join('') + '****';
}
