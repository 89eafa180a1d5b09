import { jurisdictionPrefixes } from '@anxin/domain';
import { checkCoverage, openHoursPerDay, type CoverageGap } from '@anxin/domain/hotline/coverage.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { LineRepository } from './line-repository.ts';

export interface LineView {
  id: string;
  number: string;
  name: string;
  regionCode: string;
  openTime: string;
  closeTime: string;
  hoursPerDay: number;
  seats: { id: string; code: string; active: boolean; occupantId: string | null }[];
  counselors: { accountId: string; displayName: string; qualifications: string[]; training: { course: string; hours: number; completedOn: string }[]; isSupervisor: boolean; active: boolean }[];
  /** The line-level rules (hours per day, seats per line); the roster check is on the roster endpoint. */
  gaps: CoverageGap[];
}

/** Lines in the caller's jurisdiction with seats, counselors and line-level coverage gaps. */
export async function listLines(ctx: Pick<AppContext, 'db'>, rc: RequestContext): Promise<{ items: LineView[] }> {
  const prefixes = jurisdictionPrefixes(rc.actor, 'hotline.read');
  if (prefixes.length === 0) return { items: [] };
  const repo = new LineRepository(ctx.db);
  const lines = await repo.listLines(prefixes);
  const ids = lines.map((l) => l.id);
  const seats = ids.length ? await repo.listSeats(ids) : [];
  const counselors = ids.length ? await repo.listCounselors(ids) : [];
  return {
    items: lines.map((l) => {
      const lineSeats = seats.filter((s) => s.lineId === l.id);
      const hours = { open: l.openTime, close: l.closeTime };
      return {
        id: l.id,
        number: l.number,
        name: l.name,
        regionCode: l.regionCode,
        openTime: l.openTime,
        closeTime: l.closeTime,
        hoursPerDay: openHoursPerDay(hours),
        seats: lineSeats.map((s) => ({ id: s.id, code: s.code, active: s.active, occupantId: s.occupantId })),
        counselors: counselors
          .filter((c) => c.lineId === l.id)
          .map((c) => ({ accountId: c.accountId, displayName: c.displayName, qualifications: c.qualifications, training: c.training, isSupervisor: c.isSupervisor, active: c.active })),
        gaps: checkCoverage({ hours, seats: lineSeats.filter((s) => s.active).length }, [], []),
      };
    }),
  };
}
