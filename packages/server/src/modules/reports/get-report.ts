import { AppError, ErrorCode, can, roleGrants } from '@anxin/domain';
import { mayReview, reportTransition } from '@anxin/domain/figures/report-workflow.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import type { ReportDocument } from './report-documents.ts';
import { reportFigures } from './report-figures.ts';
import { ReportRepository } from './report-repository.ts';

export interface ReportView extends ReportDocument {
  /** Figures frozen at submission, or live ones for a draft / returned report. */
  figuresFrozen: boolean;
  maySubmit: boolean;
  mayReview: boolean;
}

/** A report with its figures and history; readable wherever the caller may read dashboards. */
export async function getReport(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, id: string): Promise<ReportView> {
  const repo = new ReportRepository(ctx.db);
  const report = await repo.find(id);
  if (!report) throw new AppError(ErrorCode.NOT_FOUND, 'No such report');
  await authorize(ctx, rc, 'dashboard.read', { regionCode: report.regionCode, resourceType: 'report', resourceId: id });
  const frozen = report.figures !== null && report.status !== 'draft' && report.status !== 'returned';
  const figures = frozen && report.figures ? report.figures : await reportFigures(ctx.db, report.regionCode, report.periodFrom, report.periodTo);
  const reviewRegions = rc.actor.roles.filter((r) => roleGrants(r.role, 'report.review')).map((r) => r.regionCode);
  return {
    report,
    figures,
    events: await repo.events(id),
    figuresFrozen: frozen,
    maySubmit: can(rc.actor, 'report.submit', { regionCode: report.regionCode }) && reportTransition(report.status, 'submit').ok,
    mayReview: report.status === 'submitted' && can(rc.actor, 'report.review', { regionCode: report.regionCode }) && mayReview(reviewRegions, report.regionCode),
  };
}
