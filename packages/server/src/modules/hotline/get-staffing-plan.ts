import { AppError, ErrorCode } from '@anxin/domain';
import { isOpenDuringHour, staffedByHour, COVERAGE_RULES } from '@anxin/domain/hotline/coverage.ts';
import { forecastByHourOfWeek, staffingPlan, HOURS_PER_WEEK, type PlanRow } from '@anxin/domain/hotline/staffing-plan.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CallRepository } from './call-repository.ts';
import { toRosterShift } from './get-roster.ts';
import { LineRepository } from './line-repository.ts';
import { addDays, localIsoDate, mondayOf, startOfLocalDay } from './local-time.ts';

/** AHT assumed when the line has no history yet (10 minutes: a typical crisis-line talk time). */
const DEFAULT_AHT_SECONDS = 600;

export interface StaffingPlanView {
  lineId: string;
  weekStart: string;
  pastWeeks: number;
  ahtSeconds: number;
  target: { level: number; withinSeconds: number };
  rows: PlanRow[];
  shortfallHours: number;
}

/**
 * The week's plan: forecast calls per hour of week from the past `weeks` weeks, Erlang C seats for the
 * target (with the 2-seat floor in open hours), the roster's counselors per hour, and the gap.
 */
export async function getStaffingPlan(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  lineId: string,
  input: { weekOf?: string | undefined; weeks: number; level: number; withinSeconds: number },
): Promise<StaffingPlanView> {
  const lines = new LineRepository(ctx.db);
  const line = await lines.findLine(lineId);
  if (!line) throw new AppError(ErrorCode.NOT_FOUND, 'No such line', { field: 'params.id' });
  await authorize(ctx, rc, 'hotline.read', { regionCode: line.regionCode, resourceType: 'hotline_line', resourceId: lineId });
  const tz = ctx.config.timeZone;
  const weekStart = mondayOf(input.weekOf ?? localIsoDate(ctx.clock(), tz));
  const historyStart = startOfLocalDay(addDays(weekStart, -7 * input.weeks), tz);
  const calls = new CallRepository(ctx.db);
  const counts = await calls.hourOfWeekCounts(lineId, historyStart, input.weeks, tz);
  const pastWeeks = Array.from({ length: input.weeks }, () => new Array<number>(HOURS_PER_WEEK).fill(0));
  for (const c of counts) {
    const week = pastWeeks[c.week];
    if (week && c.how >= 0 && c.how < HOURS_PER_WEEK) week[c.how] = c.n;
  }
  const aht = Math.round((await calls.averageHandleSeconds(lineId, historyStart, startOfLocalDay(weekStart, tz))) ?? DEFAULT_AHT_SECONDS);

  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const shifts = (await lines.listShifts(lineId, startOfLocalDay(addDays(weekStart, -1), tz), startOfLocalDay(addDays(weekStart, 7), tz)))
    .filter((s) => !s.supervisor)
    .map((s) => toRosterShift(s, tz));
  const rostered = days.flatMap((d) => staffedByHour(shifts.filter((s) => s.date === d || s.date === addDays(d, -1)), d));
  const hours = { open: line.openTime, close: line.closeTime };
  const open = Array.from({ length: HOURS_PER_WEEK }, (_, h) => isOpenDuringHour(hours, h % 24));
  const target = { level: input.level, withinSeconds: input.withinSeconds };
  const rows = staffingPlan({
    forecast: forecastByHourOfWeek(pastWeeks),
    rostered,
    ahtSeconds: aht,
    target,
    minimumSeats: COVERAGE_RULES.minStaffedSeats,
    open,
  });
  return { lineId, weekStart, pastWeeks: input.weeks, ahtSeconds: aht, target, rows, shortfallHours: rows.filter((r) => r.gap < 0).length };
}
