import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { decodeCursor, encodeCursor, personFor } from './community-support.ts';
import { TimelineRepository } from './timeline-repository.ts';

export interface TimelineItem {
  id: number;
  occurredAt: string;
  kind: string;
  refId: string | null;
  summary: Record<string, unknown>;
}

/** A person's timeline, newest first (person.read where the person lives). */
export async function listTimeline(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  personId: string,
  input: { cursor?: string | undefined; limit: number },
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const person = await personFor(ctx, rc, ctx.db, personId, 'person.read', { allowMerged: true });
  let after: { occurredAt: string; id: number } | undefined;
  if (input.cursor !== undefined) {
    const [at = '', id = ''] = decodeCursor(input.cursor, 2);
    if (!/^\d+$/.test(id) || Number.isNaN(Date.parse(at))) throw new AppError(ErrorCode.VALIDATION, 'Invalid cursor', { field: 'query.cursor' });
    after = { occurredAt: at, id: Number(id) };
  }
  const rows = await new TimelineRepository(ctx.db).page(person.id, after, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ id: r.id, occurredAt: r.occurredAt.toISOString(), kind: r.kind, refId: r.refId, summary: r.summary })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.cursorAt, String(last.id)]) : null,
  };
}
