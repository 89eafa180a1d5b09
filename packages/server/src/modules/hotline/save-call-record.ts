import { AppError, ErrorCode, can } from '@anxin/domain';
import { filingErrors } from '@anxin/domain/hotline/call-record.ts';
import { validateProblems } from '@anxin/domain/hotline/problem-taxonomy.ts';
import { assessRisk, type RiskAnswers } from '@anxin/domain/hotline/risk-assessment.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordCrisisSignal } from '../crisis/record-crisis-signal.ts';
import { notify } from '../notifications/notify.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { RegionRepository } from '../regions/region-repository.ts';
import { CallRepository, type RecordPatch } from './call-repository.ts';
import { HOTLINE_CONTEXT, roleList } from './hotline-crypto.ts';
import { LineRepository } from './line-repository.ts';

export interface SaveCallRecordInput {
  /** The version the client last saw. Saving is last-write-wins; `overwrote` tells the client it replaced a newer save. */
  version: number;
  anonymous?: boolean | undefined;
  callerGroup?: string | null | undefined;
  ageBand?: string | null | undefined;
  sex?: string | null | undefined;
  callerRegionCode?: string | null | undefined;
  problems?: { category: string; subcategory?: string | null | undefined }[] | undefined;
  risk?: RiskAnswers | null | undefined;
  dispositions?: string[] | undefined;
  callbackConsent?: boolean | undefined;
  callerNumber?: string | null | undefined;
  notes?: string | null | undefined;
  /** File the record (final); otherwise the draft is only saved. */
  file?: boolean | undefined;
}

export interface SaveCallRecordResult {
  version: number;
  overwrote: boolean;
  status: 'draft' | 'filed';
  riskLevel: string | null;
  crisisCaseId: string | null;
}

/**
 * Autosave and filing of a call record. Only the fields sent are changed, so two tabs writing different
 * fields do not undo each other. A risk assessment of high or imminent opens (or joins) a crisis case in
 * the same transaction and alerts the supervisors on duty, once per call.
 */
export async function saveCallRecord(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  id: string,
  input: SaveCallRecordInput,
): Promise<SaveCallRecordResult> {
  const calls = new CallRepository(ctx.db);
  const found = await calls.find(id);
  if (!found) throw new AppError(ErrorCode.NOT_FOUND, 'No such call', { field: 'params.id' });
  await authorize(ctx, rc, 'hotline.call_record', { regionCode: found.regionCode, resourceType: 'hotline_call', resourceId: id });

  const problems = input.problems?.map((p) => ({ category: p.category, subcategory: p.subcategory ?? null }));
  if (problems) {
    const bad = validateProblems(problems);
    if (bad) throw new AppError(ErrorCode.VALIDATION, bad.message, { field: `body.problems[${bad.index}]` });
  }
  if (input.callerRegionCode && !(await new RegionRepository(ctx.db).find(input.callerRegionCode))) {
    throw new AppError(ErrorCode.VALIDATION, `Region ${input.callerRegionCode} does not exist`, { field: 'body.callerRegionCode' });
  }
  const now = ctx.clock();
  const riskResult = input.risk ? assessRisk(input.risk) : null;

  return ctx.db.transaction(async (tx) => {
    const repo = new CallRepository(tx);
    const call = await repo.lockForUpdate(id);
    if (!call) throw new AppError(ErrorCode.NOT_FOUND, 'No such call', { field: 'params.id' });
    if (call.recordStatus === 'none') throw new AppError(ErrorCode.INVALID_STATE, 'This call has not been answered: there is no record to write');
    if (call.recordStatus === 'filed') throw new AppError(ErrorCode.INVALID_STATE, 'This record is filed and can no longer be changed');
    if (call.counselorId !== null && call.counselorId !== rc.actor.accountId && !can(rc.actor, 'hotline.supervise', { regionCode: call.regionCode })) {
      throw new AppError(ErrorCode.FORBIDDEN, 'This record belongs to another counselor');
    }

    const consent = input.callbackConsent ?? call.callbackConsent;
    const patch: RecordPatch = {};
    if (input.anonymous !== undefined) patch.anonymous = input.anonymous;
    if (input.callerGroup !== undefined) patch.callerGroup = input.callerGroup;
    if (input.ageBand !== undefined) patch.ageBand = input.ageBand;
    if (input.sex !== undefined) patch.sex = input.sex;
    if (input.callerRegionCode !== undefined) patch.callerRegionCode = input.callerRegionCode;
    if (problems) patch.problems = problems;
    if (input.risk !== undefined) {
      patch.risk = input.risk === null ? null : { ...input.risk };
      patch.riskLevel = riskResult?.level ?? null;
    }
    if (input.dispositions !== undefined) patch.dispositions = [...new Set(input.dispositions)];
    if (input.callbackConsent !== undefined) patch.callbackConsent = input.callbackConsent;
    if (input.callerNumber !== undefined && input.callerNumber !== null && input.callerNumber.trim() !== '') {
      if (!consent) throw new AppError(ErrorCode.CONSENT_REQUIRED, 'The caller’s number is kept only with consent to a callback', { field: 'body.callerNumber' });
      patch.callerNumberEnc = ctx.cipher.encrypt(input.callerNumber.trim(), HOTLINE_CONTEXT.callerNumber);
    } else if (input.callerNumber !== undefined) patch.callerNumberEnc = null;
    if (!consent) patch.callerNumberEnc = null; // consent withdrawn: the number goes
    if (input.notes !== undefined) patch.notesEnc = input.notes === null || input.notes === '' ? null : ctx.cipher.encrypt(input.notes, HOTLINE_CONTEXT.notes);

    if (input.file) {
      const risk = input.risk !== undefined ? input.risk : (call.risk as RiskAnswers | null);
      const errors = filingErrors({
        problems: patch.problems ?? call.problems,
        risk,
        dispositions: patch.dispositions ?? call.dispositions,
        callbackConsent: consent,
        hasCallerNumber: patch.callerNumberEnc !== undefined ? patch.callerNumberEnc !== null : call.callerNumberEnc !== null,
      });
      const first = errors[0];
      if (first) {
        throw new AppError(ErrorCode.VALIDATION, first.message, {
          field: `body.${first.field}`,
          details: { errors: errors.map((e) => ({ ...e, field: `body.${e.field}` })) },
        });
      }
    }

    let crisisCaseId = call.crisisCaseId;
    if (riskResult?.escalate && (riskResult.level === 'high' || riskResult.level === 'imminent')) {
      const signal = await recordCrisisSignal(tx, {
        personId: call.personId,
        regionCode: call.regionCode,
        source: 'hotline',
        sourceId: call.id,
        level: riskResult.level,
        reasons: riskResult.reasons,
        reportedBy: rc.actor.accountId,
        at: now,
      });
      crisisCaseId = signal.caseId;
      const lines = new LineRepository(tx);
      const onDuty = await lines.supervisorsOnDuty(call.lineId, now);
      const supervisors = onDuty.length > 0 ? onDuty : await lines.lineSupervisors(call.lineId);
      for (const accountId of supervisors) {
        await notify(tx, {
          accountId,
          kind: 'hotline.high_risk',
          params: { level: riskResult.level, line: call.lineNumber },
          link: `/hotline?call=${call.id}`,
          dedupeKey: `hotline.high_risk:${call.id}:${riskResult.level}`,
          at: now,
        });
      }
      if (call.crisisCaseId === null) {
        await appendAudit(tx, {
          at: now,
          accountId: rc.actor.accountId,
          username: rc.actor.username,
          role: roleList(rc.actor.roles),
          action: 'hotline.high_risk_escalate',
          resourceType: 'hotline_call',
          resourceId: call.id,
          regionCode: call.regionCode,
          clientIp: rc.clientIp,
          details: { level: riskResult.level, crisisCaseId: signal.caseId, supervisorsAlerted: supervisors.length },
        });
      }
    }

    const version = await repo.updateRecord(id, patch, {
      counselorId: rc.actor.accountId,
      at: now,
      file: input.file === true,
      crisisCaseId: crisisCaseId !== call.crisisCaseId ? crisisCaseId : null,
    });
    if (input.file) {
      const categories = (patch.problems ?? call.problems).map((p) => p.category);
      await appendAudit(tx, {
        at: now,
        accountId: rc.actor.accountId,
        username: rc.actor.username,
        role: roleList(rc.actor.roles),
        action: 'hotline.call_file',
        resourceType: 'hotline_call',
        resourceId: call.id,
        regionCode: call.regionCode,
        clientIp: rc.clientIp,
        details: { categories, riskLevel: patch.riskLevel ?? call.riskLevel, dispositions: patch.dispositions ?? call.dispositions },
      });
      if (call.personId) {
        await appendTimelineEvent(tx, {
          personId: call.personId,
          occurredAt: call.offeredAt,
          kind: 'hotline.call',
          refId: call.id,
          summary: { riskLevel: patch.riskLevel ?? call.riskLevel, categories: categories.length },
          actorId: rc.actor.accountId,
        });
      }
    }
    return {
      version,
      overwrote: call.version > input.version,
      status: input.file ? 'filed' : 'draft',
      riskLevel: patch.riskLevel !== undefined ? patch.riskLevel : call.riskLevel,
      crisisCaseId,
    };
  });
}
