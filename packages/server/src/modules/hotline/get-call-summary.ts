import { jurisdictionPrefixes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CallRepository } from './call-repository.ts';
import { addDays, localIsoDate, startOfLocalDay } from './local-time.ts';

export interface CallSummary {
  from: string;
  to: string;
  period: 'day' | 'week';
  /** Filed calls by period start × category × region × caller group (a call counts once per category). */
  rows: { period: string; category: string; regionCode: string; callerGroup: string; calls: number }[];
}

/** Daily or weekly counts of filed calls by problem category × region × caller group, for trends. */
export async function getCallSummary(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  input: { from?: string | undefined; to?: string | undefined; period: 'day' | 'week' },
): Promise<CallSummary> {
  const tz = ctx.config.timeZone;
  const to = input.to ?? localIsoDate(ctx.clock(), tz);
  const from = input.from ?? addDays(to, input.period === 'week' ? -7 * 12 + 1 : -29);
  const prefixes = jurisdictionPrefixes(rc.actor, 'hotline.read');
  if (prefixes.length === 0) await authorize(ctx, rc, 'hotline.read', { regionCode: '000000000000' });
  const raw = await new CallRepository(ctx.db).problemCounts({ prefixes, from: startOfLocalDay(from, tz), to: startOfLocalDay(addDays(to, 1), tz), timeZone: tz });
  const key = (d: string): string => {
    if (input.period === 'day') return d;
    const dow = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
    return addDays(d, -dow);
  };
  const acc = new Map<string, CallSummary['rows'][number]>();
  for (const r of raw) {
    const period = key(r.day);
    const k = `${period}|${r.category}|${r.regionCode}|${r.callerGroup}`;
    const row = acc.get(k) ?? { period, category: r.category, regionCode: r.regionCode, callerGroup: r.callerGroup, calls: 0 };
    row.calls += r.n;
    acc.set(k, row);
  }
  return { from, to, period: input.period, rows: [...acc.values()] };
}
