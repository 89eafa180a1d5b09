import { AppError, ErrorCode, can } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { sidesOf, toReferralView, type ReferralView } from './referral-access.ts';
import { ReferralRepository } from './referral-repository.ts';

/**
 * A person's referrals and aid requests for the person page: only those the caller is a party to (referral.manage
 * or care_visit.record in the person's region; others' referrals stay undisclosed).
 */
export async function listPersonReferrals(ctx: AppContext, rc: RequestContext, input: { personId: string }): Promise<{ items: ReferralView[] }> {
  const person = await new PersonRepository(ctx.db).find(input.personId);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
  const action = can(rc.actor, 'referral.manage', { regionCode: person.regionCode }) ? 'referral.manage' : 'care_visit.record';
  await authorize(ctx, rc, action, { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  const rows = await new ReferralRepository(ctx.db).ofPerson(person.id);
  return { items: rows.filter((r) => sidesOf(rc, r).length > 0).map((r) => toReferralView(ctx, rc, r)) };
}
