import { AppError, ErrorCode, turnaroundMinutes, type ConsultationRecommendation } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { notify } from '../notifications/notify.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { roleOf } from './assessment-access.ts';
import { ASSESSMENT_CONTEXT } from './assessment-crypto.ts';
import { AssessmentRepository } from './assessment-repository.ts';
import { toConsultationView, type ConsultationView } from './assessment-view.ts';
import { ConsultationRepository } from './consultation-repository.ts';

/**
 * A psychiatrist's review (assessment.review in the person's region): opinion (encrypted) and
 * recommendation, with the turnaround time from request to review. The result returns to primary care:
 * the administering staff member and the primary-care institution's doctors are notified, and the
 * person's timeline shows it. A second review is CONFLICT.
 */
export async function reviewConsultation(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  input: { id: string; opinion: string; recommendation: ConsultationRecommendation },
): Promise<ConsultationView> {
  const consultation = await new ConsultationRepository(ctx.db).find(input.id);
  if (!consultation) throw new AppError(ErrorCode.NOT_FOUND, 'Consultation not found');
  await authorize(ctx, rc, 'assessment.review', { regionCode: consultation.regionCode, resourceType: 'consultation', resourceId: consultation.id });
  const opinion = input.opinion.trim();
  if (opinion.length === 0) throw new AppError(ErrorCode.VALIDATION, 'Write an opinion', { field: 'body.opinion' });
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const repo = new ConsultationRepository(tx);
    const locked = await repo.find(consultation.id, true);
    if (locked?.status !== 'pending') throw new AppError(ErrorCode.CONFLICT, 'This consultation has already been reviewed');
    const minutes = turnaroundMinutes(locked.requestedAt, now);
    await repo.complete(locked.id, {
      reviewedBy: rc.actor.accountId,
      at: now,
      opinionEnc: ctx.cipher.encrypt(opinion, ASSESSMENT_CONTEXT.opinion),
      recommendation: input.recommendation,
      turnaroundMinutes: minutes,
    });
    const assessment = await new AssessmentRepository(tx).find(locked.assessmentId);
    await appendTimelineEvent(tx, {
      personId: locked.personId,
      occurredAt: now,
      kind: 'assessment.reviewed',
      refId: locked.assessmentId,
      summary: { consultationId: locked.id, recommendation: input.recommendation, turnaroundMinutes: minutes, instrument: assessment?.instrument ?? null },
      actorId: rc.actor.accountId,
    });
    const recipients = new Set<string>();
    if (assessment?.administeredBy) recipients.add(assessment.administeredBy);
    if (locked.primaryCareOrgId !== null) for (const id of await repo.accountsOf(locked.primaryCareOrgId, 'primary_care_doctor')) recipients.add(id);
    recipients.delete(rc.actor.accountId);
    for (const accountId of recipients) {
      await notify(tx, {
        accountId,
        kind: 'assessment.consultation_reviewed',
        params: { recommendation: input.recommendation, instrument: assessment?.instrument ?? '' },
        link: `/register/persons/${locked.personId}`,
        dedupeKey: `consultation-reviewed:${locked.id}`,
        at: now,
      });
    }
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleOf(rc),
      action: 'assessment.review',
      resourceType: 'consultation',
      resourceId: locked.id,
      regionCode: locked.regionCode,
      clientIp: rc.clientIp,
      details: { assessmentId: locked.assessmentId, recommendation: input.recommendation, turnaroundMinutes: minutes, notified: recipients.size },
    });
    const done = await repo.find(locked.id);
    if (!done) throw new Error('consultation vanished');
    return toConsultationView(ctx.cipher, done);
  });
}
