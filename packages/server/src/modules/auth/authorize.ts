import { AppError, ErrorCode, can, canSomewhere, type Action } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';

export interface AuthorizeTarget {
  regionCode: string;
  resourceType?: string;
  resourceId?: string;
}

/**
 * The policy check every use case makes before it acts. A denial is audited (who tried what, where)
 * and reported as FORBIDDEN (the role never may) or OUT_OF_JURISDICTION (not here).
 */
export async function authorize(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  action: Action,
  target: AuthorizeTarget,
): Promise<void> {
  if (can(rc.actor, action, { regionCode: target.regionCode })) return;
  const somewhere = canSomewhere(rc.actor, action);
  await recordAudit(ctx.db, {
    at: ctx.clock(),
    accountId: rc.actor.accountId,
    username: rc.actor.username,
    role: rc.actor.roles.map((r) => r.role).join(',') || null,
    action,
    outcome: 'denied',
    resourceType: target.resourceType ?? null,
    resourceId: target.resourceId ?? null,
    regionCode: target.regionCode,
    clientIp: rc.clientIp,
    reason: somewhere ? 'out_of_jurisdiction' : 'role_not_permitted',
  });
  throw somewhere
    ? new AppError(ErrorCode.OUT_OF_JURISDICTION, 'This is outside your jurisdiction')
    : new AppError(ErrorCode.FORBIDDEN, 'Your role does not permit this');
}
