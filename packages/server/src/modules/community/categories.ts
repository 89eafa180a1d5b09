import {
  AppError,
  ErrorCode,
  isPopulationCategory,
  SPECIAL_POPULATION_SUBTYPES,
  type CategorySource,
} from '@anxin/domain';
import { isIsoDate } from '@anxin/domain/register/iso-date.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CategoryRepository } from './category-repository.ts';
import { auditActor, personFor } from './community-support.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

export interface CategoryMembershipView {
  id: string;
  category: string;
  subtype: string | null;
  source: string;
  validFrom: string;
  validTo: string | null;
  /** Active on today's date (Asia/Shanghai by default). */
  active: boolean;
}

export async function listCategories(ctx: Ctx, rc: RequestContext, personId: string): Promise<{ items: CategoryMembershipView[] }> {
  const person = await personFor(ctx, rc, ctx.db, personId, 'person.read', { allowMerged: true });
  const today = localIsoDate(ctx.clock(), ctx.config.timeZone);
  const rows = await new CategoryRepository(ctx.db).list(person.id);
  return { items: rows.map((r) => ({ ...r, active: r.validFrom <= today && (r.validTo === null || r.validTo >= today) })) };
}

export interface AddCategoryInput {
  category: string;
  subtype?: string | undefined;
  source: CategorySource;
  validFrom?: string | undefined;
  validTo?: string | undefined;
}

/** Adds a category membership (person.update). */
export async function addCategory(ctx: Ctx, rc: RequestContext, personId: string, input: AddCategoryInput): Promise<{ id: string }> {
  if (!isPopulationCategory(input.category)) throw new AppError(ErrorCode.VALIDATION, 'Unknown category', { field: 'body.category' });
  if (input.subtype !== undefined) {
    if (input.category !== 'special_population')
      throw new AppError(ErrorCode.VALIDATION, 'Only special_population has subtypes', { field: 'body.subtype' });
    if (!SPECIAL_POPULATION_SUBTYPES.some((s) => s.code === input.subtype))
      throw new AppError(ErrorCode.VALIDATION, 'Unknown subtype', { field: 'body.subtype' });
  }
  const today = localIsoDate(ctx.clock(), ctx.config.timeZone);
  const from = input.validFrom ?? today;
  if (!isIsoDate(from)) throw new AppError(ErrorCode.VALIDATION, 'Not a valid date', { field: 'body.validFrom' });
  if (input.validTo !== undefined && (!isIsoDate(input.validTo) || input.validTo < from))
    throw new AppError(ErrorCode.VALIDATION, 'Membership ends before it starts', { field: 'body.validTo' });
  const person = await personFor(ctx, rc, ctx.db, personId, 'person.update');
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const id = await new CategoryRepository(tx).insert({
      personId: person.id,
      category: input.category,
      subtype: input.subtype ?? null,
      source: input.source,
      validFrom: from,
      validTo: input.validTo ?? null,
    });
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'person.update',
      resourceType: 'person',
      resourceId: person.id,
      regionCode: person.regionCode,
      details: { change: 'category_add', category: input.category },
    });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: now,
      kind: 'register.category_added',
      refId: id,
      summary: { category: input.category },
      actorId: rc.actor.accountId,
    });
    return { id };
  });
}

/** Ends a membership on a date (the last day it applies), never before it started. */
export async function endCategory(ctx: Ctx, rc: RequestContext, personId: string, categoryId: string, input: { validTo?: string | undefined }): Promise<void> {
  const person = await personFor(ctx, rc, ctx.db, personId, 'person.update');
  const validTo = input.validTo ?? localIsoDate(ctx.clock(), ctx.config.timeZone);
  if (!isIsoDate(validTo)) throw new AppError(ErrorCode.VALIDATION, 'Not a valid date', { field: 'body.validTo' });
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const categories = new CategoryRepository(tx);
    const row = await categories.lockOne(person.id, categoryId);
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No such category membership');
    if (validTo < row.validFrom) throw new AppError(ErrorCode.VALIDATION, 'Membership ends before it starts', { field: 'body.validTo' });
    await categories.end(categoryId, validTo);
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'person.update',
      resourceType: 'person',
      resourceId: person.id,
      regionCode: person.regionCode,
      details: { change: 'category_end', category: row.category },
    });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: now,
      kind: 'register.category_ended',
      refId: categoryId,
      summary: { category: row.category },
      actorId: rc.actor.accountId,
    });
  });
}
