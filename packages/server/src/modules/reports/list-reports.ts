import { COUNTRY_CODE, canSomewhere, jurisdictionPrefixes } from '@anxin/domain';
import type { ReportPeriodKind, ReportStatus } from '@anxin/domain/figures/report-workflow.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { ReportRepository, type ReportRecord } from './report-repository.ts';

/** Reports within the caller's dashboard jurisdiction (a county sees its own; a city its counties'). */
export async function listReports(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  input: { status?: ReportStatus | undefined; periodKind?: ReportPeriodKind | undefined; limit: number },
): Promise<ReportRecord[]> {
  if (!canSomewhere(rc.actor, 'dashboard.read')) await authorize(ctx, rc, 'dashboard.read', { regionCode: COUNTRY_CODE, resourceType: 'report' });
  return new ReportRepository(ctx.db).list(jurisdictionPrefixes(rc.actor, 'dashboard.read'), input, input.limit);
}
