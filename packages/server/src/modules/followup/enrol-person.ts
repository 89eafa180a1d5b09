import { AppError, ErrorCode } from '@anxin/domain';
import { type Program } from '@anxin/domain/followup/follow-up-policy.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { consentCheck } from '../assessments/has-valid-consent.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { localDate, openFirstTask, resolveOwner } from './followup-common.ts';
import { FollowUpRepository } from './followup-repository.ts';

export interface EnrolInput {
  personId: string;
  program: Program;
  teamId?: string;
  workerId?: string;
}

/**
 * Enrols a person in a program: responsible team and worker (given, or by the team covering the person's region)
 * and the first follow-up task, in one transaction. A person who withdrew follow-up consent cannot be enrolled.
 */
export async function enrolPerson(
  ctx: AppContext,
  rc: RequestContext,
  input: EnrolInput,
): Promise<{ enrolmentId: string; taskId: string; dueDate: string; teamId: string | null; workerId: string | null }> {
  const person = await new FollowUpRepository(ctx.db).findPerson(input.personId);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'No such person', { field: 'body.personId' });
  await authorize(ctx, rc, 'followup.assign', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  if (person.mergedInto) throw new AppError(ErrorCode.GONE, 'This record was merged into another person', { field: 'body.personId', details: { personId: person.mergedInto } });
  if (person.deceasedOn) throw new AppError(ErrorCode.INVALID_STATE, 'The person is recorded as deceased', { field: 'body.personId' });
  const now = ctx.clock();
  const consent = await consentCheck(ctx.db, person.id, 'followup', now, ctx.config.timeZone);
  if (!consent.valid && consent.reason !== 'none') {
    throw new AppError(ErrorCode.CONSENT_REQUIRED, 'Follow-up consent was withdrawn or needs a guardian', { field: 'body.personId', details: { reason: consent.reason } });
  }
  const today = localDate(now, ctx.config.timeZone);
  return ctx.db.transaction(async (tx) => {
    const repo = new FollowUpRepository(tx);
    const owner = await resolveOwner(tx, person.regionCode, input.program, input);
    const enrolmentId = await repo.insertEnrolment({
      personId: person.id,
      program: input.program,
      regionCode: person.regionCode,
      teamId: owner.teamId,
      workerId: owner.workerId,
      enrolledOn: today,
      createdBy: rc.actor.accountId,
      at: now,
    });
    if (!enrolmentId) {
      const existing = await repo.activeEnrolmentId(person.id, input.program);
      throw new AppError(ErrorCode.ALREADY_EXISTS, 'The person is already enrolled in this program', { field: 'body.program', details: { enrolmentId: existing } });
    }
    await repo.insertOwnership({ enrolmentId, ...owner, reason: 'enrolled', at: now, by: rc.actor.accountId });
    const { taskId, dueDate } = await openFirstTask(tx, { enrolmentId, personId: person.id, program: input.program, owner, enrolledOn: today, today, at: now });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: now,
      kind: 'followup.enrolled',
      refId: enrolmentId,
      summary: { program: input.program, firstDue: dueDate },
      actorId: rc.actor.accountId,
    });
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: 'followup.enrol',
      resourceType: 'enrolment',
      resourceId: enrolmentId,
      regionCode: person.regionCode,
      clientIp: rc.clientIp,
      details: { program: input.program, teamId: owner.teamId, workerId: owner.workerId, taskId },
    });
    return { enrolmentId, taskId, dueDate, teamId: owner.teamId, workerId: owner.workerId };
  });
}
