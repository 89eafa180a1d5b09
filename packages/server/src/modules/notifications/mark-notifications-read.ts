import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { NotificationRepository } from './notification-repository.ts';

/**
 * Marks the caller's notifications read: the listed ones, or all when `all` is set. Another account's
 * notification id is NOT_FOUND (its existence is not revealed).
 */
export async function markNotificationsRead(
  ctx: AppContext,
  rc: RequestContext,
  input: { ids?: string[]; all?: boolean },
): Promise<{ updated: number }> {
  if (!input.all && (!input.ids || input.ids.length === 0)) {
    throw new AppError(ErrorCode.VALIDATION, 'Give ids or all: true', { field: 'body.ids' });
  }
  return ctx.db.transaction(async (tx) => {
    const repo = new NotificationRepository(tx);
    if (!input.all && input.ids) {
      for (const id of input.ids) {
        if (!(await repo.exists(rc.actor.accountId, id))) {
          throw new AppError(ErrorCode.NOT_FOUND, 'No such notification', { field: 'body.ids' });
        }
      }
    }
    return { updated: await repo.markRead(rc.actor.accountId, input.all ? null : (input.ids ?? []), ctx.clock()) };
  });
}
