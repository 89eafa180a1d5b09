import { AppError, ErrorCode } from '@anxin/domain';
import { canChangePlanStatus, type PlanStatus } from '@anxin/domain/service/counseling.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CounselingRepository } from './counseling-repository.ts';
import { auditOf, todayOf } from './service-support.ts';

/** Pauses, resumes, completes or cancels a plan; a finished plan stays finished (INVALID_STATE). */
export async function changePlanStatus(ctx: AppContext, rc: RequestContext, input: { planId: string; status: PlanStatus }): Promise<{ id: string; status: PlanStatus }> {
  const plan = await new CounselingRepository(ctx.db).findPlan(input.planId);
  if (!plan) throw new AppError(ErrorCode.NOT_FOUND, 'Plan not found');
  await authorize(ctx, rc, 'counseling.record', { regionCode: plan.regionCode, resourceType: 'counseling_plan', resourceId: plan.id });
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const repo = new CounselingRepository(tx);
    const locked = await repo.lockPlan(plan.id);
    if (!locked) throw new AppError(ErrorCode.NOT_FOUND, 'Plan not found');
    if (!canChangePlanStatus(locked.status, input.status)) {
      throw new AppError(ErrorCode.INVALID_STATE, `A ${locked.status} plan cannot become ${input.status}`, { field: 'body.status' });
    }
    const finished = input.status === 'completed' || input.status === 'cancelled';
    await repo.setPlanStatus(plan.id, input.status, finished ? todayOf(ctx) : null, now);
    await appendTimelineEvent(tx, {
      personId: locked.personId,
      occurredAt: now,
      kind: 'counseling.plan_status',
      refId: plan.id,
      summary: { from: locked.status, to: input.status },
      actorId: rc.actor.accountId,
    });
    await appendAudit(
      tx,
      auditOf(rc, now, {
        action: 'counseling.record',
        resourceType: 'counseling_plan',
        resourceId: plan.id,
        regionCode: locked.regionCode,
        details: { event: 'plan_status', from: locked.status, to: input.status },
      }),
    );
    return { id: plan.id, status: input.status };
  });
}
