import { maskAddress, maskName, maskNationalId, maskPhone } from '@anxin/domain';
import type { FieldCipher } from '../../privacy/field-cipher.ts';
import { PERSON_CONTEXT } from './person-crypto.ts';
import type { CategoryRecord, PersonRecord } from './person-repository.ts';

export interface PersonCategoryView {
  category: string;
  subtype: string | null;
  source: string;
  validFrom: string;
  validTo: string | null;
}

/** A person as a caller sees it: identifiers decrypted, and masked unless `full`. */
export interface PersonView {
  id: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  nationalId: string | null;
  phone: string | null;
  address: string | null;
  regionCode: string;
  verificationStatus: string;
  deceasedDate: string | null;
  mergedInto: string | null;
  categories: PersonCategoryView[];
  /** True when identifiers are shown in full (the caller may `person.read_full` here). */
  full: boolean;
}

const open = (cipher: FieldCipher, value: string | null, context: string): string | null =>
  value === null ? null : cipher.decrypt(value, context);

export function toPersonView(cipher: FieldCipher, p: PersonRecord, categories: CategoryRecord[], full: boolean): PersonView {
  const nationalId = open(cipher, p.nationalIdEnc, PERSON_CONTEXT.nationalId);
  const phone = open(cipher, p.phoneEnc, PERSON_CONTEXT.phone);
  const address = open(cipher, p.addressEnc, PERSON_CONTEXT.address);
  return {
    id: p.id,
    name: full ? p.name : (maskName(p.name) ?? ''),
    sex: p.sex,
    birthDate: p.birthDate,
    nationalId: full ? nationalId : maskNationalId(nationalId),
    phone: full ? phone : maskPhone(phone),
    address: full ? address : maskAddress(address),
    regionCode: p.regionCode,
    verificationStatus: p.verificationStatus,
    deceasedDate: p.deceasedOn,
    mergedInto: p.mergedInto,
    categories: categories
      .filter((c) => c.personId === p.id)
      .map((c) => ({ category: c.category, subtype: c.subtype, source: c.source, validFrom: c.validFrom, validTo: c.validTo })),
    full,
  };
}
