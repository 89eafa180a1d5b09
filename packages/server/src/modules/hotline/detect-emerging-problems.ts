import { DEFAULT_DETECTION, detectEmergingProblems, type DetectionOptions } from '@anxin/domain/hotline/emerging-problems.ts';
import { problemLabel } from '@anxin/domain/hotline/problem-taxonomy.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { CallRepository } from './call-repository.ts';
import { AlertRepository } from './alert-repository.ts';
import { addDays, localIsoDate, startOfLocalDay } from './local-time.ts';

/** Days of history each category × region is compared with. */
export const BASELINE_DAYS = 28;

/**
 * Tests `day` (default: today, local) for every problem category × caller region against the previous
 * 28 days (domain detectEmergingProblems: Poisson, p < 0.001, at least 5 calls) and creates one alert per
 * new detection, with a de-identified summary (codes, counts, the test's numbers) for the authority.
 * Idempotent: an alert exists once per region, category and day. Runs as a recurring job.
 */
export async function runEmergingProblemDetection(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  options: { day?: string; detection?: DetectionOptions } = {},
): Promise<{ tested: number; created: string[] }> {
  const tz = ctx.config.timeZone;
  const now = ctx.clock();
  const day = options.day ?? localIsoDate(now, tz);
  const firstDay = addDays(day, -BASELINE_DAYS);
  const rows = await new CallRepository(ctx.db).problemCounts({
    prefixes: [''],
    from: startOfLocalDay(firstDay, tz),
    to: startOfLocalDay(addDays(day, 1), tz),
    timeZone: tz,
  });
  const baselineDays = Array.from({ length: BASELINE_DAYS }, (_, i) => addDays(firstDay, i));
  const cells = new Map<string, { category: string; regionCode: string; byDay: Map<string, number>; groups: Map<string, number> }>();
  for (const r of rows) {
    const key = `${r.category}|${r.regionCode}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { category: r.category, regionCode: r.regionCode, byDay: new Map(), groups: new Map() };
      cells.set(key, cell);
    }
    cell.byDay.set(r.day, (cell.byDay.get(r.day) ?? 0) + r.n);
    if (r.day === day) cell.groups.set(r.callerGroup, (cell.groups.get(r.callerGroup) ?? 0) + r.n);
  }
  const series = [...cells.values()].map((c) => ({
    category: c.category,
    regionCode: c.regionCode,
    baseline: baselineDays.map((d) => c.byDay.get(d) ?? 0),
    today: c.byDay.get(day) ?? 0,
  }));
  const found = detectEmergingProblems(series, options.detection ?? DEFAULT_DETECTION);
  const created: string[] = [];
  for (const f of found) {
    const groups = Object.fromEntries(cells.get(`${f.category}|${f.regionCode}`)?.groups ?? []);
    await ctx.db.transaction(async (tx) => {
      const id = await new AlertRepository(tx).insert({
        regionCode: f.regionCode,
        category: f.category,
        day,
        observed: f.observed,
        expected: f.expected,
        pValue: f.pValue,
        summary: {
          category: f.category,
          categoryLabel: problemLabel(f.category),
          regionCode: f.regionCode,
          day,
          calls: f.observed,
          dailyMeanBaseline: Math.round(f.expected * 100) / 100,
          baselineDays: BASELINE_DAYS,
          pValue: f.pValue,
          callerGroups: groups,
          test: 'poisson_upper_tail',
        },
        createdAt: now,
      });
      if (!id) return;
      created.push(id);
      await appendAudit(tx, {
        at: now,
        action: 'hotline.alert_create',
        resourceType: 'hotline_alert',
        resourceId: id,
        regionCode: f.regionCode,
        details: { category: f.category, observed: f.observed, expected: Math.round(f.expected * 100) / 100 },
      });
    });
  }
  return { tested: series.length, created };
}
