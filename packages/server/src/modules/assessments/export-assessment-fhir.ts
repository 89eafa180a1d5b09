import { getInstrument, toFhirAssessmentBundle, type FhirBundle } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { assessmentFor, roleOf } from './assessment-access.ts';

/** An assessment as a FHIR Bundle (QuestionnaireResponse + Observation of the total); the export is audited. */
export async function exportAssessmentFhir(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, id: string): Promise<FhirBundle> {
  const a = await assessmentFor(ctx, rc, id, 'assessment.read');
  const { definition } = getInstrument(a.instrument, a.instrumentVersion);
  const now = ctx.clock();
  await ctx.db.transaction((tx) =>
    appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleOf(rc),
      action: 'assessment.export_fhir',
      resourceType: 'assessment',
      resourceId: a.id,
      regionCode: a.regionCode,
      clientIp: rc.clientIp,
    }),
  );
  return toFhirAssessmentBundle(
    definition,
    {
      id: a.id,
      personId: a.personId,
      status: a.status,
      superseded: a.amendedBy !== null,
      version: a.version,
      answers: a.answers,
      total: a.total,
      severity: a.severity,
      complete: a.complete,
      completedAt: a.completedAt?.toISOString() ?? null,
      updatedAt: a.updatedAt.toISOString(),
      language: a.language,
    },
    { now: now.toISOString() },
  );
}
