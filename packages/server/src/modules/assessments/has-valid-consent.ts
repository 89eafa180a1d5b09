import { checkConsent, type ConsentCheck, type ConsentPurpose } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { ConsentRepository } from './consent-repository.ts';

/**
 * Whether the person may be assessed (or reminded, followed up…) for `purpose` at time `on`: a consent
 * for the purpose given by then and not withdrawn by then, from a guardian while the person is under 14.
 * For other modules (the follow-up module stops reminders with it). Unknown person → not valid.
 */
export async function hasValidConsent(q: Queryable, personId: string, purpose: ConsentPurpose, on: Date, timeZone = 'Asia/Shanghai'): Promise<boolean> {
  return (await consentCheck(q, personId, purpose, on, timeZone)).valid;
}

/** hasValidConsent with the reason when not valid ('none', 'withdrawn', 'guardian_required'). */
export async function consentCheck(q: Queryable, personId: string, purpose: ConsentPurpose, on: Date, timeZone: string): Promise<ConsentCheck> {
  const birthDate = (await new PersonRepository(q).find(personId))?.birthDate;
  if (birthDate === undefined) return { valid: false, reason: 'none' };
  const consents = await new ConsentRepository(q).listForPerson(personId, purpose);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(on);
  return checkConsent(consents, purpose, { birthDate }, on, day);
}
