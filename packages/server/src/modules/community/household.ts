import { AppError, ErrorCode, HOUSEHOLD_RELATIONS, can, maskName, type HouseholdRelation } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { auditActor, personFor } from './community-support.ts';
import { HouseholdRepository } from './household-repository.ts';

export const HOUSEHOLD_NAME_CONTEXT = 'person_household.name';

export interface HouseholdMemberView {
  id: string;
  relation: string;
  /** The member's record in the register, when there is one (readable only within jurisdiction). */
  memberPersonId: string | null;
  /** Masked unless the caller may person.read_full here. */
  name: string;
}

type Ctx = Pick<AppContext, 'db' | 'clock' | 'cipher'>;

/** The household of a person (person.read in the person's region). */
export async function listHousehold(ctx: Ctx, rc: RequestContext, personId: string): Promise<{ items: HouseholdMemberView[] }> {
  const person = await personFor(ctx, rc, ctx.db, personId, 'person.read', { allowMerged: true });
  const full = can(rc.actor, 'person.read_full', { regionCode: person.regionCode });
  const rows = await new HouseholdRepository(ctx.db).list(person.id);
  return {
    items: rows.map((r) => {
      const name = r.memberName ?? (r.nameEnc === null ? '' : ctx.cipher.decrypt(r.nameEnc, HOUSEHOLD_NAME_CONTEXT));
      return { id: r.id, relation: r.relation, memberPersonId: r.memberPersonId, name: full ? name : (maskName(name) ?? '') };
    }),
  };
}

export interface AddHouseholdMemberInput {
  relation: HouseholdRelation;
  memberPersonId?: string | undefined;
  name?: string | undefined;
}

/** Adds a household member: a registered person (who must be readable by the caller) or a name. */
export async function addHouseholdMember(ctx: Ctx, rc: RequestContext, personId: string, input: AddHouseholdMemberInput): Promise<{ id: string }> {
  if (!(HOUSEHOLD_RELATIONS as readonly string[]).includes(input.relation))
    throw new AppError(ErrorCode.VALIDATION, 'Unknown relation', { field: 'body.relation' });
  const name = input.name?.trim() ?? '';
  if ((input.memberPersonId === undefined) === (name === ''))
    throw new AppError(ErrorCode.VALIDATION, 'Give either a registered member or a name', { field: 'body.name' });
  if (name.length > 50) throw new AppError(ErrorCode.VALIDATION, 'A name has at most 50 characters', { field: 'body.name' });
  const person = await personFor(ctx, rc, ctx.db, personId, 'person.update');
  if (input.memberPersonId !== undefined) {
    if (input.memberPersonId === person.id) throw new AppError(ErrorCode.VALIDATION, 'A person is not their own household member', { field: 'body.memberPersonId' });
    const member = await new PersonRepository(ctx.db).find(input.memberPersonId);
    if (!member || !can(rc.actor, 'person.read', { regionCode: member.regionCode }))
      throw new AppError(ErrorCode.VALIDATION, 'No such person in your jurisdiction', { field: 'body.memberPersonId' });
  }
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const id = await new HouseholdRepository(tx).insert({
      personId: person.id,
      memberPersonId: input.memberPersonId ?? null,
      nameEnc: name === '' ? null : ctx.cipher.encrypt(name, HOUSEHOLD_NAME_CONTEXT),
      relation: input.relation,
      createdBy: rc.actor.accountId,
      at: now,
    });
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'person.update',
      resourceType: 'person',
      resourceId: person.id,
      regionCode: person.regionCode,
      details: { change: 'household_add', relation: input.relation, registered: input.memberPersonId !== undefined },
    });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: now,
      kind: 'register.household_added',
      refId: id,
      summary: { relation: input.relation },
      actorId: rc.actor.accountId,
    });
    return { id };
  });
}

export async function removeHouseholdMember(ctx: Ctx, rc: RequestContext, personId: string, memberId: string): Promise<void> {
  const person = await personFor(ctx, rc, ctx.db, personId, 'person.update');
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    if (!(await new HouseholdRepository(tx).delete(person.id, memberId))) throw new AppError(ErrorCode.NOT_FOUND, 'No such household member');
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'person.update',
      resourceType: 'person',
      resourceId: person.id,
      regionCode: person.regionCode,
      details: { change: 'household_remove', memberId },
    });
  });
}
