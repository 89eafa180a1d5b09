import { jurisdictionPrefixes, regionPrefix } from '@anxin/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CrisisRepository } from './crisis-repository.ts';

const POLL_MS = 1500;
const HEARTBEAT_MS = 15_000;
/** The stream ends after this; EventSource reconnects, which re-checks the session and permissions. */
const MAX_LIFETIME_MS = 5 * 60_000;

/**
 * Server-sent events for the crisis board. The server polls a cheap change token (count and version
 * sum of the cases in the caller's jurisdiction) — that works the same on PGlite and PostgreSQL — and
 * sends `changed` when it moves; the client then refetches the board.
 */
export async function openCrisisStream(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  request: FastifyRequest,
  reply: FastifyReply,
  region: string | undefined,
): Promise<void> {
  let prefixes = jurisdictionPrefixes(rc.actor, 'crisis.read');
  if (region !== undefined) {
    await authorize(ctx, rc, 'crisis.read', { regionCode: region, resourceType: 'region', resourceId: region });
    prefixes = [regionPrefix(region)];
  } else if (prefixes.length === 0) {
    await authorize(ctx, rc, 'crisis.read', { regionCode: '000000000000' });
  }
  const repo = new CrisisRepository(ctx.db);
  let last = await repo.boardToken(prefixes);

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(request.id),
  });
  res.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ token: last })}\n\n`);

  let closed = false;
  let polling = false;
  const started = Date.now();
  let lastWrite = Date.now();
  const stop = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    res.end();
  };
  const timer = setInterval(() => {
    if (closed || polling) return;
    if (Date.now() - started > MAX_LIFETIME_MS) {
      stop();
      return;
    }
    polling = true;
    repo
      .boardToken(prefixes)
      .then((token) => {
        if (closed) return;
        if (token !== last) {
          last = token;
          res.write(`event: changed\ndata: ${JSON.stringify({ token })}\n\n`);
          lastWrite = Date.now();
        } else if (Date.now() - lastWrite > HEARTBEAT_MS) {
          res.write(': heartbeat\n\n');
          lastWrite = Date.now();
        }
      })
      .catch(() => {
        // A failed poll (database restart) ends the stream; the client reconnects.
        stop();
      })
      .finally(() => {
        polling = false;
      });
  }, POLL_MS);
  request.raw.on('close', stop);
}
