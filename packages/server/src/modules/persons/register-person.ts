import {
  AppError,
  ErrorCode,
  parseNationalId,
  validatePersonInput,
  type CategorySource,
  type PersonDraft,
  type PopulationCategory,
  type SpecialPopulationSubtype,
} from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit, recordAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { queueDuplicateCandidates } from '../community/queue-duplicate-candidates.ts';
import { RegionRepository } from '../regions/region-repository.ts';
import { PERSON_CONTEXT, localIsoDate, nationalIdIndex, phoneIndex } from './person-crypto.ts';
import { PersonRepository } from './person-repository.ts';

export interface CategoryInput {
  category: PopulationCategory;
  subtype?: SpecialPopulationSubtype | undefined;
  source: CategorySource;
  validFrom?: string | undefined;
  validTo?: string | undefined;
}

export interface RegisterPersonInput {
  name: string;
  /** May be left out when a valid national ID is given: it is read from the ID. */
  sex?: 'male' | 'female' | undefined;
  birthDate?: string | undefined;
  nationalId?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  residenceRegionCode: string;
  deceasedDate?: string | undefined;
  categories?: CategoryInput[] | undefined;
}

const roleOf = (rc: RequestContext): string | null => rc.actor.roles.map((r) => r.role).join(',') || null;
const blankToUndefined = (s: string | undefined): string | undefined => (s === undefined || s.trim() === '' ? undefined : s.trim());

/**
 * Registers a person. Idempotent by national ID: a second registration of the same ID (in any
 * spelling: 15 digits, lower-case x, full-width) creates nothing and fails with ALREADY_EXISTS, whose
 * `details.personId` names the existing record, so a client retrying or re-entering a person can go to
 * that record instead (it may still be outside the caller's jurisdiction, and then unreadable).
 * Errors name the body field (`body.nationalId`, `body.birthDate`, …).
 */
export async function registerPerson(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  input: RegisterPersonInput,
): Promise<{ id: string }> {
  const now = ctx.clock();
  const today = localIsoDate(now, ctx.config.timeZone);
  const nationalId = blankToUndefined(input.nationalId);
  const phone = blankToUndefined(input.phone);
  const address = blankToUndefined(input.address);

  // Sex and birth date default to what a valid ID says; a given value must agree with it (domain check).
  const parsedId = nationalId === undefined ? undefined : parseNationalId(nationalId, today);
  const sex = input.sex ?? (parsedId?.ok ? parsedId.sex : undefined);
  const birthDate = input.birthDate ?? (parsedId?.ok ? parsedId.birthDate : undefined);
  const draft: PersonDraft = {
    name: input.name.trim(),
    residenceRegionCode: input.residenceRegionCode,
    ...(sex !== undefined ? { sex } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
    ...(nationalId !== undefined ? { nationalId } : {}),
    ...(phone !== undefined ? { phone } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(input.deceasedDate !== undefined ? { deceasedDate: input.deceasedDate } : {}),
  };
  const errors = validatePersonInput(draft, today);
  (input.categories ?? []).forEach((c, i) => {
    const from = c.validFrom ?? today;
    if (c.validTo !== undefined && c.validTo < from)
      errors.push({ field: `categories[${i}].validTo`, code: 'invalid_date', message: 'Membership ends before it starts' });
    if (c.subtype !== undefined && c.category !== 'special_population')
      errors.push({ field: `categories[${i}].subtype`, code: 'invalid_value', message: 'Only special_population has subtypes' });
  });
  const first = errors[0];
  if (first) {
    throw new AppError(ErrorCode.VALIDATION, first.message, {
      field: `body.${first.field}`,
      details: { errors: errors.map((e) => ({ ...e, field: `body.${e.field}` })) },
    });
  }
  if (sex === undefined || birthDate === undefined) throw new Error('validated draft lacks sex or birth date');

  const regionCode = input.residenceRegionCode;
  if (!(await new RegionRepository(ctx.db).find(regionCode))) {
    throw new AppError(ErrorCode.VALIDATION, `Region ${regionCode} does not exist`, { field: 'body.residenceRegionCode' });
  }
  await authorize(ctx, rc, 'person.create', { regionCode, resourceType: 'person' });

  const canonicalId = parsedId?.ok ? parsedId.id : undefined;
  const idBidx = canonicalId === undefined ? null : (nationalIdIndex(ctx.cipher, canonicalId) ?? null);
  const created = await ctx.db.transaction(async (tx) => {
    const persons = new PersonRepository(tx);
    const id = await persons.insert({
      name: draft.name,
      sex,
      birthDate,
      nationalIdEnc: canonicalId === undefined ? null : ctx.cipher.encrypt(canonicalId, PERSON_CONTEXT.nationalId),
      nationalIdBidx: idBidx,
      phoneEnc: phone === undefined ? null : ctx.cipher.encrypt(phone, PERSON_CONTEXT.phone),
      phoneBidx: phone === undefined ? null : (phoneIndex(ctx.cipher, phone) ?? null),
      addressEnc: address === undefined ? null : ctx.cipher.encrypt(address, PERSON_CONTEXT.address),
      regionCode,
      deceasedOn: input.deceasedDate ?? null,
      createdBy: rc.actor.accountId,
      at: now,
    });
    if (id === undefined) return undefined; // same national ID already registered: nothing written
    await persons.insertCategories(
      (input.categories ?? []).map((c) => ({
        personId: id,
        category: c.category,
        subtype: c.subtype ?? null,
        source: c.source,
        validFrom: c.validFrom ?? today,
        validTo: c.validTo ?? null,
      })),
    );
    // Possible duplicates among records without a national ID go to the review queue.
    await queueDuplicateCandidates(tx, id, now);
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleOf(rc),
      action: 'person.create',
      resourceType: 'person',
      resourceId: id,
      regionCode,
      clientIp: rc.clientIp,
      // Codes and counts only: never names, IDs or phones.
      details: { categories: (input.categories ?? []).map((c) => c.category), hasNationalId: canonicalId !== undefined },
    });
    return id;
  });
  if (created !== undefined) return { id: created };

  const existing = idBidx === null ? undefined : await new PersonRepository(ctx.db).findIdByNationalIdBidx(idBidx);
  await recordAudit(ctx.db, {
    at: now,
    accountId: rc.actor.accountId,
    username: rc.actor.username,
    role: roleOf(rc),
    action: 'person.create',
    outcome: 'failure',
    resourceType: 'person',
    resourceId: existing?.id ?? null,
    regionCode,
    clientIp: rc.clientIp,
    reason: 'duplicate_national_id',
  });
  throw new AppError(ErrorCode.ALREADY_EXISTS, 'A person with this national ID is already registered', {
    field: 'body.nationalId',
    details: { personId: existing?.id ?? null },
  });
}
