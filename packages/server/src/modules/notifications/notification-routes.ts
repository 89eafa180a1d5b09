import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { listNotifications } from './list-notifications.ts';
import { markNotificationsRead } from './mark-notifications-read.ts';

const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: 'The caller’s notifications, newest first, with the unread count',
          querystring: z.strictObject({
            unread: z.enum(['true', 'false']).default('false'),
            cursor: z.string().min(1).max(200).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: {
            200: z.object({ items: z.array(notificationView), unread: z.number(), nextCursor: z.string().nullable() }),
          },
        },
      },
      async (request) =>
        listNotifications(ctx, requestContextOf(request), {
          unreadOnly: request.query.unread === 'true',
          limit: request.query.limit,
          cursor: request.query.cursor,
        }),
    );
    app.post(
      '/api/notifications/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark notifications read (ids, or all: true)',
          body: z.strictObject({ ids: z.array(z.uuid()).min(1).max(200).optional(), all: z.boolean().optional() }),
          response: { 200: z.object({ updated: z.number() }) },
        },
      },
      async (request) => markNotificationsRead(ctx, requestContextOf(request), request.body),
    );
  };
}
