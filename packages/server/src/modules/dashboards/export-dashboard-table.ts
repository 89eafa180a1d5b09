import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { dashboardTableXlsx, type DashboardTable, type Lang } from './dashboard-xlsx.ts';
import { getDashboardSummary } from './get-dashboard-summary.ts';

/** Any dashboard table as XLSX, with the same scoping as the dashboard itself. Aggregates only: not audited as a data export. */
export async function exportDashboardTable(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  input: { region?: string | undefined; from?: string | undefined; to?: string | undefined; table: DashboardTable; lang: Lang },
): Promise<{ filename: string; body: Buffer }> {
  const summary = await getDashboardSummary(ctx, rc, input);
  const body = await dashboardTableXlsx(summary, input.table, input.lang);
  return { filename: `dashboard-${summary.region.code}-${input.table}-${summary.from}-${summary.to}.xlsx`, body };
}
