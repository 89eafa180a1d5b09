import { AppError, ErrorCode } from '@anxin/domain';
import { isReportingRegion, reportPeriodRange, reportTransition, type ReportPeriodKind } from '@anxin/domain/figures/report-workflow.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { ReportRepository } from './report-repository.ts';

export interface SaveReportInput {
  regionCode: string;
  periodKind: ReportPeriodKind;
  period: string;
  experience: string;
}

/**
 * Creates the report of a region and period, or edits its "experience and practice" text while it is
 * a draft or returned. One report per region and period; an accepted one is locked.
 */
export async function saveReport(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, rc: RequestContext, input: SaveReportInput): Promise<{ id: string; created: boolean }> {
  await authorize(ctx, rc, 'report.submit', { regionCode: input.regionCode, resourceType: 'report' });
  if (!isReportingRegion(input.regionCode))
    throw new AppError(ErrorCode.VALIDATION, 'Reports are written for a county or a city', { field: 'body.regionCode' });
  const range = reportPeriodRange(input.periodKind, input.period);
  if (!range) throw new AppError(ErrorCode.VALIDATION, 'A period is YYYY-MM (month) or YYYY-Qn (quarter)', { field: 'body.period' });
  const now = ctx.clock();
  if (range.from > localIsoDate(now, ctx.config.timeZone))
    throw new AppError(ErrorCode.VALIDATION, 'The period has not started yet', { field: 'body.period' });

  return ctx.db.transaction(async (tx) => {
    const repo = new ReportRepository(tx);
    const existing = await repo.findByPeriod(input.regionCode, input.periodKind, input.period);
    let id: string;
    let created = false;
    if (existing) {
      const t = reportTransition(existing.status, 'edit');
      if (!t.ok) throw new AppError(ErrorCode.INVALID_STATE, t.reason);
      await repo.updateExperience(existing.id, input.experience, now);
      id = existing.id;
    } else {
      id = await repo.insert({ ...input, from: range.from, to: range.to, by: rc.actor.accountId, at: now });
      created = true;
    }
    await repo.addEvent(id, created ? 'created' : 'edited', rc.actor.accountId, null, now);
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: created ? 'report.create' : 'report.edit',
      resourceType: 'report',
      resourceId: id,
      regionCode: input.regionCode,
      clientIp: rc.clientIp,
      details: { periodKind: input.periodKind, period: input.period, experienceChars: input.experience.length },
    });
    return { id, created };
  });
}
