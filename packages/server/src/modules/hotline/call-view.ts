import type { FieldCipher } from '../../privacy/field-cipher.ts';
import type { CallRecordRow } from './call-repository.ts';
import { HOTLINE_CONTEXT } from './hotline-crypto.ts';

export type CallStatus = 'ringing' | 'answered' | 'ended' | 'abandoned';

export function callStatus(c: Pick<CallRecordRow, 'answeredAt' | 'abandonedAt' | 'endedAt'>): CallStatus {
  if (c.answeredAt) return c.endedAt ? 'ended' : 'answered';
  if (c.abandonedAt || c.endedAt) return 'abandoned';
  return 'ringing';
}

export interface CallView {
  id: string;
  lineNumber: string;
  regionCode: string;
  source: 'cti' | 'manual';
  seatCode: string | null;
  status: CallStatus;
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  /** Earlier calls from the same number (recognised by keyed hash). */
  priorCalls: number;
  mine: boolean;
  record: {
    status: 'none' | 'draft' | 'filed';
    version: number;
    anonymous: boolean;
    callerGroup: string | null;
    ageBand: string | null;
    sex: string | null;
    callerRegionCode: string | null;
    problems: { category: string; subcategory: string | null }[];
    risk: Record<string, unknown> | null;
    riskLevel: string | null;
    dispositions: string[];
    callbackConsent: boolean;
    callerNumber: string | null;
    notes: string | null;
    crisisCaseId: string | null;
    updatedAt: string | null;
    filedAt: string | null;
  };
}

export function toCallView(c: CallRecordRow, cipher: FieldCipher, accountId: string, priorCalls: number): CallView {
  return {
    id: c.id,
    lineNumber: c.lineNumber,
    regionCode: c.regionCode,
    source: c.source,
    seatCode: c.seatCode,
    status: callStatus(c),
    offeredAt: c.offeredAt.toISOString(),
    answeredAt: c.answeredAt?.toISOString() ?? null,
    endedAt: c.endedAt?.toISOString() ?? null,
    waitSeconds: c.answeredAt ? Math.max(0, Math.round((c.answeredAt.getTime() - c.offeredAt.getTime()) / 1000)) : null,
    priorCalls,
    mine: c.counselorId === accountId,
    record: {
      status: c.recordStatus,
      version: c.version,
      anonymous: c.anonymous,
      callerGroup: c.callerGroup,
      ageBand: c.ageBand,
      sex: c.sex,
      callerRegionCode: c.callerRegionCode,
      problems: c.problems,
      risk: c.risk,
      riskLevel: c.riskLevel,
      dispositions: c.dispositions,
      callbackConsent: c.callbackConsent,
      callerNumber: c.callerNumberEnc ? cipher.decrypt(c.callerNumberEnc, HOTLINE_CONTEXT.callerNumber) : null,
      notes: c.notesEnc ? cipher.decrypt(c.notesEnc, HOTLINE_CONTEXT.notes) : null,
      crisisCaseId: c.crisisCaseId,
      updatedAt: c.recordUpdatedAt?.toISOString() ?? null,
      filedAt: c.filedAt?.toISOString() ?? null,
    },
  };
}
