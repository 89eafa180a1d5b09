import { AppError, ErrorCode, canonicalNationalId, normalizePhoneDigits } from '@anxin/domain';
import type { FieldCipher } from '../../privacy/field-cipher.ts';

/** Additional authenticated data of each encrypted person column (registered in privacy/encrypted-columns.ts). */
export const PERSON_CONTEXT = {
  nationalId: 'persons.national_id',
  phone: 'persons.phone',
  address: 'persons.address',
} as const;

/** Blind index of a national ID: over the canonical 18-character form, so 15-digit and 'x' spellings match. */
export function nationalIdIndex(cipher: FieldCipher, raw: string): string | undefined {
  const id = canonicalNationalId(raw);
  return id === undefined ? undefined : cipher.blindIndex(id, 'person.national_id');
}

/** Blind index of a phone: over its digits without the China country code. */
export function phoneIndex(cipher: FieldCipher, raw: string): string | undefined {
  const digits = normalizePhoneDigits(raw);
  return digits === '' ? undefined : cipher.blindIndex(digits, 'person.phone');
}

/** Today's calendar date in the deployment's time zone, as 'YYYY-MM-DD'. */
export function localIsoDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Blind indexes for an exact look-up by national ID and/or phone, as a search or export filter names
 * them. A value that cannot be an ID or a phone is a 400 on `<fieldPrefix>.nationalId` / `.phone`.
 */
export function identifierFilter(
  cipher: FieldCipher,
  input: { nationalId?: string | undefined; phone?: string | undefined },
  fieldPrefix: 'query' | 'body',
): { nationalIdBidx?: string; phoneBidx?: string } {
  const out: { nationalIdBidx?: string; phoneBidx?: string } = {};
  if (input.nationalId !== undefined) {
    if (canonicalNationalId(input.nationalId) === undefined)
      throw new AppError(ErrorCode.VALIDATION, 'A national ID has 18 characters (or 15 digits)', { field: `${fieldPrefix}.nationalId` });
    const bidx = nationalIdIndex(cipher, input.nationalId);
    if (bidx !== undefined) out.nationalIdBidx = bidx;
  }
  if (input.phone !== undefined) {
    const bidx = phoneIndex(cipher, input.phone);
    if (bidx === undefined) throw new AppError(ErrorCode.VALIDATION, 'A phone number has digits', { field: `${fieldPrefix}.phone` });
    out.phoneBidx = bidx;
  }
  return out;
}
