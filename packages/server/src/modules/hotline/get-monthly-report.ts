import { AppError, ErrorCode, regionPrefix } from '@anxin/domain';
import { DEFAULT_METRIC_OPTIONS } from '@anxin/domain/hotline/call-metrics.ts';
import { monthlyForm, type MonthlyCounts, type MonthlyFormRow } from '@anxin/domain/hotline/monthly-report.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CallRepository } from './call-repository.ts';
import { LineRepository } from './line-repository.ts';
import { startOfLocalDay } from './local-time.ts';

export interface MonthlyReport {
  lineNumber: string;
  lineName: string;
  month: string;
  counts: MonthlyCounts;
  rows: MonthlyFormRow[];
  generatedAt: string;
}

/** One line's monthly report (`month` = 'YYYY-MM', local time) in the monthly-form structure. */
export async function getMonthlyReport(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, rc: RequestContext, lineId: string, month: string): Promise<MonthlyReport> {
  const line = await new LineRepository(ctx.db).findLine(lineId);
  if (!line) throw new AppError(ErrorCode.NOT_FOUND, 'No such line', { field: 'params.id' });
  await authorize(ctx, rc, 'hotline.read', { regionCode: line.regionCode, resourceType: 'hotline_line', resourceId: lineId });
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const tz = ctx.config.timeZone;
  const counts = await new CallRepository(ctx.db).monthlyCounts({
    lineId,
    from: startOfLocalDay(`${month}-01`, tz),
    to: startOfLocalDay(`${next}-01`, tz),
    shortAbandonSeconds: DEFAULT_METRIC_OPTIONS.shortAbandonSeconds,
    localPrefix: regionPrefix(line.regionCode),
  });
  return { lineNumber: line.number, lineName: line.name, month, counts, rows: monthlyForm(counts), generatedAt: ctx.clock().toISOString() };
}
