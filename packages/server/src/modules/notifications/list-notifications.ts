import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { NotificationRepository, type NotificationView } from './notification-repository.ts';

export interface ListNotificationsInput {
  unreadOnly: boolean;
  limit: number;
  cursor?: string;
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [ts, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(ts ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError(ErrorCode.VALIDATION, 'Invalid cursor', { field: 'query.cursor' });
  }
  return { createdAt, id };
}

/** The caller's own notifications (every signed-in account has a notification centre). */
export async function listNotifications(
  ctx: AppContext,
  rc: RequestContext,
  input: ListNotificationsInput,
): Promise<{ items: NotificationView[]; unread: number; nextCursor: string | null }> {
  const repo = new NotificationRepository(ctx.db);
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const items = await repo.list(rc.actor.accountId, { unreadOnly: input.unreadOnly, limit: input.limit + 1, after });
  const page = items.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor =
    items.length > input.limit && last ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url') : null;
  return { items: page, unread: await repo.unreadCount(rc.actor.accountId), nextCursor };
}
