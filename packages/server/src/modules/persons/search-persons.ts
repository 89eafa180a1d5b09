import { AppError, ErrorCode, can } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { scopedPrefixes } from '../auth/scoped-prefixes.ts';
import { identifierFilter, localIsoDate } from './person-crypto.ts';
import { PersonRepository } from './person-repository.ts';
import { toPersonView, type PersonView } from './person-view.ts';

export interface SearchPersonsInput {
  /** Name prefix (张 finds 张三 and 张三丰). */
  q?: string | undefined;
  nationalId?: string | undefined;
  phone?: string | undefined;
  category?: string | undefined;
  verificationStatus?: string | undefined;
  /** Only below this region (intersected with the caller's jurisdiction). */
  region?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface SearchPersonsResult {
  items: PersonView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const encodeCursor = (name: string, id: string): string => Buffer.from(JSON.stringify([name, id])).toString('base64url');

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value[1])
    ) {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError(ErrorCode.VALIDATION, 'Invalid cursor', { field: 'query.cursor' });
}

/**
 * Searches the register, always within the caller's `person.read` jurisdiction (a requested region
 * narrows it, never widens it). Ordered by name then id, keyset-paginated. Names and identifiers are
 * masked in each row unless the caller may `person.read_full` in that row's region; full reads of a
 * record go through getPerson, which audits them.
 */
export async function searchPersons(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  input: SearchPersonsInput,
): Promise<SearchPersonsResult> {
  const prefixes = await scopedPrefixes(ctx, rc, 'person.read', { region: input.region, field: 'query.region', resourceType: 'person' });

  const { nationalIdBidx, phoneBidx } = identifierFilter(ctx.cipher, input, 'query');

  const repo = new PersonRepository(ctx.db);
  const { persons: rows, categories } = await repo.searchWithCategories({
    prefixes,
    ...(nationalIdBidx !== undefined ? { nationalIdBidx } : {}),
    ...(phoneBidx !== undefined ? { phoneBidx } : {}),
    ...(input.q !== undefined && input.q.trim() !== '' ? { namePrefix: input.q.trim() } : {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.verificationStatus !== undefined ? { verificationStatus: input.verificationStatus } : {}),
    on: localIsoDate(ctx.clock(), ctx.config.timeZone),
    ...(input.cursor !== undefined ? { after: decodeCursor(input.cursor) } : {}),
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((p) => toPersonView(ctx.cipher, p, categories, can(rc.actor, 'person.read_full', { regionCode: p.regionCode }))),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.name, last.id) : null,
  };
}
