import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { getReport } from './get-report.ts';
import { reportPdf, reportXlsx } from './report-documents.ts';

/** The report as XLSX or PDF (aggregates and practice text only; the download is audited). */
export async function exportReport(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  id: string,
  format: 'xlsx' | 'pdf',
): Promise<{ filename: string; body: Buffer }> {
  const view = await getReport(ctx, rc, id);
  const body = format === 'xlsx' ? await reportXlsx(view) : await reportPdf(view);
  await ctx.db.transaction((tx) =>
    appendAudit(tx, {
      at: ctx.clock(),
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: 'report.export',
      resourceType: 'report',
      resourceId: id,
      regionCode: view.report.regionCode,
      clientIp: rc.clientIp,
      details: { format, status: view.report.status },
    }),
  );
  return { filename: `report-${view.report.regionCode}-${view.report.period}.${format}`, body };
}
