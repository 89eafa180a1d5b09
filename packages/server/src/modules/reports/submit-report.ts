import { AppError, ErrorCode } from '@anxin/domain';
import { reportTransition } from '@anxin/domain/figures/report-workflow.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { reportFigures } from './report-figures.ts';
import { ReportRepository } from './report-repository.ts';

/** Submits a draft or returned report to the level above, freezing its figures as they are now. */
export async function submitReport(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, id: string): Promise<{ status: 'submitted' }> {
  const report = await new ReportRepository(ctx.db).find(id);
  if (!report) throw new AppError(ErrorCode.NOT_FOUND, 'No such report');
  await authorize(ctx, rc, 'report.submit', { regionCode: report.regionCode, resourceType: 'report', resourceId: id });
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const repo = new ReportRepository(tx);
    const current = await repo.find(id, true);
    if (!current) throw new AppError(ErrorCode.NOT_FOUND, 'No such report');
    const t = reportTransition(current.status, 'submit');
    if (!t.ok) throw new AppError(ErrorCode.INVALID_STATE, t.reason);
    if (current.experience.trim() === '')
      throw new AppError(ErrorCode.VALIDATION, 'Write the experience and practice section before submitting', { field: 'body.experience' });
    const figures = await reportFigures(tx, current.regionCode, current.periodFrom, current.periodTo);
    if (!(await repo.submit(id, current.status, figures, rc.actor.accountId, now))) throw new AppError(ErrorCode.CONFLICT, 'The report changed meanwhile');
    await repo.addEvent(id, 'submitted', rc.actor.accountId, null, now);
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: 'report.submit',
      resourceType: 'report',
      resourceId: id,
      regionCode: current.regionCode,
      clientIp: rc.clientIp,
      details: { periodKind: current.periodKind, period: current.period, from: current.status },
    });
    return { status: 'submitted' as const };
  });
}
