import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { notify } from '../notifications/notify.ts';
import { resolveOwner } from './followup-common.ts';
import { FollowUpRepository, type EnrolmentRecord } from './followup-repository.ts';

/**
 * Bulk reassignment: the given active enrolments (and their open tasks) pass to a team and worker. All or nothing:
 * one enrolment outside the caller's jurisdiction, ended, or not coverable by the worker rejects the whole batch.
 */
export async function reassignEnrolments(
  ctx: AppContext,
  rc: RequestContext,
  input: { enrolmentIds: string[]; teamId: string; workerId?: string },
): Promise<{ reassigned: number }> {
  const ids = [...new Set(input.enrolmentIds)];
  const repo0 = new FollowUpRepository(ctx.db);
  const found: EnrolmentRecord[] = [];
  for (const id of ids) {
    const e = await repo0.findEnrolment(id);
    if (!e) throw new AppError(ErrorCode.NOT_FOUND, 'No such enrolment', { field: 'body.enrolmentIds', details: { enrolmentId: id } });
    await authorize(ctx, rc, 'followup.assign', { regionCode: e.regionCode, resourceType: 'enrolment', resourceId: e.id });
    found.push(e);
  }
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const repo = new FollowUpRepository(tx);
    const byWorker = new Map<string, number>();
    for (const { id } of found) {
      const e = await repo.findEnrolment(id, true);
      if (!e || e.status !== 'active') throw new AppError(ErrorCode.INVALID_STATE, 'An enrolment in the batch has ended', { field: 'body.enrolmentIds', details: { enrolmentId: id } });
      const owner = await resolveOwner(tx, e.regionCode, e.program, { teamId: input.teamId, workerId: input.workerId });
      await repo.setOwner(e.id, owner, now);
      await repo.insertOwnership({ enrolmentId: e.id, ...owner, reason: 'reassigned', at: now, by: rc.actor.accountId });
      if (owner.workerId) byWorker.set(owner.workerId, (byWorker.get(owner.workerId) ?? 0) + 1);
    }
    for (const [workerId, count] of byWorker) {
      await notify(tx, { accountId: workerId, kind: 'followup.assigned', params: { count }, link: '/followup', at: now });
    }
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: 'followup.reassign',
      resourceType: 'team',
      resourceId: input.teamId,
      clientIp: rc.clientIp,
      details: { count: found.length, workerId: input.workerId ?? null, enrolmentIds: found.map((e) => e.id) },
    });
    return { reassigned: found.length };
  });
}
