import { AppError, ErrorCode } from '@anxin/domain';
import { INTERVENTION_TYPES, type InterventionType } from '@anxin/domain/service/counseling.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CounselingRepository } from './counseling-repository.ts';
import { COUNSELING_CONTEXT } from './counseling-view.ts';
import { auditOf, personFor, sealText, todayOf } from './service-support.ts';

export interface CreatePlanInput {
  /** Required unless the plan follows a consultation, which names the person. */
  personId?: string | undefined;
  /** The consultation (会诊) whose recommendation the plan follows. */
  consultationId?: string | undefined;
  /** Defaults to the consultation's recommendation when that is group, family or individual. */
  type?: InterventionType | undefined;
  goals?: string | undefined;
  teamId?: string | undefined;
  responsibleAccountId?: string | undefined;
  startDate?: string | undefined;
}

const isInterventionType = (v: string | null): v is InterventionType => v !== null && (INTERVENTION_TYPES as readonly string[]).includes(v);

/**
 * Creates an intervention plan (心理疏导方案) for a person, from a consultation's recommendation or made
 * directly. A consultation may be followed by one open plan (a second → ALREADY_EXISTS naming the plan).
 */
export async function createCounselingPlan(ctx: AppContext, rc: RequestContext, input: CreatePlanInput): Promise<{ id: string }> {
  const now = ctx.clock();
  const today = todayOf(ctx);
  const repo = new CounselingRepository(ctx.db);

  let personId = input.personId;
  let type = input.type;
  if (input.consultationId !== undefined) {
    const c = await repo.consultation(input.consultationId);
    if (!c) throw new AppError(ErrorCode.VALIDATION, 'No such consultation', { field: 'body.consultationId' });
    if (personId !== undefined && personId !== c.personId) {
      throw new AppError(ErrorCode.VALIDATION, 'The consultation is about another person', { field: 'body.personId' });
    }
    if (c.status !== 'completed') {
      throw new AppError(ErrorCode.INVALID_STATE, 'The consultation has no recommendation yet', { field: 'body.consultationId' });
    }
    personId = c.personId;
    if (type === undefined && isInterventionType(c.recommendation)) type = c.recommendation;
  }
  if (personId === undefined) throw new AppError(ErrorCode.VALIDATION, 'Name the person or the consultation', { field: 'body.personId' });
  if (type === undefined) {
    throw new AppError(ErrorCode.VALIDATION, 'Choose the type of intervention: individual, group or family', { field: 'body.type' });
  }
  const startDate = input.startDate ?? today;
  if (input.teamId === undefined && input.responsibleAccountId === undefined) {
    throw new AppError(ErrorCode.VALIDATION, 'Name the responsible counselor or team', { field: 'body.responsibleAccountId' });
  }

  const person = await personFor(ctx.db, personId, 'body.personId', startDate);
  await authorize(ctx, rc, 'counseling.record', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  if (input.teamId !== undefined && (await repo.teamRegion(input.teamId)) === undefined) {
    throw new AppError(ErrorCode.VALIDATION, 'No such team', { field: 'body.teamId' });
  }
  if (input.responsibleAccountId !== undefined && !(await repo.accountExists(input.responsibleAccountId))) {
    throw new AppError(ErrorCode.VALIDATION, 'No such account', { field: 'body.responsibleAccountId' });
  }

  return ctx.db.transaction(async (tx) => {
    const id = await new CounselingRepository(tx).insertPlan({
      personId: person.id,
      regionCode: person.regionCode,
      type,
      consultationId: input.consultationId ?? null,
      goalsEnc: sealText(ctx, input.goals, COUNSELING_CONTEXT.planGoals),
      teamId: input.teamId ?? null,
      responsibleAccountId: input.responsibleAccountId ?? null,
      startDate,
      createdBy: rc.actor.accountId,
      at: now,
    });
    if (id === undefined) {
      throw new AppError(ErrorCode.ALREADY_EXISTS, 'This consultation already has an open plan', { field: 'body.consultationId' });
    }
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: now,
      kind: 'counseling.plan_created',
      refId: id,
      summary: { type, fromConsultation: input.consultationId !== undefined },
      actorId: rc.actor.accountId,
    });
    await appendAudit(
      tx,
      auditOf(rc, now, {
        action: 'counseling.record',
        resourceType: 'counseling_plan',
        resourceId: id,
        regionCode: person.regionCode,
        details: { event: 'plan_created', type, fromConsultation: input.consultationId !== undefined },
      }),
    );
    return { id };
  });
}
