import { AppError, ErrorCode, can, jurisdictionPrefixes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { toPersonView, type PersonView } from '../persons/person-view.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { auditActor, decodeCursor, encodeCursor, likePatterns } from './community-support.ts';
import { DuplicateRepository, type CandidateRow } from './duplicate-repository.ts';
import { queueDuplicateCandidates } from './queue-duplicate-candidates.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'cipher'>;

export interface CandidateView {
  id: string;
  status: string;
  /** Which blocking keys the pair shares: 'nb' name+birth date, 'np' name+phone, 'bp' birth date+phone. */
  matchedOn: string[];
  createdAt: string;
  a: PersonView;
  b: PersonView;
}

const matchKinds = (keys: string[]): string[] => [...new Set(keys.map((k) => k.slice(0, 2)))].sort();

/** The review queue: pending pairs with both records inside the caller's person.merge jurisdiction. */
export async function listDuplicateCandidates(
  ctx: Ctx,
  rc: RequestContext,
  input: { cursor?: string | undefined; limit: number },
): Promise<{ items: CandidateView[]; nextCursor: string | null }> {
  const prefixes = jurisdictionPrefixes(rc.actor, 'person.merge');
  if (prefixes.length === 0) await authorize(ctx, rc, 'person.merge', { regionCode: '000000000000', resourceType: 'duplicate' });
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor, 2);
  const rows = await new DuplicateRepository(ctx.db).pending(
    likePatterns(prefixes),
    after && { createdAt: after[0] ?? '', id: after[1] ?? '' },
    input.limit + 1,
  );
  const page = rows.slice(0, input.limit);
  const persons = new PersonRepository(ctx.db);
  const ids = page.flatMap((c) => [c.personA, c.personB]);
  const categories = await persons.categoriesOf(ids);
  const items: CandidateView[] = [];
  for (const c of page) {
    const [a, b] = await Promise.all([persons.find(c.personA), persons.find(c.personB)]);
    if (!a || !b) continue;
    // Reviewers compare masked records; a full look goes through the audited person read.
    items.push({
      id: c.id,
      status: c.status,
      matchedOn: matchKinds(c.keys),
      createdAt: c.createdAt.toISOString(),
      a: toPersonView(ctx.cipher, a, categories, false),
      b: toPersonView(ctx.cipher, b, categories, false),
    });
  }
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.cursorAt, last.id]) : null };
}

/** Checks (before any transaction, so a denial can be audited) that the caller may merge both records. */
async function authorizeDecision(ctx: Ctx, rc: RequestContext, id: string): Promise<void> {
  const c = await new DuplicateRepository(ctx.db).find(id);
  if (!c) throw new AppError(ErrorCode.NOT_FOUND, 'No such duplicate candidate');
  const persons = new PersonRepository(ctx.db);
  for (const pid of [c.personA, c.personB]) {
    const p = await persons.find(pid);
    if (!p) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
    if (!can(rc.actor, 'person.merge', { regionCode: p.regionCode }))
      await authorize(ctx, rc, 'person.merge', { regionCode: p.regionCode, resourceType: 'person', resourceId: p.id });
  }
}

/** The candidate, locked for the decision. */
async function lockCandidate(repo: DuplicateRepository, id: string): Promise<CandidateRow> {
  const c = await repo.find(id, true);
  if (!c) throw new AppError(ErrorCode.NOT_FOUND, 'No such duplicate candidate');
  return c;
}

/**
 * Merges the pair: every row of every table with a `person_id` column moves from the merged record to
 * the survivor (categories, episodes, hand-overs, timeline, verifications, assessments, … whatever
 * modules exist), the merged record gets `merged_into`, and the moved rows' primary keys are stored so
 * the merge can be undone. A table whose rows cannot be tracked (no primary key) or that refuses the
 * move (a unique rule, e.g. one open crisis case per person) stops the merge with CONFLICT; nothing is
 * half-merged.
 */
export async function mergeDuplicate(ctx: Ctx, rc: RequestContext, candidateId: string, input: { survivorId: string }): Promise<{ mergeId: string; moved: Record<string, number> }> {
  await authorizeDecision(ctx, rc, candidateId);
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const repo = new DuplicateRepository(tx);
    const c = await lockCandidate(repo, candidateId);
    if (c.status !== 'pending') throw new AppError(ErrorCode.INVALID_STATE, `This pair is already ${c.status}`);
    if (input.survivorId !== c.personA && input.survivorId !== c.personB)
      throw new AppError(ErrorCode.VALIDATION, 'The survivor must be one of the pair', { field: 'body.survivorId' });
    const survivor = input.survivorId;
    const merged = survivor === c.personA ? c.personB : c.personA;
    const persons = new PersonRepository(tx);
    const [s, m] = await Promise.all([persons.find(survivor), persons.find(merged)]);
    if (!s || !m) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
    if (s.mergedInto !== null || m.mergedInto !== null) throw new AppError(ErrorCode.INVALID_STATE, 'One of the pair was merged already');

    const moved: Record<string, string[]> = {};
    const tables = await repo.personTables();
    for (const { table, keyColumns } of tables) {
      if (keyColumns.length === 0) {
        if ((await repo.countRows(table, merged)) > 0)
          throw new AppError(ErrorCode.CONFLICT, `Rows of ${table} cannot be moved trackably`, { details: { table } });
        continue;
      }
      let ids: string[];
      try {
        // After the move the key may include the survivor's id (a key with person_id in it); it is stored as it is then.
        ids = await repo.moveRows(table, keyColumns, merged, survivor);
      } catch {
        throw new AppError(ErrorCode.CONFLICT, `The survivor already has a record in ${table} that cannot be doubled`, { details: { table } });
      }
      if (ids.length > 0) moved[table] = ids;
    }
    await repo.setMergedInto(merged, survivor, now);
    await repo.replaceKeys(merged, { table: [], nameBirthKey: null });
    await repo.decide(c.id, 'merged', rc.actor.accountId, now);
    const mergeId = await repo.insertMerge({ candidateId: c.id, survivor, merged, moved, by: rc.actor.accountId, at: now });
    const counts = Object.fromEntries(Object.entries(moved).map(([t, ids]) => [t, ids.length]));
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'person.merge',
      resourceType: 'person',
      resourceId: survivor,
      regionCode: s.regionCode,
      details: { candidateId: c.id, mergeId, merged, moved: counts },
    });
    await appendTimelineEvent(tx, {
      personId: survivor,
      occurredAt: now,
      kind: 'register.merged',
      refId: mergeId,
      summary: { rows: Object.values(counts).reduce((x, y) => x + y, 0) },
      actorId: rc.actor.accountId,
    });
    return { mergeId, moved: counts };
  });
}

/** Undoes the pair's merge: the moved rows go back, the merged record is active again, the pair is pending. */
export async function unmergeDuplicate(ctx: Ctx, rc: RequestContext, candidateId: string): Promise<{ restored: Record<string, number> }> {
  await authorizeDecision(ctx, rc, candidateId);
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const repo = new DuplicateRepository(tx);
    const c = await lockCandidate(repo, candidateId);
    if (c.status !== 'merged') throw new AppError(ErrorCode.INVALID_STATE, 'This pair is not merged');
    const merge = await repo.lastMergeOf(c.id);
    if (!merge || merge.undoneAt !== null) throw new AppError(ErrorCode.INVALID_STATE, 'No merge to undo');
    const persons = new PersonRepository(tx);
    const s = await persons.find(merge.survivor);
    if (!s || s.mergedInto !== null)
      throw new AppError(ErrorCode.CONFLICT, 'The survivor was merged into another record since; undo that first');
    const restored: Record<string, number> = {};
    const keyColumns = new Map((await repo.personTables()).map((t) => [t.table, t.keyColumns]));
    for (const [table, keys] of Object.entries(merge.moved)) {
      const columns = keyColumns.get(table);
      if (!columns || columns.length === 0) throw new AppError(ErrorCode.CONFLICT, `Table ${table} changed since the merge`, { details: { table } });
      let back: string[];
      try {
        back = await repo.moveRows(table, columns, merge.survivor, merge.merged, keys);
      } catch {
        throw new AppError(ErrorCode.CONFLICT, `Rows of ${table} cannot go back to the merged record`, { details: { table } });
      }
      restored[table] = back.length;
    }
    await repo.setMergedInto(merge.merged, null, now);
    await repo.markUndone(merge.id, rc.actor.accountId, now);
    await repo.decide(c.id, 'pending', null, null);
    await queueDuplicateCandidates(tx, merge.merged, now);
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'person.unmerge',
      resourceType: 'person',
      resourceId: merge.survivor,
      regionCode: s.regionCode,
      details: { candidateId: c.id, mergeId: merge.id, merged: merge.merged, restored },
    });
    await appendTimelineEvent(tx, {
      personId: merge.survivor,
      occurredAt: now,
      kind: 'register.unmerged',
      refId: merge.id,
      summary: { rows: Object.values(restored).reduce((x, y) => x + y, 0) },
      actorId: rc.actor.accountId,
    });
    return { restored };
  });
}

/** The reviewer decides the pair are different people. */
export async function dismissDuplicate(ctx: Ctx, rc: RequestContext, candidateId: string): Promise<void> {
  await authorizeDecision(ctx, rc, candidateId);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const repo = new DuplicateRepository(tx);
    const c = await lockCandidate(repo, candidateId);
    if (c.status !== 'pending') throw new AppError(ErrorCode.INVALID_STATE, `This pair is already ${c.status}`);
    await repo.decide(c.id, 'dismissed', rc.actor.accountId, now);
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'person.merge',
      outcome: 'success',
      resourceType: 'duplicate',
      resourceId: c.id,
      details: { decision: 'dismissed' },
    });
  });
}
