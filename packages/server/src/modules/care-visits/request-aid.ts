import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CareVisitRepository } from './care-visit-repository.ts';
import { writeAidRequests, type AidRequestInput } from './record-care-visit.ts';

/** Raises an aid request from an earlier care visit (for a need found on it). */
export async function requestAid(ctx: AppContext, rc: RequestContext, input: { careVisitId: string } & AidRequestInput): Promise<{ id: string }> {
  const visit = await new CareVisitRepository(ctx.db).find(input.careVisitId);
  if (!visit) throw new AppError(ErrorCode.NOT_FOUND, 'Care visit not found');
  await authorize(ctx, rc, 'care_visit.record', { regionCode: visit.regionCode, resourceType: 'care_visit', resourceId: visit.id });
  const now = ctx.clock();
  const { careVisitId: _visit, ...request } = input;
  const [id] = await ctx.db.transaction((tx) => writeAidRequests(tx, ctx, rc, visit, [request], (_i, name) => `body.${name}`, now));
  if (id === undefined) throw new Error('no aid request written');
  return { id };
}
