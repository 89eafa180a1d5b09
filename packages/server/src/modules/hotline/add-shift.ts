import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { LineRepository } from './line-repository.ts';
import { auditHotlineChange } from './manage-audit.ts';

const MAX_SHIFT_MS = 24 * 3600_000;

/** Puts a counselor of the line on the roster. A person cannot be on two shifts at once. */
export async function addShift(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  lineId: string,
  input: { accountId: string; startsAt: string; endsAt: string; supervisor: boolean },
): Promise<{ id: string }> {
  const repo = new LineRepository(ctx.db);
  const line = await repo.findLine(lineId);
  if (!line) throw new AppError(ErrorCode.NOT_FOUND, 'No such line', { field: 'params.id' });
  await authorize(ctx, rc, 'hotline.manage', { regionCode: line.regionCode, resourceType: 'hotline_line', resourceId: lineId });
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (!(endsAt > startsAt)) throw new AppError(ErrorCode.VALIDATION, 'A shift ends after it starts', { field: 'body.endsAt' });
  if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_MS) throw new AppError(ErrorCode.VALIDATION, 'A shift lasts at most 24 hours', { field: 'body.endsAt' });
  const counselor = await repo.findCounselor(input.accountId);
  if (counselor?.lineId !== lineId) throw new AppError(ErrorCode.VALIDATION, 'This account is not a counselor of the line', { field: 'body.accountId' });
  return ctx.db.transaction(async (tx) => {
    const lines = new LineRepository(tx);
    if (await lines.overlappingShiftOf(input.accountId, startsAt, endsAt)) {
      throw new AppError(ErrorCode.CONFLICT, 'This counselor already has a shift at that time', { field: 'body.startsAt' });
    }
    const id = await lines.insertShift({ lineId, accountId: input.accountId, startsAt, endsAt, supervisor: input.supervisor });
    await auditHotlineChange(tx, rc, ctx.clock(), { action: 'hotline.shift_add', resourceType: 'hotline_shift', resourceId: id, regionCode: line.regionCode });
    return { id };
  });
}
