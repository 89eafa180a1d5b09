import { AppError, ErrorCode } from '@anxin/domain';
import { validateSessionCorrection, type SessionCorrection } from '@anxin/domain/service/counseling.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CounselingRepository } from './counseling-repository.ts';
import { COUNSELING_CONTEXT, sessionTiers } from './counseling-view.ts';
import { auditOf, sealText, throwIfInvalid, todayOf } from './service-support.ts';

/**
 * Corrects a recorded counseling session, with a reason. Only its provider or the person who recorded it may, and
 * only with counseling.record for every participant; changing the clinical notes also needs counseling.read_notes
 * (whoever may not read the notes may not overwrite them). Type and participants stay (a session held with someone
 * else is a new record). The replaced values are kept in counseling_session_revisions (free text encrypted under the
 * session fields' own contexts, so the same tiers see them); one timeline event per participant and one audit row
 * (field names only) in the same transaction.
 */
export async function correctCounselingSession(
  ctx: AppContext,
  rc: RequestContext,
  sessionId: string,
  input: SessionCorrection,
): Promise<{ id: string; revisionCount: number; changed: string[] }> {
  const repo = new CounselingRepository(ctx.db);
  const found = await repo.findSession(sessionId);
  const participants = found ? await repo.participantsOf([found.id]) : [];
  // A session outside everything the caller may read does not exist for it.
  if (!found || sessionTiers(rc, found, participants).visible.length === 0) throw new AppError(ErrorCode.NOT_FOUND, 'Session not found');
  for (const p of participants) {
    await authorize(ctx, rc, 'counseling.record', { regionCode: p.regionCode, resourceType: 'counseling_session', resourceId: found.id });
  }
  if (found.providerId !== rc.actor.accountId && found.createdBy !== rc.actor.accountId) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Only the session’s provider or the person who recorded it can correct it');
  }
  if (input.notes !== undefined && !sessionTiers(rc, found, participants).notes) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Clinical notes can be changed only by roles that may read them', { field: 'body.notes' });
  }
  input.attendance?.forEach((a, i) => {
    if (!participants.some((p) => p.personId === a.personId)) {
      throw new AppError(ErrorCode.VALIDATION, 'This person did not take part in the session', { field: `body.attendance[${i}].personId` });
    }
  });

  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const txRepo = new CounselingRepository(tx);
    const s = await txRepo.lockSession(found.id);
    if (!s) throw new AppError(ErrorCode.NOT_FOUND, 'Session not found');
    const { changed, errors } = validateSessionCorrection(
      { date: s.date, durationMinutes: s.durationMinutes, participantCount: participants.length, type: s.type, modality: s.modality },
      input,
      todayOf(ctx),
    );
    throwIfInvalid(errors);
    const attendanceBefore = input.attendance ? participants.map((p) => ({ personId: p.personId, attendance: p.attendance })) : null;
    await txRepo.insertRevision({
      sessionId: s.id,
      revisedBy: rc.actor.accountId,
      revisedAt: now,
      reasonEnc: ctx.cipher.encrypt(input.reason.trim(), COUNSELING_CONTEXT.revisionReason),
      changed,
      previous: {
        date: s.date,
        durationMinutes: s.durationMinutes,
        modality: s.modality,
        topic: s.topic,
        goalsEnc: s.goalsEnc,
        outcomeEnc: s.outcomeEnc,
        notesEnc: s.notesEnc,
        attendance: attendanceBefore,
      },
    });
    // A text field given as null or blank is cleared; one left out keeps its value.
    const text = (v: string | null | undefined, before: string | null, context: string) => (v === undefined ? before : sealText(ctx, v, context));
    await txRepo.updateSession(
      s.id,
      {
        date: input.date ?? s.date,
        durationMinutes: input.durationMinutes ?? s.durationMinutes,
        modality: input.modality ?? s.modality,
        topic: input.topic === undefined ? s.topic : input.topic?.trim() || null,
        goalsEnc: text(input.goals, s.goalsEnc, COUNSELING_CONTEXT.sessionGoals),
        outcomeEnc: text(input.outcome, s.outcomeEnc, COUNSELING_CONTEXT.sessionOutcome),
        notesEnc: text(input.notes, s.notesEnc, COUNSELING_CONTEXT.sessionNotes),
      },
      now,
    );
    if (input.attendance) await txRepo.setAttendance(s.id, input.attendance);
    for (const p of participants) {
      await appendTimelineEvent(tx, {
        personId: p.personId,
        occurredAt: now,
        kind: 'counseling.session_corrected',
        refId: s.id,
        summary: { changed: changed.join(',') },
        actorId: rc.actor.accountId,
      });
    }
    await appendAudit(
      tx,
      auditOf(rc, now, {
        action: 'counseling.record',
        resourceType: 'counseling_session',
        resourceId: s.id,
        regionCode: s.regionCode,
        details: { event: 'session_corrected', changed, revision: s.revisionCount + 1 },
      }),
    );
    return { id: s.id, revisionCount: s.revisionCount + 1, changed };
  });
}
