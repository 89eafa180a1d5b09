import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { LineRepository } from './line-repository.ts';

/** A counselor signs in at a seat (calls answered there are drafted for them) or leaves it. */
export async function takeSeat(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, seatId: string, take: boolean): Promise<{ seatId: string; occupantId: string | null }> {
  const repo = new LineRepository(ctx.db);
  const seat = await repo.findSeatById(seatId);
  if (!seat) throw new AppError(ErrorCode.NOT_FOUND, 'No such seat', { field: 'params.id' });
  const line = await repo.findLine(seat.lineId);
  if (!line) throw new AppError(ErrorCode.NOT_FOUND, 'No such line');
  await authorize(ctx, rc, 'hotline.call_record', { regionCode: line.regionCode, resourceType: 'hotline_seat', resourceId: seatId });
  if (take && seat.occupantId !== null && seat.occupantId !== rc.actor.accountId) {
    throw new AppError(ErrorCode.CONFLICT, 'Another counselor is signed in at this seat', { field: 'params.id' });
  }
  if (!take && seat.occupantId !== rc.actor.accountId) return { seatId, occupantId: seat.occupantId };
  await ctx.db.transaction(async (tx) => new LineRepository(tx).setOccupant(seatId, take ? rc.actor.accountId : null));
  return { seatId, occupantId: take ? rc.actor.accountId : null };
}
