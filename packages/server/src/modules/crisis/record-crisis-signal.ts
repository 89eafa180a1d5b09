import { AppError, ErrorCode } from '@anxin/domain';
import {
  CRISIS_SOURCES,
  compareLevel,
  isCrisisLevel,
  type CrisisLevel as DomainCrisisLevel,
} from '@anxin/domain/crisis/crisis-level.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CrisisSignalRepository } from './crisis-signal-repository.ts';

export type CrisisLevel = DomainCrisisLevel;

export interface CrisisSignal {
  /** null for an anonymous caller: the signal then opens a case of its own. */
  personId: string | null;
  regionCode: string;
  source: 'assessment' | 'field_report' | 'hotline' | 'hospital' | 'police' | 'followup';
  /** The id of the record that raised the signal in its module; (source, sourceId) makes the call idempotent. */
  sourceId: string;
  level: CrisisLevel;
  /** Reason codes (e.g. 'phq9_item9', 'plan'), never free text: they reach the board and the timeline. */
  reasons: string[];
  reportedBy: string | null;
  at: Date;
}

const REASON_CODE = /^[a-z0-9_.:-]{1,64}$/;

function validate(s: CrisisSignal): void {
  if (!(CRISIS_SOURCES as readonly string[]).includes(s.source)) {
    throw new AppError(ErrorCode.VALIDATION, 'Unknown crisis signal source', { field: 'source' });
  }
  if (!isCrisisLevel(s.level)) {
    throw new AppError(ErrorCode.VALIDATION, 'Unknown crisis level', { field: 'level' });
  }
  if (s.sourceId.length === 0 || s.sourceId.length > 200) {
    throw new AppError(ErrorCode.VALIDATION, 'sourceId must be 1-200 characters', { field: 'sourceId' });
  }
  if (!/^\d{12}(\d{3})?$/.test(s.regionCode)) {
    throw new AppError(ErrorCode.VALIDATION, 'regionCode must be a full region code', { field: 'regionCode' });
  }
  if (s.reasons.length > 20 || s.reasons.some((r) => !REASON_CODE.test(r))) {
    throw new AppError(ErrorCode.VALIDATION, 'reasons must be short codes', { field: 'reasons' });
  }
  if (Number.isNaN(s.at.getTime())) {
    throw new AppError(ErrorCode.VALIDATION, 'at must be a valid time', { field: 'at' });
  }
}

/**
 * Records a crisis signal INSIDE the caller's transaction and returns the case it opened or joined.
 *
 * - Idempotent by (source, sourceId): a repeated call returns the same case with `opened: false`.
 * - An identified person has at most one open case: the signal attaches to it and raises its level when
 *   more urgent (the first-contact clock then restarts for the new level).
 * - An anonymous signal (personId null) opens a case of its own.
 * - Writes a timeline event for an identified person and an audit row, in the same transaction, so a
 *   rolled-back caller leaves neither signal nor case behind.
 */
export async function recordCrisisSignal(tx: Queryable, s: CrisisSignal): Promise<{ caseId: string; opened: boolean }> {
  validate(s);
  const repo = new CrisisSignalRepository(tx);
  const signalId = await repo.insertSignal(s);
  if (signalId === null) {
    const existing = await repo.caseOfSignal(s.source, s.sourceId);
    if (existing === null) throw new Error('crisis signal without a case');
    return { caseId: existing, opened: false };
  }

  let caseId: string;
  let opened: boolean;
  let raisedTo: CrisisLevel | null = null;
  if (s.personId === null) {
    caseId = await repo.openAnonymousCase(s);
    opened = true;
  } else {
    const openedId = await repo.openCaseForPerson(s);
    if (openedId !== null) {
      caseId = openedId;
      opened = true;
    } else {
      const open = await repo.lockOpenCaseOfPerson(s.personId);
      if (!open) throw new Error('open crisis case vanished while attaching a signal');
      caseId = open.id;
      opened = false;
      raisedTo = compareLevel(s.level, open.level) > 0 ? s.level : null;
      await repo.attachSignal(caseId, s.at, raisedTo);
    }
  }
  await repo.linkSignal(signalId, caseId);

  if (s.personId !== null) {
    await appendTimelineEvent(tx, {
      personId: s.personId,
      occurredAt: s.at,
      kind: opened ? 'crisis.opened' : raisedTo ? 'crisis.level_raised' : 'crisis.signal',
      refId: caseId,
      summary: { source: s.source, level: s.level, reasons: s.reasons.length },
      actorId: s.reportedBy,
    });
  }
  await appendAudit(tx, {
    at: s.at,
    accountId: s.reportedBy,
    action: opened ? 'crisis.case_opened' : 'crisis.signal_attached',
    resourceType: 'crisis_case',
    resourceId: caseId,
    regionCode: s.regionCode,
    details: { source: s.source, signalId, level: s.level, raisedTo },
  });
  return { caseId, opened };
}
