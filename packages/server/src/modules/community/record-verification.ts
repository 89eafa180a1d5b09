import {
  ADDRESS_MAX_LENGTH,
  AppError,
  ErrorCode,
  applyVerification,
  isValidChinaPhone,
  type PersonCorrections,
  type VerificationEvent,
  type VerificationEventType,
  type VerificationState,
} from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { handOverToPrimaryCare } from '../episodes/hand-over.ts';
import { endFollowUpForPerson } from '../followup/end-enrolment.ts';
import { transferEnrolments } from '../followup/transfer-enrolments.ts';
import { PERSON_CONTEXT, localIsoDate, phoneIndex } from '../persons/person-crypto.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { RegionRepository } from '../regions/region-repository.ts';
import { auditActor } from './community-support.ts';
import { HandoverRepository } from './handover-repository.ts';
import { queueDuplicateCandidates } from './queue-duplicate-candidates.ts';
import { VerificationRepository } from './verification-repository.ts';

export interface RecordVerificationInput {
  event: VerificationEventType;
  /** For `correct`: the phone and/or address found on the visit. */
  phone?: string | undefined;
  address?: string | undefined;
  /** For `move`: the community or grid of the new residence. */
  toRegionCode?: string | undefined;
  /** For `decease`. */
  deceasedDate?: string | undefined;
}

export interface RecordVerificationResult {
  status: string;
  regionCode: string;
  movedTo: string | null;
  /** For `move`: the hand-over created, and the institution it was routed to (null: the county assigns it). */
  handoverId: string | null;
  routedTo: string | null;
}

type Ctx = Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>;

function toEvent(input: RecordVerificationInput, today: string, birthDate: string): VerificationEvent {
  switch (input.event) {
    case 'confirm':
    case 'not_found':
    case 'accept_handover':
    case 'reject_handover':
      return { type: input.event };
    case 'correct': {
      const corrections: PersonCorrections = {};
      const phone = input.phone?.trim();
      const address = input.address?.trim();
      if (phone !== undefined && phone !== '') {
        if (!isValidChinaPhone(phone)) throw new AppError(ErrorCode.VALIDATION, 'Not a valid phone number', { field: 'body.phone' });
        corrections.phone = phone;
      }
      if (address !== undefined && address !== '') {
        if (address.length > ADDRESS_MAX_LENGTH)
          throw new AppError(ErrorCode.VALIDATION, `An address has at most ${ADDRESS_MAX_LENGTH} characters`, { field: 'body.address' });
        corrections.address = address;
      }
      if (Object.keys(corrections).length === 0)
        throw new AppError(ErrorCode.VALIDATION, 'A correction gives a new phone or address', { field: 'body.phone' });
      return { type: 'correct', corrections };
    }
    case 'move':
      if (input.toRegionCode === undefined) throw new AppError(ErrorCode.VALIDATION, 'The new residence is required', { field: 'body.toRegionCode' });
      return { type: 'move', toRegionCode: input.toRegionCode };
    case 'decease': {
      const d = input.deceasedDate;
      if (d === undefined) throw new AppError(ErrorCode.VALIDATION, 'The date of death is required', { field: 'body.deceasedDate' });
      if (d > today) throw new AppError(ErrorCode.VALIDATION, 'The date of death is in the future', { field: 'body.deceasedDate' });
      if (d < birthDate) throw new AppError(ErrorCode.VALIDATION, 'The date of death is before the birth date', { field: 'body.deceasedDate' });
      return { type: 'decease', deceasedDate: d };
    }
  }
}

/** Domain field names in the domain's errors map to the request body's. */
const BODY_FIELD: Record<string, string> = { toRegionCode: 'body.toRegionCode', deceasedDate: 'body.deceasedDate', corrections: 'body.phone' };

/**
 * Records a verification (核对) visit or a hand-over answer. The state machine is the domain's
 * applyVerification; this carries out its effects in one transaction: corrected phone/address are
 * re-encrypted (with a new blind index), a move creates a 'moved_in' hand-over routed to the
 * primary-care institution covering the new residence (so it appears in that inbox), the receiving
 * side accepts (the residence changes) or rejects it, a death is recorded. History, audit (codes
 * only) and timeline are written with it. Visits need verification.record where the person lives;
 * answers to a move need it at the new residence.
 */
export async function recordVerification(ctx: Ctx, rc: RequestContext, personId: string, input: RecordVerificationInput): Promise<RecordVerificationResult> {
  const person = await new PersonRepository(ctx.db).find(personId);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
  if (person.mergedInto !== null) throw new AppError(ErrorCode.GONE, 'This record was merged into another', { details: { mergedInto: person.mergedInto } });
  const answersMove = input.event === 'accept_handover' || input.event === 'reject_handover';
  const movedTo = await new VerificationRepository(ctx.db).movedTo(person.id);
  const where = answersMove && movedTo !== null ? movedTo : person.regionCode;
  await authorize(ctx, rc, 'verification.record', { regionCode: where, resourceType: 'person', resourceId: person.id });

  const now = ctx.clock();
  const today = localIsoDate(now, ctx.config.timeZone);
  const event = toEvent(input, today, person.birthDate);
  if (event.type === 'move' && !(await new RegionRepository(ctx.db).find(event.toRegionCode)))
    throw new AppError(ErrorCode.VALIDATION, `Region ${event.toRegionCode} does not exist`, { field: 'body.toRegionCode' });

  return ctx.db.transaction(async (tx) => {
    const repo = new VerificationRepository(tx);
    const current = await repo.lockState(person.id);
    if (!current) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
    const state: VerificationState = {
      status: current.status,
      regionCode: current.regionCode,
      ...(current.movedTo !== null ? { movedTo: current.movedTo } : {}),
      ...(current.deceasedOn !== null ? { deceasedDate: current.deceasedOn } : {}),
    };
    const result = applyVerification(state, event);
    if (!result.ok) {
      const f = result.error.field;
      throw f !== undefined && BODY_FIELD[f] !== undefined
        ? new AppError(result.error.code, result.error.message, { field: BODY_FIELD[f] })
        : result.error;
    }
    const next = result.state;
    const changed: string[] = [];
    let handoverId: string | null = null;
    let routedTo: string | null = null;
    const handovers = new HandoverRepository(tx);

    for (const effect of result.effects) {
      switch (effect.type) {
        case 'apply_corrections': {
          const c = effect.corrections;
          const update: { phoneEnc?: string; phoneBidx?: string; addressEnc?: string } = {};
          if (c.phone !== undefined) {
            update.phoneEnc = ctx.cipher.encrypt(c.phone, PERSON_CONTEXT.phone);
            const bidx = phoneIndex(ctx.cipher, c.phone);
            if (bidx !== undefined) update.phoneBidx = bidx;
            changed.push('phone');
          }
          if (c.address !== undefined) {
            update.addressEnc = ctx.cipher.encrypt(c.address, PERSON_CONTEXT.address);
            changed.push('address');
          }
          await repo.updateContact(person.id, update, now);
          break;
        }
        case 'handover': {
          // The same routing as a discharge: the primary-care institution covering the new residence.
          const handed = await handOverToPrimaryCare(tx, {
            personId: person.id,
            episodeId: null,
            regionCode: effect.toRegionCode,
            reason: 'moved_in',
            medicationHandover: await handovers.hasMedicationHandover(person.id),
            at: now,
          });
          routedTo = handed.route.routed ? handed.route.institutionId : null;
          handoverId = handed.handoverId ?? null;
          break;
        }
        case 'set_residence':
          await handovers.settleMovedIn(person.id, effect.regionCode, 'acknowledged', rc.actor.accountId, now);
          // Ownership of follow-up passes to the team covering the new residence, open tasks with it.
          await transferEnrolments(tx, person.id, effect.regionCode, { at: now, actorId: rc.actor.accountId });
          break;
        case 'handover_rejected':
          await handovers.settleMovedIn(person.id, effect.toRegionCode, 'closed', rc.actor.accountId, now);
          break;
        case 'cancel_handover':
          await handovers.settleMovedIn(person.id, effect.toRegionCode, 'closed', rc.actor.accountId, now);
          break;
        case 'mark_deceased':
          // The deceased date is saved with the state below; the contract task list and inbox leave out
          // deceased persons by their status.
          break;
        case 'cancel_open_tasks':
          // Follow-up enrolments end and their open tasks are cancelled, so no one is reminded to visit.
          await endFollowUpForPerson(tx, person.id, 'deceased', next.deceasedDate ?? today, {
            at: now,
            actorId: rc.actor.accountId,
          });
          break;
      }
    }
    await repo.saveState(
      person.id,
      { status: next.status, regionCode: next.regionCode, movedTo: next.movedTo ?? null, deceasedOn: next.deceasedDate ?? current.deceasedOn },
      now,
    );
    const verificationId = await repo.insert({
      personId: person.id,
      event: event.type,
      fromStatus: current.status,
      toStatus: next.status,
      regionCode: next.regionCode,
      movedTo: next.movedTo ?? null,
      deceasedOn: next.deceasedDate ?? null,
      changed,
      recordedBy: rc.actor.accountId,
      recordedAt: now,
    });
    if (changed.includes('phone')) await queueDuplicateCandidates(tx, person.id, now);
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'verification.record',
      resourceType: 'person',
      resourceId: person.id,
      regionCode: where,
      details: { event: event.type, from: current.status, to: next.status, changed, handoverId, routed: routedTo !== null },
    });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: now,
      kind: `verification.${event.type}`,
      refId: verificationId,
      summary: { from: current.status, to: next.status, ...(changed.length > 0 ? { changed: changed.join(',') } : {}) },
      actorId: rc.actor.accountId,
    });
    return { status: next.status, regionCode: next.regionCode, movedTo: next.movedTo ?? null, handoverId, routedTo };
  });
}

export async function verificationHistory(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, personId: string, q: Queryable = ctx.db) {
  const person = await new PersonRepository(q).find(personId);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
  await authorize(ctx, rc, 'person.read', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  const repo = new VerificationRepository(q);
  const items = await repo.history(person.id);
  return {
    status: person.verificationStatus,
    movedTo: await repo.movedTo(person.id),
    deceasedDate: person.deceasedOn,
    items: items.map((v) => ({ ...v, recordedAt: v.recordedAt.toISOString() })),
  };
}
