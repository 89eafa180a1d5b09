import { scopedPrefixes } from '../auth/scoped-prefixes.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { ConsultationRepository } from './consultation-repository.ts';

export interface ConsultationQueueItem {
  id: string;
  assessmentId: string;
  personId: string;
  personName: string;
  regionCode: string;
  instrument: string;
  total: number | null;
  severity: string | null;
  reasons: string[];
  status: 'pending' | 'completed';
  institutionId: string | null;
  institutionName: string | null;
  requestedAt: string;
  reviewedAt: string | null;
  recommendation: string | null;
  turnaroundMinutes: number | null;
}

/**
 * The consultation queue within the caller's jurisdiction. Pending requests are the psychiatrists'
 * work list (assessment.review); completed ones are what returns to primary care (assessment.read).
 */
export async function listConsultations(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  input: { status: 'pending' | 'completed'; institutionId?: string | undefined; region?: string | undefined; limit: number },
): Promise<ConsultationQueueItem[]> {
  const action = input.status === 'pending' ? 'assessment.review' : 'assessment.read';
  const prefixes = await scopedPrefixes(ctx, rc, action, { region: input.region, field: 'query.region', resourceType: 'consultation' });
  const rows = await new ConsultationRepository(ctx.db).list(prefixes, input, input.limit);
  return rows.map((r) => ({
    id: r.id,
    assessmentId: r.assessmentId,
    personId: r.personId,
    personName: r.personName,
    regionCode: r.regionCode,
    instrument: r.instrument,
    total: r.total,
    severity: r.severity,
    reasons: r.reasons,
    status: r.status,
    institutionId: r.institutionId,
    institutionName: r.institutionName,
    requestedAt: r.requestedAt.toISOString(),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    recommendation: r.recommendation,
    turnaroundMinutes: r.turnaroundMinutes,
  }));
}
