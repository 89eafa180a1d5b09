import type { FieldCipher } from '../../privacy/field-cipher.ts';
import { ASSESSMENT_CONTEXT } from './assessment-crypto.ts';
import type { AssessmentRecord, FlagRecord } from './assessment-repository.ts';
import type { ConsultationRecord } from './consultation-repository.ts';

export interface ConsultationView {
  id: string;
  assessmentId: string;
  status: 'pending' | 'completed';
  institutionId: string | null;
  primaryCareOrgId: string | null;
  reasons: string[];
  requestedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  recommendation: string | null;
  opinion: string | null;
  turnaroundMinutes: number | null;
}

export interface AssessmentView {
  id: string;
  personId: string;
  regionCode: string;
  instrument: string;
  instrumentVersion: string;
  mode: string;
  language: string;
  status: 'draft' | 'submitted';
  answers: (number | null)[];
  total: number | null;
  severity: string | null;
  complete: boolean | null;
  subscales: Record<string, number | null> | null;
  derived: Record<string, number> | null;
  version: number;
  previousId: string | null;
  amendedBy: string | null;
  amendmentReason: string | null;
  administeredBy: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  flags: { ruleId: string; flag: string; level: string; action: string; reason: { zh: string; en: string } }[];
  consultation: ConsultationView | null;
}

export function toConsultationView(cipher: FieldCipher, c: ConsultationRecord): ConsultationView {
  return {
    id: c.id,
    assessmentId: c.assessmentId,
    status: c.status,
    institutionId: c.institutionId,
    primaryCareOrgId: c.primaryCareOrgId,
    reasons: c.reasons,
    requestedAt: c.requestedAt.toISOString(),
    reviewedAt: c.reviewedAt?.toISOString() ?? null,
    reviewedBy: c.reviewedBy,
    recommendation: c.recommendation,
    opinion: c.opinionEnc === null ? null : cipher.decrypt(c.opinionEnc, ASSESSMENT_CONTEXT.opinion),
    turnaroundMinutes: c.turnaroundMinutes,
  };
}

export function toAssessmentView(cipher: FieldCipher, a: AssessmentRecord, flags: readonly FlagRecord[], consultation: ConsultationRecord | undefined): AssessmentView {
  return {
    id: a.id,
    personId: a.personId,
    regionCode: a.regionCode,
    instrument: a.instrument,
    instrumentVersion: a.instrumentVersion,
    mode: a.mode,
    language: a.language,
    status: a.status,
    answers: a.answers,
    total: a.total,
    severity: a.severity,
    complete: a.complete,
    subscales: a.subscales,
    derived: a.derived,
    version: a.version,
    previousId: a.previousId,
    amendedBy: a.amendedBy,
    amendmentReason: a.amendmentReasonEnc === null ? null : cipher.decrypt(a.amendmentReasonEnc, ASSESSMENT_CONTEXT.amendmentReason),
    administeredBy: a.administeredBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    completedAt: a.completedAt?.toISOString() ?? null,
    flags: flags.map((f) => ({ ruleId: f.ruleId, flag: f.flag, level: f.level, action: f.action, reason: { zh: f.reasonZh, en: f.reasonEn } })),
    consultation: consultation ? toConsultationView(cipher, consultation) : null,
  };
}
