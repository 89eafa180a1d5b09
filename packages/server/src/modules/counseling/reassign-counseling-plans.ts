import { AppError, ErrorCode, ancestorCodes, can, isRole, type Actor } from '@anxin/domain';
import { planIsOpen, reassignedOwner } from '@anxin/domain/service/counseling.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { notify } from '../notifications/notify.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CounselingRepository, type PlanOwnerRecord } from './counseling-repository.ts';
import { auditOf, throwIfInvalid } from './service-support.ts';

export interface ReassignPlansInput {
  planIds: string[];
  /** The new responsible counselor; left out keeps the current one, null clears it. */
  responsibleAccountId?: string | null | undefined;
  /** The new responsible team; left out keeps the current one, null clears it. */
  teamId?: string | null | undefined;
}

/**
 * Intervention plans change hands, one or many at once (a counselor leaves, a caseload is rebalanced). All or
 * nothing: every plan must exist, be going on (active or paused) and lie where the caller may assign service work
 * (`followup.assign`, e.g. the county health administration) or record counseling (`counseling.record`, e.g. a
 * counselor handing over a plan); the new counselor must be able to record counseling in every plan's region and
 * the new team must cover it. Each change is kept in counseling_plan_ownership, on the person's timeline and in the
 * audit log; the new counselor is notified once for the batch.
 */
export async function reassignCounselingPlans(ctx: AppContext, rc: RequestContext, input: ReassignPlansInput): Promise<{ reassigned: number }> {
  const ids = [...new Set(input.planIds)];
  const repo = new CounselingRepository(ctx.db);
  const plans = await repo.planOwners(ids);
  for (const id of ids) {
    const plan = plans.find((p) => p.id === id);
    if (!plan) throw new AppError(ErrorCode.NOT_FOUND, 'No such plan', { field: 'body.planIds', details: { planId: id } });
    if (!can(rc.actor, 'followup.assign', { regionCode: plan.regionCode })) {
      await authorize(ctx, rc, 'counseling.record', { regionCode: plan.regionCode, resourceType: 'counseling_plan', resourceId: plan.id });
    }
  }

  // The new owner, checked once against every plan's region.
  let counselor: Actor | undefined;
  if (input.responsibleAccountId) {
    const found = await repo.accountRoles(input.responsibleAccountId);
    if (!found) throw new AppError(ErrorCode.VALIDATION, 'No such account', { field: 'body.responsibleAccountId' });
    counselor = {
      accountId: input.responsibleAccountId,
      username: found.username,
      roles: found.roles.flatMap((r) => (isRole(r.role) ? [{ role: r.role, regionCode: r.regionCode, organizationId: r.organizationId }] : [])),
    };
  }
  if (input.teamId && (await repo.teamRegion(input.teamId)) === undefined) {
    throw new AppError(ErrorCode.VALIDATION, 'No such team', { field: 'body.teamId' });
  }
  for (const plan of plans) {
    if (counselor && !can(counselor, 'counseling.record', { regionCode: plan.regionCode })) {
      throw new AppError(ErrorCode.VALIDATION, 'The counselor may not record counseling where this plan’s person lives', {
        field: 'body.responsibleAccountId',
        details: { planId: plan.id },
      });
    }
    if (input.teamId && !(await repo.teamCovers(input.teamId, [plan.regionCode, ...ancestorCodes(plan.regionCode)]))) {
      throw new AppError(ErrorCode.VALIDATION, 'The team does not cover where this plan’s person lives', { field: 'body.teamId', details: { planId: plan.id } });
    }
  }

  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const txRepo = new CounselingRepository(tx);
    const locked: PlanOwnerRecord[] = await txRepo.planOwners(ids, true);
    for (const plan of locked) {
      if (!planIsOpen(plan.status)) {
        throw new AppError(ErrorCode.INVALID_STATE, `A ${plan.status} plan keeps its owner`, { field: 'body.planIds', details: { planId: plan.id } });
      }
      const { owner, errors } = reassignedOwner(plan, { teamId: input.teamId, responsibleAccountId: input.responsibleAccountId });
      throwIfInvalid(errors);
      await txRepo.setPlanOwner(plan.id, owner, now);
      await txRepo.insertPlanOwnership({
        planId: plan.id,
        ...owner,
        previousTeamId: plan.teamId,
        previousAccountId: plan.responsibleAccountId,
        by: rc.actor.accountId,
        at: now,
      });
      await appendTimelineEvent(tx, {
        personId: plan.personId,
        occurredAt: now,
        kind: 'counseling.plan_reassigned',
        refId: plan.id,
        summary: { counselorChanged: owner.responsibleAccountId !== plan.responsibleAccountId, teamChanged: owner.teamId !== plan.teamId },
        actorId: rc.actor.accountId,
      });
    }
    if (input.responsibleAccountId && input.responsibleAccountId !== rc.actor.accountId) {
      await notify(tx, { accountId: input.responsibleAccountId, kind: 'counseling.plans_assigned', params: { count: locked.length }, link: '/service', at: now });
    }
    await appendAudit(
      tx,
      auditOf(rc, now, {
        action: 'counseling.record',
        resourceType: 'counseling_plan',
        resourceId: locked.length === 1 ? (locked[0]?.id ?? null) : null,
        regionCode: null,
        details: {
          event: 'plans_reassigned',
          count: locked.length,
          planIds: locked.map((p) => p.id),
          responsibleAccountId: input.responsibleAccountId ?? null,
          teamId: input.teamId ?? null,
        },
      }),
    );
    return { reassigned: locked.length };
  });
}
