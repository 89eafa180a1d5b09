import {
  AppError,
  DEFAULT_RISK_CONFIG,
  ErrorCode,
  ancestorCodes,
  consultationReasons,
  evaluateRiskRules,
  isAppError,
  pickSupervisingInstitution,
  scoreInstrument,
  type ScoreResult,
  type TriggeredRiskRule,
} from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';
import { recordCrisisSignal } from '../crisis/record-crisis-signal.ts';
import { notify } from '../notifications/notify.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { AssessmentRepository, type FlagRecord, type NewAssessment, type ScoredFields } from './assessment-repository.ts';
import { ConsultationRepository } from './consultation-repository.ts';

/**
 * Scores answers with the domain, naming the body field on a bad answer (`body.answers[3]`). Throws
 * VALIDATION for an unknown instrument or version too.
 */
export function scoreAnswers(
  instrument: string,
  version: string,
  answers: readonly unknown[],
  sex: 'male' | 'female',
  fieldPrefix = 'body.',
): ScoreResult {
  try {
    return scoreInstrument(instrument, answers as (number | null)[], { version, sex });
  } catch (error) {
    if (isAppError(error) && error.code === ErrorCode.VALIDATION) {
      throw new AppError(ErrorCode.VALIDATION, error.message, { field: `${fieldPrefix}${error.field ?? 'answers'}` });
    }
    throw error;
  }
}

export interface CompletedAssessment {
  id: string;
  result: ScoreResult;
  flags: TriggeredRiskRule[];
  crisisCaseIds: string[];
  consultationId: string | null;
}

/**
 * Everything a submission writes, inside the caller's transaction: the scored result, every risk flag
 * with its explanation, the timeline event, a crisis signal for each crisis-level flag, and a consultation
 * request to the supervising mental-health institution when any flag fired. One transaction: a failure
 * anywhere leaves none of it.
 *
 * `draftId` submits an existing draft (false from the repository → 409: it was submitted meanwhile);
 * otherwise a new submitted row is inserted (self-administration, amendment).
 */
export async function completeAssessment(
  tx: Queryable,
  input: {
    draftId?: string;
    row: NewAssessment;
    sex: 'male' | 'female';
    actorId: string | null;
    fieldPrefix?: string;
    /** The deployment's consultation bands (config ANXIN_CONSULTATION_SEVERITY); the domain defaults when absent. */
    consultationSeverity?: Readonly<Record<string, string>>;
  },
): Promise<CompletedAssessment> {
  const { row } = input;
  const at = row.at;
  const result = scoreAnswers(row.instrument, row.instrumentVersion, row.answers, input.sex, input.fieldPrefix);
  const scored: ScoredFields = {
    total: result.total,
    severity: result.severity,
    complete: result.complete,
    subscales: result.subscales,
    derived: result.derived ?? null,
  };
  const repo = new AssessmentRepository(tx);
  let id: string;
  if (input.draftId !== undefined) {
    if (!(await repo.submitDraft(input.draftId, row.answers, scored, at))) {
      throw new AppError(ErrorCode.CONFLICT, 'This assessment has already been submitted');
    }
    id = input.draftId;
  } else {
    id = await repo.insert(row, scored);
  }

  const flags = evaluateRiskRules(result, row.answers, {
    ...DEFAULT_RISK_CONFIG,
    consultationSeverity: input.consultationSeverity ?? DEFAULT_RISK_CONFIG.consultationSeverity,
  });
  const stored: FlagRecord[] = flags.map((f) => ({
    ruleId: f.ruleId,
    flag: f.flag,
    level: f.level,
    action: f.action,
    reasonZh: f.explanation.zh,
    reasonEn: f.explanation.en,
  }));
  await repo.insertFlags(id, stored, at);

  await appendTimelineEvent(tx, {
    personId: row.personId,
    occurredAt: at,
    kind: row.previousId === null ? 'assessment.completed' : 'assessment.amended',
    refId: id,
    summary: {
      instrument: row.instrument,
      version: row.version,
      total: result.total,
      severity: result.severity,
      complete: result.complete,
      flags: flags.length,
      mode: row.mode,
    },
    actorId: input.actorId,
  });

  // Crisis-level flags open (or join) the person's crisis case in this same transaction.
  const crisisCaseIds: string[] = [];
  for (const f of flags.filter((x) => x.action === 'crisis')) {
    const { caseId } = await recordCrisisSignal(tx, {
      personId: row.personId,
      regionCode: row.regionCode,
      source: 'assessment',
      sourceId: `${id}:${f.ruleId}`,
      level: f.level,
      reasons: [f.flag],
      reportedBy: input.actorId,
      at,
    });
    if (!crisisCaseIds.includes(caseId)) crisisCaseIds.push(caseId);
  }

  let consultationId: string | null = null;
  const reasons = consultationReasons(stored);
  if (reasons.length > 0) {
    const consultations = new ConsultationRepository(tx);
    const areas = [...ancestorCodes(row.regionCode), row.regionCode];
    const institutionId = pickSupervisingInstitution(row.regionCode, await consultations.candidatesFor('mental_health_institution', areas)) ?? null;
    const primaryCareOrgId = pickSupervisingInstitution(row.regionCode, await consultations.candidatesFor('primary_care', areas), 'primary_care') ?? null;
    consultationId = await consultations.insert({ assessmentId: id, personId: row.personId, regionCode: row.regionCode, institutionId, primaryCareOrgId, reasons, at });
    if (institutionId !== null) {
      for (const accountId of await consultations.accountsOf(institutionId, 'psychiatrist')) {
        await notify(tx, {
          accountId,
          kind: 'assessment.consultation_requested',
          params: { instrument: row.instrument, severity: result.severity ?? '' },
          link: `/assessments/consultations?id=${consultationId}`,
          dedupeKey: `consultation:${consultationId}`,
          at,
        });
      }
    }
  }
  return { id, result, flags, crisisCaseIds, consultationId };
}
