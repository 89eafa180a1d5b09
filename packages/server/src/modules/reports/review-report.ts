import { AppError, ErrorCode, roleGrants } from '@anxin/domain';
import { mayReview, reportTransition } from '@anxin/domain/figures/report-workflow.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit, recordAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { ReportRepository } from './report-repository.ts';

export interface ReviewReportInput {
  decision: 'accept' | 'return';
  comment?: string | undefined;
}

/** The level above accepts a submitted report (it is then locked) or returns it with comments. */
export async function reviewReport(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  id: string,
  input: ReviewReportInput,
): Promise<{ status: 'accepted' | 'returned' }> {
  const report = await new ReportRepository(ctx.db).find(id);
  if (!report) throw new AppError(ErrorCode.NOT_FOUND, 'No such report');
  await authorize(ctx, rc, 'report.review', { regionCode: report.regionCode, resourceType: 'report', resourceId: id });
  const reviewRegions = rc.actor.roles.filter((r) => roleGrants(r.role, 'report.review')).map((r) => r.regionCode);
  const now = ctx.clock();
  if (!mayReview(reviewRegions, report.regionCode)) {
    await recordAudit(ctx.db, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: 'report.review',
      outcome: 'denied',
      resourceType: 'report',
      resourceId: id,
      regionCode: report.regionCode,
      clientIp: rc.clientIp,
      reason: 'not_a_higher_level',
    });
    throw new AppError(ErrorCode.FORBIDDEN, 'A report is reviewed by the level above the region that submitted it');
  }
  const comment = input.comment?.trim() ?? '';
  return ctx.db.transaction(async (tx) => {
    const repo = new ReportRepository(tx);
    const current = await repo.find(id, true);
    if (!current) throw new AppError(ErrorCode.NOT_FOUND, 'No such report');
    const t = reportTransition(current.status, input.decision, { comment });
    if (!t.ok) {
      if (input.decision === 'return' && current.status === 'submitted') throw new AppError(ErrorCode.VALIDATION, t.reason, { field: 'body.comment' });
      throw new AppError(ErrorCode.INVALID_STATE, t.reason);
    }
    const status = t.status === 'accepted' ? 'accepted' : 'returned';
    if (!(await repo.review(id, status, comment === '' ? null : comment, rc.actor.accountId, now)))
      throw new AppError(ErrorCode.CONFLICT, 'The report changed meanwhile');
    await repo.addEvent(id, status, rc.actor.accountId, comment === '' ? null : comment, now);
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: 'report.review',
      resourceType: 'report',
      resourceId: id,
      regionCode: current.regionCode,
      clientIp: rc.clientIp,
      details: { decision: input.decision, periodKind: current.periodKind, period: current.period },
    });
    return { status };
  });
}
