import { AppError, ErrorCode, getInstrument, validateAnswers } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { personFor, roleOf } from './assessment-access.ts';
import { AssessmentRepository, type AssessmentLanguage, type AssessmentMode } from './assessment-repository.ts';
import { requireAssessmentConsent } from './require-consent.ts';

export interface StartAssessmentInput {
  personId: string;
  instrument: string;
  version?: string | undefined;
  mode: Exclude<AssessmentMode, 'self'>;
  language?: AssessmentLanguage | undefined;
  /** Answers so far (null for unanswered), item order; all blank when left out. */
  answers?: (number | null)[] | undefined;
}

/** Rethrows a domain VALIDATION error with the field under `body.` */
export function bodyField(error: unknown): never {
  if (error instanceof AppError && error.code === ErrorCode.VALIDATION) {
    throw new AppError(ErrorCode.VALIDATION, error.message, { field: `body.${error.field ?? ''}` });
  }
  throw error;
}

/**
 * Starts a draft assessment of a person by staff (assessment.administer in the person's region), in
 * person or by phone. Refused with CONSENT_REQUIRED without a valid consent for assessment.
 */
export async function startAssessment(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  input: StartAssessmentInput,
): Promise<{ id: string; instrument: string; version: string }> {
  let definition;
  try {
    definition = getInstrument(input.instrument, input.version).definition;
  } catch (error) {
    bodyField(error);
  }
  const answers = input.answers ?? definition.items.map(() => null);
  try {
    validateAnswers(definition, answers);
  } catch (error) {
    bodyField(error);
  }
  const person = await personFor(ctx, rc, input.personId, 'assessment.administer', 'body.personId');
  const now = ctx.clock();
  const consentId = await requireAssessmentConsent(ctx.db, person.id, now, ctx.config.timeZone);
  const id = await ctx.db.transaction(async (tx) => {
    const draftId = await new AssessmentRepository(tx).insert({
      personId: person.id,
      regionCode: person.regionCode,
      instrument: definition.id,
      instrumentVersion: definition.version,
      mode: input.mode,
      language: input.language ?? 'zh',
      answers: [...answers],
      consentId,
      administeredBy: rc.actor.accountId,
      version: 1,
      previousId: null,
      amendmentReasonEnc: null,
      at: now,
    });
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleOf(rc),
      action: 'assessment.start',
      resourceType: 'assessment',
      resourceId: draftId,
      regionCode: person.regionCode,
      clientIp: rc.clientIp,
      details: { personId: person.id, instrument: definition.id, version: definition.version, mode: input.mode },
    });
    return draftId;
  });
  return { id, instrument: definition.id, version: definition.version };
}
