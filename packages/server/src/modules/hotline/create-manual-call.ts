import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CallRepository } from './call-repository.ts';
import { callerIndex, roleList } from './hotline-crypto.ts';
import { LineRepository } from './line-repository.ts';

/** Manual mode: a counselor opens a call record without telephony (the call is taken now). */
export async function createManualCall(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  input: { lineId: string; callerNumber?: string | undefined },
): Promise<{ id: string }> {
  const line = await new LineRepository(ctx.db).findLine(input.lineId);
  if (!line) throw new AppError(ErrorCode.NOT_FOUND, 'No such line', { field: 'body.lineId' });
  await authorize(ctx, rc, 'hotline.call_record', { regionCode: line.regionCode, resourceType: 'hotline_line', resourceId: line.id });
  const now = ctx.clock();
  const bidx = input.callerNumber ? callerIndex(ctx.cipher, input.callerNumber) : null;
  return ctx.db.transaction(async (tx) => {
    const id = await new CallRepository(tx).insertManual({
      lineId: line.id,
      regionCode: line.regionCode,
      externalId: `manual-${randomUUID()}`,
      counselorId: rc.actor.accountId,
      at: now,
      callerBidx: bidx,
    });
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleList(rc.actor.roles),
      action: 'hotline.call_create_manual',
      resourceType: 'hotline_call',
      resourceId: id,
      regionCode: line.regionCode,
      clientIp: rc.clientIp,
    });
    return { id };
  });
}
