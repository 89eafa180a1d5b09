import type { Queryable } from '../../db/database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { roleList } from './hotline-crypto.ts';

/** Audit row for a change to the hotline's set-up (ids and codes only). */
export async function auditHotlineChange(
  tx: Queryable,
  rc: RequestContext,
  at: Date,
  e: { action: string; resourceType: string; resourceId: string; regionCode: string; details?: Record<string, unknown> },
): Promise<void> {
  await appendAudit(tx, {
    at,
    accountId: rc.actor.accountId,
    username: rc.actor.username,
    role: roleList(rc.actor.roles),
    action: e.action,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    regionCode: e.regionCode,
    clientIp: rc.clientIp,
    details: e.details ?? null,
  });
}
