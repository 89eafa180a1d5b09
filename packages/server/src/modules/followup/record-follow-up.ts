import { AppError, ErrorCode } from '@anxin/domain';
import { classifySmd, crisisLevelForRisk, lessSevere, proposeNextFollowUp, windowAround, INTERVALS, type InsightState, type SmdRiskLevel, type SmdClassification, type SocialFunctionState, type SymptomState } from '@anxin/domain/followup/follow-up-policy.ts';
import {
  ADHERENCE,
  COUNSELING_STATUSES,
  DEATH_CAUSES,
  FOLLOW_UP_MODES,
  GUIDANCE,
  INFORMANTS,
  SIDE_EFFECTS,
  UNREACHED_REASONS,
} from '@anxin/domain/followup/follow-up-codes.ts';
import { nextTaskStatus } from '@anxin/domain/followup/follow-up-task.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { consentCheck } from '../assessments/has-valid-consent.ts';
import { recordCrisisSignal } from '../crisis/record-crisis-signal.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { closeEnrolmentInTx } from './end-enrolment.ts';
import { latestResultForPolicy, localDate } from './followup-common.ts';
import { FollowUpRepository } from './followup-repository.ts';

export { ADHERENCE, COUNSELING_STATUSES, DEATH_CAUSES, GUIDANCE, INFORMANTS, SIDE_EFFECTS, UNREACHED_REASONS };
export const MODES = FOLLOW_UP_MODES;

export interface RecordInput {
  visitedOn: string;
  mode: (typeof MODES)[number];
  reached: boolean;
  unreachedReason?: (typeof UNREACHED_REASONS)[number];
  informant?: (typeof INFORMANTS)[number];
  moved?: boolean;
  deceased?: { date: string; cause: (typeof DEATH_CAUSES)[number] };
  assessmentIds?: string[];
  counselingStatus?: (typeof COUNSELING_STATUSES)[number];
  medication?: { takes: boolean; adherence?: (typeof ADHERENCE)[number]; sideEffects?: (typeof SIDE_EFFECTS)[number] };
  /** 2018 spec findings; required for a reached severe-mental-disorder visit. */
  smd?: {
    riskLevel: SmdRiskLevel;
    symptoms: SymptomState;
    insight: InsightState;
    socialFunction: SocialFunctionState;
    severeAdverseReaction: boolean;
    seriousPhysicalIllness: boolean;
    /** The recorder may judge more severe than the rule, never less. */
    classification?: SmdClassification;
  };
  /** Risk level for other programs when assessed. */
  riskLevel?: SmdRiskLevel;
  guidance?: (typeof GUIDANCE)[number][];
  notes?: string;
  /** The next date when it differs from the policy's proposal; then a reason is required. */
  nextDate?: string;
  nextDateReason?: string;
}

export interface RecordResult {
  recordId: string;
  classification: SmdClassification | null;
  next: { taskId: string; dueDate: string; rule: string; proposedDate: string } | null;
  crisisCaseId: string | null;
}

const bad = (field: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { field });

/**
 * Records a follow-up against its open task: closes the task (done, or unreachable) and opens the next one with the
 * policy's date (or the recorder's, with a reason), all in one transaction. A death closes every active enrolment
 * of the person; risk level ≥ 3 raises a crisis signal.
 */
export async function recordFollowUp(ctx: AppContext, rc: RequestContext, taskId: string, input: RecordInput): Promise<RecordResult> {
  const found = await new FollowUpRepository(ctx.db).findTask(taskId);
  if (!found) throw new AppError(ErrorCode.NOT_FOUND, 'No such follow-up task');
  await authorize(ctx, rc, 'followup.record', { regionCode: found.regionCode, resourceType: 'followup_task', resourceId: found.id });

  const now = ctx.clock();
  const today = localDate(now, ctx.config.timeZone);
  if (input.visitedOn > today) throw bad('body.visitedOn', 'A follow-up cannot be dated in the future');
  if (input.reached && input.unreachedReason) throw bad('body.unreachedReason', 'A reached follow-up has no unreached reason');
  if (!input.reached && !input.unreachedReason) throw bad('body.unreachedReason', 'Say why the person was not reached');
  if (input.deceased) {
    if (input.deceased.date > today) throw bad('body.deceased.date', 'A death cannot be dated in the future');
  }
  if (input.medication?.takes && !input.medication.adherence) throw bad('body.medication.adherence', 'Record medication adherence');
  if (input.nextDate !== undefined && input.nextDate < today) throw bad('body.nextDate', 'The next follow-up cannot be before today');
  if (input.nextDate !== undefined && input.nextDate <= input.visitedOn) throw bad('body.nextDate', 'The next follow-up must come after this one');
  const isSmd = found.program === 'severe_mental_disorder';
  if (isSmd && input.reached && !input.deceased && !input.smd) throw bad('body.smd', 'Record the 2018 spec findings (risk level, symptoms, insight, social function)');
  if (!isSmd && input.smd) throw bad('body.smd', 'The 2018 spec findings are for severe mental disorders');
  let classification: SmdClassification | null = null;
  if (input.smd && input.reached) {
    const derived = classifySmd(input.smd);
    if (input.smd.classification && lessSevere(input.smd.classification, derived)) {
      throw bad('body.smd.classification', `The findings make this visit ${derived}; it cannot be classified less severe`);
    }
    classification = input.smd.classification ?? derived;
  }
  const riskLevel: SmdRiskLevel | null = input.smd?.riskLevel ?? input.riskLevel ?? null;

  const consent = await consentCheck(ctx.db, found.personId, 'followup', now, ctx.config.timeZone);
  if (!consent.valid && consent.reason !== 'none') {
    throw new AppError(ErrorCode.CONSENT_REQUIRED, 'Follow-up consent was withdrawn or needs a guardian', { details: { reason: consent.reason } });
  }

  return ctx.db.transaction(async (tx) => {
    const repo = new FollowUpRepository(tx);
    const task = await repo.findTask(taskId, true);
    const closedAs = task ? nextTaskStatus(task.status, input.reached ? 'recorded_reached' : 'recorded_unreached') : null;
    if (!task || (closedAs !== 'done' && closedAs !== 'unreachable')) {
      throw new AppError(ErrorCode.INVALID_STATE, 'This follow-up task is already closed');
    }
    const enrolment = await repo.findEnrolment(task.enrolmentId, true);
    if (!enrolment || enrolment.status !== 'active') throw new AppError(ErrorCode.INVALID_STATE, 'The enrolment has ended');
    if (input.visitedOn < enrolment.enrolledOn) throw bad('body.visitedOn', 'The follow-up is dated before the enrolment');
    const assessmentIds = [...new Set(input.assessmentIds ?? [])];
    if ((await repo.assessmentsOfPerson(task.personId, assessmentIds)).length !== assessmentIds.length) {
      throw bad('body.assessmentIds', 'Linked assessments must be this person’s');
    }

    // The next follow-up, unless the person died.
    let proposal: ReturnType<typeof proposeNextFollowUp> | null = null;
    let nextDate: string | null = null;
    let nextRule: string | null = null;
    let window: { windowStart: string; windowEnd: string } | null = null;
    if (!input.deceased) {
      const latest = await latestResultForPolicy(tx, task.personId);
      proposal = proposeNextFollowUp({
        program: task.program,
        from: input.visitedOn,
        reached: input.reached,
        classification,
        previousClassification: enrolment.lastClassification,
        riskLevel,
        ...latest,
      });
      if (input.nextDate !== undefined && input.nextDate !== proposal.dueDate) {
        if (!input.nextDateReason?.trim()) throw bad('body.nextDateReason', 'Give a reason for a date other than the proposed one');
        nextDate = input.nextDate;
        nextRule = 'manual';
        window = windowAround(nextDate, INTERVALS[proposal.rule].windowDays);
      } else {
        nextDate = proposal.dueDate;
        nextRule = proposal.rule;
        window = { windowStart: proposal.windowStart, windowEnd: proposal.windowEnd };
      }
    }

    await repo.closeTask(task.id, closedAs, now);
    const recordId = await repo.insertRecord({
      taskId: task.id,
      enrolmentId: enrolment.id,
      personId: task.personId,
      regionCode: task.regionCode,
      visitedOn: input.visitedOn,
      mode: input.mode,
      reached: input.reached,
      unreachedReason: input.unreachedReason ?? null,
      informant: input.informant ?? null,
      moved: input.moved ?? false,
      deceasedOn: input.deceased?.date ?? null,
      deathCause: input.deceased?.cause ?? null,
      assessmentIds,
      counselingStatus: input.counselingStatus ?? null,
      takesMedication: input.medication?.takes ?? null,
      medicationAdherence: input.medication?.adherence ?? null,
      sideEffects: input.medication?.sideEffects ?? null,
      riskLevel,
      symptoms: input.smd?.symptoms ?? null,
      insight: input.smd?.insight ?? null,
      socialFunction: input.smd?.socialFunction ?? null,
      severeAdverseReaction: input.smd?.severeAdverseReaction ?? null,
      seriousPhysicalIllness: input.smd?.seriousPhysicalIllness ?? null,
      classification,
      guidance: [...new Set(input.guidance ?? [])],
      notesEnc: input.notes?.trim() ? ctx.cipher.encrypt(input.notes.trim(), 'followup_records.notes') : null,
      proposedNextDate: proposal?.dueDate ?? null,
      nextDate,
      nextRule,
      nextDateReasonEnc: nextRule === 'manual' && input.nextDateReason ? ctx.cipher.encrypt(input.nextDateReason.trim(), 'followup_records.next_date_reason') : null,
      recordedBy: rc.actor.accountId,
      at: now,
    });
    if (classification) await repo.setLastClassification(enrolment.id, classification, now);

    let next: RecordResult['next'] = null;
    if (input.deceased) {
      for (const e of await repo.activeEnrolmentsOfPerson(task.personId)) {
        await closeEnrolmentInTx(tx, e, 'deceased', input.deceased.date, now, rc.actor.accountId);
      }
    } else if (proposal && nextDate && nextRule && window) {
      const nextId = await repo.insertTask({
        enrolmentId: enrolment.id,
        personId: task.personId,
        program: task.program,
        regionCode: enrolment.regionCode,
        teamId: enrolment.teamId,
        workerId: enrolment.workerId,
        dueDate: nextDate,
        ...window,
        status: today > window.windowEnd ? 'overdue' : today >= window.windowStart ? 'due' : 'scheduled',
        rule: nextRule,
        withSpecialist: proposal.withSpecialist,
        at: now,
      });
      next = { taskId: nextId, dueDate: nextDate, rule: nextRule, proposedDate: proposal.dueDate };
    }

    let crisisCaseId: string | null = null;
    const level = riskLevel !== null && input.reached ? crisisLevelForRisk(riskLevel) : null;
    if (level) {
      crisisCaseId = (
        await recordCrisisSignal(tx, {
          personId: task.personId,
          regionCode: task.regionCode,
          source: 'followup',
          sourceId: recordId,
          level,
          reasons: [`followup_risk_level_${riskLevel}`],
          reportedBy: rc.actor.accountId,
          at: now,
        })
      ).caseId;
    }

    await appendTimelineEvent(tx, {
      personId: task.personId,
      occurredAt: now,
      kind: 'followup.recorded',
      refId: recordId,
      summary: {
        program: task.program,
        mode: input.mode,
        reached: input.reached,
        classification,
        riskLevel,
        deceased: Boolean(input.deceased),
        nextDue: next?.dueDate ?? null,
      },
      actorId: rc.actor.accountId,
    });
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: 'followup.record',
      resourceType: 'followup_record',
      resourceId: recordId,
      regionCode: task.regionCode,
      clientIp: rc.clientIp,
      details: { taskId: task.id, reached: input.reached, nextTaskId: next?.taskId ?? null, nextRule },
    });
    return { recordId, classification, next, crisisCaseId };
  });
}
