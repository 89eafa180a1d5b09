import { AppError, ErrorCode, jurisdictionPrefixes } from '@anxin/domain';
import { DEFAULT_METRIC_OPTIONS, metricsFromCounts, type CallMetrics } from '@anxin/domain/hotline/call-metrics.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CallRepository, type CountRow } from './call-repository.ts';
import { LineRepository } from './line-repository.ts';
import { addDays, localIsoDate, startOfLocalDay } from './local-time.ts';

export interface LineServiceLevels {
  lineId: string;
  number: string;
  name: string;
  regionCode: string;
  day: CallMetrics;
  /** Calls answered and not yet ended. */
  inProgress: number;
  hours: (CallMetrics & { hour: number })[];
}

export interface ServiceLevels {
  at: string;
  date: string;
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
  lines: LineServiceLevels[];
}

/**
 * Offered, answered, abandoned, 接通率, ASA, service level and AHT per line, for a local day and by hour:
 * the wallboard's data. Sums come from SQL with the domain's definitions (countCalls), rates from the
 * domain (metricsFromCounts).
 */
export async function getServiceLevels(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  input: { date?: string | undefined; lineId?: string | undefined; serviceLevelSeconds?: number | undefined; shortAbandonSeconds?: number | undefined },
): Promise<ServiceLevels> {
  const now = ctx.clock();
  const tz = ctx.config.timeZone;
  const date = input.date ?? localIsoDate(now, tz);
  const options = {
    serviceLevelSeconds: input.serviceLevelSeconds ?? DEFAULT_METRIC_OPTIONS.serviceLevelSeconds,
    shortAbandonSeconds: input.shortAbandonSeconds ?? DEFAULT_METRIC_OPTIONS.shortAbandonSeconds,
  };
  const lines = new LineRepository(ctx.db);
  let scope;
  if (input.lineId) {
    const line = await lines.findLine(input.lineId);
    if (!line) throw new AppError(ErrorCode.NOT_FOUND, 'No such line', { field: 'query.lineId' });
    await authorize(ctx, rc, 'hotline.read', { regionCode: line.regionCode, resourceType: 'hotline_line', resourceId: line.id });
    scope = [line];
  } else {
    const prefixes = jurisdictionPrefixes(rc.actor, 'hotline.read');
    if (prefixes.length === 0) await authorize(ctx, rc, 'hotline.read', { regionCode: '000000000000' });
    scope = await lines.listLines(prefixes);
  }
  const from = startOfLocalDay(date, tz);
  const to = startOfLocalDay(addDays(date, 1), tz);
  const rows =
    scope.length === 0
      ? []
      : await new CallRepository(ctx.db).counts({ lineIds: scope.map((l) => l.id), from, to, now, timeZone: tz, byHour: true, ...options });
  const empty = (): CountRow => ({ lineId: '', hour: null, answered: 0, abandoned: 0, shortAbandoned: 0, waiting: 0, waitSum: 0, withinTarget: 0, handleSum: 0, handled: 0, longestWaitSeconds: 0 });
  return {
    at: now.toISOString(),
    date,
    ...options,
    lines: scope.map((line) => {
      const mine = rows.filter((r) => r.lineId === line.id);
      const total = mine.reduce((acc, r) => {
        acc.answered += r.answered;
        acc.abandoned += r.abandoned;
        acc.shortAbandoned += r.shortAbandoned;
        acc.waiting += r.waiting;
        acc.waitSum += r.waitSum;
        acc.withinTarget += r.withinTarget;
        acc.handleSum += r.handleSum;
        acc.handled += r.handled;
        acc.longestWaitSeconds = Math.max(acc.longestWaitSeconds, r.longestWaitSeconds);
        return acc;
      }, empty());
      return {
        lineId: line.id,
        number: line.number,
        name: line.name,
        regionCode: line.regionCode,
        day: metricsFromCounts(total),
        inProgress: total.answered - total.handled,
        hours: mine.filter((r) => r.hour !== null).map((r) => ({ hour: r.hour ?? 0, ...metricsFromCounts(r) })),
      };
    }),
  };
}
