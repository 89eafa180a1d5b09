import { AppError, ErrorCode, jurisdictionPrefixes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { auditCrisis } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';

/** Adds an on-call shift for the crisis team in a region (crisis.manage there). */
export async function addOnCallShift(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  input: { regionCode: string; accountId: string; startsAt: Date; endsAt: Date },
): Promise<{ id: string }> {
  await authorize(ctx, rc, 'crisis.manage', { regionCode: input.regionCode, resourceType: 'region', resourceId: input.regionCode });
  if (input.endsAt.getTime() <= input.startsAt.getTime()) throw new AppError(ErrorCode.VALIDATION, 'A shift ends after it starts', { field: 'body.endsAt' });
  if (input.endsAt.getTime() - input.startsAt.getTime() > 7 * 24 * 3600_000) throw new AppError(ErrorCode.VALIDATION, 'A shift lasts at most 7 days', { field: 'body.endsAt' });
  const repo = new CrisisRepository(ctx.db);
  if (!(await repo.regionExists(input.regionCode))) throw new AppError(ErrorCode.VALIDATION, 'Unknown region', { field: 'body.regionCode' });
  if (!(await repo.accountExists(input.accountId))) throw new AppError(ErrorCode.VALIDATION, 'Unknown account', { field: 'body.accountId' });
  return ctx.db.transaction(async (tx) => {
    const id = await new CrisisRepository(tx).insertOnCall({ ...input, createdBy: rc.actor.accountId });
    await auditCrisis(tx, ctx, rc, 'crisis.on_call_added', { id, regionCode: input.regionCode }, { accountId: input.accountId });
    return { id };
  });
}

/** Current and future shifts within the caller's crisis.read jurisdiction. */
export async function listOnCall(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext) {
  const prefixes = jurisdictionPrefixes(rc.actor, 'crisis.read');
  if (prefixes.length === 0) await authorize(ctx, rc, 'crisis.read', { regionCode: '000000000000' });
  const items = await new CrisisRepository(ctx.db).listOnCall(prefixes, ctx.clock());
  return { items: items.map((o) => ({ ...o, startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })) };
}
