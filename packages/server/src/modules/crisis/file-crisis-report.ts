import { AppError, ErrorCode } from '@anxin/domain';
import type { CrisisLevel } from '@anxin/domain/crisis/crisis-level.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CRISIS_CONTEXT, auditCrisis } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';
import { recordCrisisSignal } from './record-crisis-signal.ts';

/** What a reporter can tick on a phone: codes, so the board can show them without free text. */
export const OBSERVED_CODES = [
  'suicide_talk',
  'self_harm',
  'attempt',
  'farewell',
  'violence',
  'weapon',
  'threats',
  'bizarre_behaviour',
  'substance',
  'missing',
  'other',
] as const;
export type ObservedCode = (typeof OBSERVED_CODES)[number];

export const REPORTER_KINDS = ['grid_worker', 'volunteer', 'family_doctor', 'police', 'hospital', 'social_worker', 'other'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];

export interface FileReportInput {
  /** field_report: someone on the ground; hospital / police: manual entry by the crisis team. */
  source?: 'field_report' | 'hospital' | 'police' | undefined;
  reporterKind?: ReporterKind | undefined;
  personId?: string | undefined;
  regionCode?: string | undefined;
  /** Where: an address or a description of the place. */
  address?: string | undefined;
  /** Who, when the person is not registered: a name or how to recognise them. */
  subject?: string | undefined;
  observed: ObservedCode[];
  description?: string | undefined;
  urgency: CrisisLevel;
}

const clean = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

/**
 * A quick report (who, what was seen, how urgent, where) or a manual entry from a hospital or the
 * police. It must locate the person: a registered person, or a region with an address or description.
 * The report and its crisis signal (opening or joining the person's case) are written in one transaction.
 */
export async function fileCrisisReport(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  input: FileReportInput,
): Promise<{ reportId: string; caseId: string; opened: boolean }> {
  const address = clean(input.address);
  const subject = clean(input.subject);
  const description = clean(input.description);
  const repo = new CrisisRepository(ctx.db);

  let regionCode: string;
  if (input.personId !== undefined) {
    const personRegion = await repo.personRegion(input.personId);
    if (!personRegion) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found', { field: 'body.personId' });
    regionCode = personRegion;
  } else {
    if (input.regionCode === undefined) {
      throw new AppError(ErrorCode.VALIDATION, 'Say who the person is, or where: a registered person, or a region with an address or description', {
        field: 'body.personId',
      });
    }
    if (address === undefined && subject === undefined) {
      throw new AppError(ErrorCode.VALIDATION, 'Give an address or a description of the person or place', { field: 'body.address' });
    }
    if (!(await repo.regionExists(input.regionCode))) {
      throw new AppError(ErrorCode.VALIDATION, 'Unknown region', { field: 'body.regionCode' });
    }
    regionCode = input.regionCode;
  }
  await authorize(ctx, rc, 'crisis.report', { regionCode, resourceType: input.personId ? 'person' : 'region', resourceId: input.personId ?? regionCode });

  const source = input.source ?? 'field_report';
  const reporterKind: ReporterKind = input.reporterKind ?? (source === 'field_report' ? 'other' : source);
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const r = new CrisisRepository(tx);
    const reportId = await r.insertReport({
      source,
      reporterId: rc.actor.accountId,
      reporterKind,
      personId: input.personId ?? null,
      regionCode,
      urgency: input.urgency,
      observed: [...new Set(input.observed)],
      descriptionEnc: description ? ctx.cipher.encrypt(description, CRISIS_CONTEXT.reportDescription) : null,
      locationEnc: address ? ctx.cipher.encrypt(address, CRISIS_CONTEXT.reportLocation) : null,
      subjectEnc: subject ? ctx.cipher.encrypt(subject, CRISIS_CONTEXT.reportSubject) : null,
      reportedAt: at,
    });
    const { caseId, opened } = await recordCrisisSignal(tx, {
      personId: input.personId ?? null,
      regionCode,
      source,
      sourceId: reportId,
      level: input.urgency,
      reasons: [...new Set(input.observed)],
      reportedBy: rc.actor.accountId,
      at,
    });
    await r.setReportCase(reportId, caseId);
    await auditCrisis(tx, ctx, rc, 'crisis.report', { id: caseId, regionCode }, { reportId, source, urgency: input.urgency, opened, observed: input.observed.length });
    return { reportId, caseId, opened };
  });
}
