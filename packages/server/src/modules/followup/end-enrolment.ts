import { AppError, ErrorCode } from '@anxin/domain';
import { END_REASONS } from '@anxin/domain/followup/follow-up-codes.ts';
import { nextTaskStatus } from '@anxin/domain/followup/follow-up-task.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { localDate } from './followup-common.ts';
import { FollowUpRepository, type EnrolmentRecord } from './followup-repository.ts';

export { END_REASONS };
export type EndReason = (typeof END_REASONS)[number];

/** Withdrawal (the person's choice) or closure (recovered, deceased, moved away): cancels the open task. */
export async function closeEnrolmentInTx(
  tx: Queryable,
  e: EnrolmentRecord,
  reason: EndReason,
  endedOn: string,
  at: Date,
  actorId: string | null,
): Promise<void> {
  const repo = new FollowUpRepository(tx);
  const status = reason === 'consent_withdrawn' || reason === 'person_request' ? 'withdrawn' : 'closed';
  const open = await repo.openTaskOf(e.id);
  if (open && nextTaskStatus(open.status, 'cancel') === 'cancelled') await repo.closeTask(open.id, 'cancelled', at, `enrolment_${status}`);
  await repo.endEnrolment(e.id, status, endedOn, reason, at);
  await appendTimelineEvent(tx, {
    personId: e.personId,
    occurredAt: at,
    kind: status === 'withdrawn' ? 'followup.withdrawn' : 'followup.closed',
    refId: e.id,
    summary: { program: e.program, reason },
    actorId,
  });
}

export async function endEnrolment(
  ctx: AppContext,
  rc: RequestContext,
  enrolmentId: string,
  input: { reason: EndReason },
): Promise<{ status: 'withdrawn' | 'closed' }> {
  const found = await new FollowUpRepository(ctx.db).findEnrolment(enrolmentId);
  if (!found) throw new AppError(ErrorCode.NOT_FOUND, 'No such enrolment');
  await authorize(ctx, rc, 'followup.assign', { regionCode: found.regionCode, resourceType: 'enrolment', resourceId: found.id });
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const e = await new FollowUpRepository(tx).findEnrolment(enrolmentId, true);
    if (!e || e.status !== 'active') throw new AppError(ErrorCode.INVALID_STATE, 'The enrolment has already ended');
    await closeEnrolmentInTx(tx, e, input.reason, localDate(now, ctx.config.timeZone), now, rc.actor.accountId);
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: 'followup.end_enrolment',
      resourceType: 'enrolment',
      resourceId: e.id,
      regionCode: e.regionCode,
      clientIp: rc.clientIp,
      details: { reason: input.reason },
    });
    return { status: input.reason === 'consent_withdrawn' || input.reason === 'person_request' ? 'withdrawn' : 'closed' };
  });
}

/**
 * For the register: when a person is recorded deceased (verification), close every active enrolment of the person
 * and cancel their open follow-ups, inside the register's transaction. Returns how many enrolments were closed.
 */
export async function endFollowUpForPerson(
  tx: Queryable,
  personId: string,
  reason: Extract<EndReason, 'deceased' | 'moved_away'>,
  endedOn: string,
  options: { at: Date; actorId: string | null },
): Promise<number> {
  const enrolments = await new FollowUpRepository(tx).activeEnrolmentsOfPerson(personId);
  for (const e of enrolments) await closeEnrolmentInTx(tx, e, reason, endedOn, options.at, options.actorId);
  return enrolments.length;
}
