import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { AlertRepository } from './alert-repository.ts';
import { auditHotlineChange } from './manage-audit.ts';

/** The configured authority acknowledges an emerging-problem alert (once; audited). */
export async function acknowledgeAlert(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, id: string): Promise<{ acknowledgedAt: string }> {
  const alert = await new AlertRepository(ctx.db).find(id);
  if (!alert) throw new AppError(ErrorCode.NOT_FOUND, 'No such alert', { field: 'params.id' });
  await authorize(ctx, rc, 'alert.acknowledge', { regionCode: alert.regionCode, resourceType: 'hotline_alert', resourceId: id });
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    if (!(await new AlertRepository(tx).acknowledge(id, rc.actor.accountId, now))) {
      throw new AppError(ErrorCode.INVALID_STATE, 'This alert is already acknowledged');
    }
    await auditHotlineChange(tx, rc, now, { action: 'alert.acknowledge', resourceType: 'hotline_alert', resourceId: id, regionCode: alert.regionCode, details: { category: alert.category } });
  });
  return { acknowledgedAt: now.toISOString() };
}
