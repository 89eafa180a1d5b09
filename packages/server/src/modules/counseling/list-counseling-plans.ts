import { AppError, ErrorCode, jurisdictionPrefixes, regionPrefix } from '@anxin/domain';
import type { InterventionType, PlanStatus } from '@anxin/domain/service/counseling.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CounselingRepository } from './counseling-repository.ts';
import { toPlanView, type PlanView } from './counseling-view.ts';

const encodeCursor = (createdAt: Date, id: string): string => Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new AppError(ErrorCode.VALIDATION, 'The cursor is not one this list gave out', { field: 'querystring.cursor' });
  }
}

/** Intervention plans within the caller's jurisdiction (followup.read), newest first, keyset-paginated. */
export async function listCounselingPlans(
  ctx: AppContext,
  rc: RequestContext,
  q: { status?: PlanStatus | undefined; type?: InterventionType | undefined; mine?: boolean | undefined; region?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: PlanView[]; nextCursor: string | null }> {
  let prefixes = jurisdictionPrefixes(rc.actor, 'followup.read');
  if (prefixes.length === 0) await authorize(ctx, rc, 'followup.read', { regionCode: q.region ?? '000000000000' });
  if (q.region !== undefined) {
    await authorize(ctx, rc, 'followup.read', { regionCode: q.region });
    prefixes = [regionPrefix(q.region)];
  }
  const rows = await new CounselingRepository(ctx.db).listPlans({
    prefixes,
    status: q.status,
    type: q.type,
    responsibleAccountId: q.mine === true ? rc.actor.accountId : undefined,
    after: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map((p) => toPlanView(ctx, rc, p)), nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
