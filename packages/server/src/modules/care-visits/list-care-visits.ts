import { AppError, ErrorCode, jurisdictionPrefixes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { ReferralRepository } from '../referrals/referral-repository.ts';
import { CareVisitRepository } from './care-visit-repository.ts';
import { toCareVisitView, type CareVisitView } from './care-visit-view.ts';

/** A person's care visits with the status and outcome of their aid requests (care_visit.record there). */
export async function listPersonCareVisits(ctx: AppContext, rc: RequestContext, input: { personId: string }): Promise<{ items: CareVisitView[] }> {
  const person = await new PersonRepository(ctx.db).find(input.personId);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
  await authorize(ctx, rc, 'care_visit.record', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  const visits = await new CareVisitRepository(ctx.db).ofPerson(person.id);
  const aid = await new ReferralRepository(ctx.db).ofCareVisits(visits.map((v) => v.id));
  return { items: visits.map((v) => toCareVisitView(ctx, rc, v, aid)) };
}

/** Recent care visits within the caller's jurisdiction; `mine` → the caller's own. */
export async function listCareVisits(ctx: AppContext, rc: RequestContext, q: { mine?: boolean | undefined; limit: number }): Promise<{ items: CareVisitView[] }> {
  const prefixes = jurisdictionPrefixes(rc.actor, 'care_visit.record');
  if (prefixes.length === 0) throw new AppError(ErrorCode.FORBIDDEN, 'Your role does not permit this');
  const visits = await new CareVisitRepository(ctx.db).listWithin({ prefixes, visitorId: q.mine === true ? rc.actor.accountId : undefined, limit: q.limit });
  const aid = await new ReferralRepository(ctx.db).ofCareVisits(visits.map((v) => v.id));
  return { items: visits.map((v) => toCareVisitView(ctx, rc, v, aid)) };
}
