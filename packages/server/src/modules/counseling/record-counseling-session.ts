import { AppError, ErrorCode, ancestorCodes } from '@anxin/domain';
import {
  planAcceptsSessions,
  validateSession,
  type Attendance,
  type InterventionType,
  type SessionModality,
} from '@anxin/domain/service/counseling.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import type { PersonRecord } from '../persons/person-repository.ts';
import { assertCounselingConsentNotWithdrawn } from './consent-gate.ts';
import { CounselingRepository } from './counseling-repository.ts';
import { COUNSELING_CONTEXT } from './counseling-view.ts';
import { auditOf, personFor, sealText, throwIfInvalid, todayOf } from './service-support.ts';

export interface RecordSessionInput {
  type: InterventionType;
  date: string;
  durationMinutes: number;
  modality: SessionModality;
  /** Defaults to the caller. */
  providerId?: string | undefined;
  topic?: string | undefined;
  goals?: string | undefined;
  outcome?: string | undefined;
  /** Clinical notes: encrypted, readable only with counseling.read_notes. */
  notes?: string | undefined;
  participants: { personId: string; planId?: string | undefined; attendance?: Attendance | undefined }[];
}

/** The closest region containing every code (the region a group session belongs to). */
export function commonRegion(codes: string[]): string {
  const chains = codes.map((c) => [...ancestorCodes(c), c]);
  const first = chains[0];
  if (!first) throw new Error('commonRegion of nothing');
  let common = first[0] ?? codes[0] ?? '';
  for (let i = 0; i < first.length; i++) {
    const code = first[i];
    if (code === undefined || !chains.every((ch) => ch[i] === code)) break;
    common = code;
  }
  return common;
}

/**
 * Records one counseling session: individual or family (one person) or group (many people, attendance per
 * person). Every participant must be within the caller's counseling jurisdiction, alive on the date, with
 * counseling consent not withdrawn; a named plan must be the participant's and active. Writes the session,
 * its participants, one timeline event per participant and the audit row in one transaction.
 */
export async function recordCounselingSession(ctx: AppContext, rc: RequestContext, input: RecordSessionInput): Promise<{ id: string }> {
  const now = ctx.clock();
  throwIfInvalid(validateSession({ ...input, participantCount: input.participants.length }, todayOf(ctx)));
  const seen = new Set<string>();
  input.participants.forEach((p, i) => {
    if (seen.has(p.personId)) throw new AppError(ErrorCode.VALIDATION, 'This person is already a participant', { field: `body.participants[${i}].personId` });
    seen.add(p.personId);
  });

  const persons: PersonRecord[] = [];
  for (const [i, p] of input.participants.entries()) {
    const person = await personFor(ctx.db, p.personId, `body.participants[${i}].personId`, input.date);
    await authorize(ctx, rc, 'counseling.record', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
    persons.push(person);
  }
  const providerId = input.providerId ?? rc.actor.accountId;
  const repo = new CounselingRepository(ctx.db);
  if (providerId !== rc.actor.accountId && !(await repo.accountExists(providerId))) {
    throw new AppError(ErrorCode.VALIDATION, 'No such account', { field: 'body.providerId' });
  }
  const regionCode = commonRegion(persons.map((p) => p.regionCode));

  return ctx.db.transaction(async (tx) => {
    const txRepo = new CounselingRepository(tx);
    await assertCounselingConsentNotWithdrawn(
      tx,
      persons.map((p) => p.id),
      now,
      ctx.config.timeZone,
      (i) => `body.participants[${i}].personId`,
    );
    for (const [i, p] of input.participants.entries()) {
      if (p.planId === undefined) continue;
      const plan = await txRepo.lockPlan(p.planId);
      if (!plan || plan.personId !== p.personId) {
        throw new AppError(ErrorCode.VALIDATION, 'The plan is not this participant’s', { field: `body.participants[${i}].planId` });
      }
      if (!planAcceptsSessions(plan.status)) {
        throw new AppError(ErrorCode.INVALID_STATE, `The plan is ${plan.status}; sessions go on an active plan`, {
          field: `body.participants[${i}].planId`,
        });
      }
    }
    const id = await txRepo.insertSession({
      type: input.type,
      regionCode,
      date: input.date,
      durationMinutes: input.durationMinutes,
      modality: input.modality,
      providerId,
      topic: input.topic?.trim() || null,
      goalsEnc: sealText(ctx, input.goals, COUNSELING_CONTEXT.sessionGoals),
      outcomeEnc: sealText(ctx, input.outcome, COUNSELING_CONTEXT.sessionOutcome),
      notesEnc: sealText(ctx, input.notes, COUNSELING_CONTEXT.sessionNotes),
      createdBy: rc.actor.accountId,
      at: now,
    });
    const rows = input.participants.map((p, i) => ({
      sessionId: id,
      personId: p.personId,
      planId: p.planId ?? null,
      regionCode: (persons[i] as PersonRecord).regionCode,
      attendance: p.attendance ?? 'attended',
    }));
    await txRepo.insertParticipants(rows);
    for (const r of rows) {
      await appendTimelineEvent(tx, {
        personId: r.personId,
        occurredAt: now,
        kind: 'counseling.session',
        refId: id,
        summary: { type: input.type, modality: input.modality, attendance: r.attendance, date: input.date, durationMinutes: input.durationMinutes },
        actorId: rc.actor.accountId,
      });
    }
    await appendAudit(
      tx,
      auditOf(rc, now, {
        action: 'counseling.record',
        resourceType: 'counseling_session',
        resourceId: id,
        regionCode,
        details: {
          type: input.type,
          modality: input.modality,
          participants: rows.length,
          attended: rows.filter((r) => r.attendance === 'attended').length,
          hasNotes: input.notes !== undefined && input.notes.trim() !== '',
        },
      }),
    );
    return { id };
  });
}
