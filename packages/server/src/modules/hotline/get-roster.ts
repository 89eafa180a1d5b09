import { AppError, ErrorCode } from '@anxin/domain';
import { checkCoverage, type CoverageGap, type RosterShift } from '@anxin/domain/hotline/coverage.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { LineRepository, type ShiftRecord } from './line-repository.ts';
import { addDays, localIsoDate, localTime, mondayOf, startOfLocalDay } from './local-time.ts';

export interface RosterView {
  lineId: string;
  weekStart: string;
  days: string[];
  shifts: { id: string; accountId: string; displayName: string; startsAt: string; endsAt: string; supervisor: boolean }[];
  /** Every coverage gap of the week (hours per day, seats per line, counselors on duty per open hour). */
  gaps: CoverageGap[];
}

/** Local shift as the coverage rules see it. */
export function toRosterShift(s: ShiftRecord, timeZone: string): RosterShift {
  return { date: localIsoDate(s.startsAt, timeZone), start: localTime(s.startsAt, timeZone), end: localTime(s.endsAt, timeZone) };
}

/** A line's roster for the week containing `date` (Monday–Sunday) and its coverage check. */
export async function getRoster(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, rc: RequestContext, lineId: string, date?: string): Promise<RosterView> {
  const repo = new LineRepository(ctx.db);
  const line = await repo.findLine(lineId);
  if (!line) throw new AppError(ErrorCode.NOT_FOUND, 'No such line', { field: 'params.id' });
  await authorize(ctx, rc, 'hotline.read', { regionCode: line.regionCode, resourceType: 'hotline_line', resourceId: lineId });
  const tz = ctx.config.timeZone;
  const weekStart = mondayOf(date ?? localIsoDate(ctx.clock(), tz));
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  // From the day before: a night shift may run into Monday.
  const shifts = await repo.listShifts(lineId, startOfLocalDay(addDays(weekStart, -1), tz), startOfLocalDay(addDays(weekStart, 7), tz));
  const seats = (await repo.listSeats([lineId])).filter((s) => s.active).length;
  const onPhones = shifts.filter((s) => !s.supervisor).map((s) => toRosterShift(s, tz));
  return {
    lineId,
    weekStart,
    days,
    shifts: shifts
      .filter((s) => s.endsAt > startOfLocalDay(weekStart, tz))
      .map((s) => ({ id: s.id, accountId: s.accountId, displayName: s.displayName, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), supervisor: s.supervisor })),
    gaps: checkCoverage({ hours: { open: line.openTime, close: line.closeTime }, seats }, onPhones, days),
  };
}
