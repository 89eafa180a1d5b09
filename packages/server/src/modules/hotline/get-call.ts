import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CallRepository } from './call-repository.ts';
import { toCallView, type CallView } from './call-view.ts';

/** One call with its record. Counselors read calls of their line's region; notes are decrypted for them. */
export async function getCall(ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>, rc: RequestContext, id: string): Promise<CallView> {
  const calls = new CallRepository(ctx.db);
  const call = await calls.find(id);
  if (!call) throw new AppError(ErrorCode.NOT_FOUND, 'No such call', { field: 'params.id' });
  await authorize(ctx, rc, 'hotline.call_record', { regionCode: call.regionCode, resourceType: 'hotline_call', resourceId: id });
  const prior = call.callerBidx ? await calls.countPriorCalls(call.callerBidx, call.offeredAt) : 0;
  return toCallView(call, ctx.cipher, rc.actor.accountId, prior);
}
