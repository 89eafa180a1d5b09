import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { LineRepository } from './line-repository.ts';
import { auditHotlineChange } from './manage-audit.ts';

export async function removeShift(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, lineId: string, shiftId: string): Promise<void> {
  const line = await new LineRepository(ctx.db).findLine(lineId);
  if (!line) throw new AppError(ErrorCode.NOT_FOUND, 'No such line', { field: 'params.id' });
  await authorize(ctx, rc, 'hotline.manage', { regionCode: line.regionCode, resourceType: 'hotline_line', resourceId: lineId });
  await ctx.db.transaction(async (tx) => {
    if (!(await new LineRepository(tx).deleteShift(lineId, shiftId))) throw new AppError(ErrorCode.NOT_FOUND, 'No such shift', { field: 'params.shiftId' });
    await auditHotlineChange(tx, rc, ctx.clock(), { action: 'hotline.shift_remove', resourceType: 'hotline_shift', resourceId: shiftId, regionCode: line.regionCode });
  });
}
