import type { AppContext } from '../../app-context.ts';
import { CrisisRepository } from './crisis-repository.ts';
import { recordCrisisSignal } from './record-crisis-signal.ts';

/**
 * Nothing is lost (a recurring job): finds crisis-level assessment flags and crisis reports that have
 * no case — a caller that failed to record the signal, a bug, data restored from elsewhere — and
 * records their signals now, each in its own transaction. Idempotent: recorded signals are skipped.
 */
export async function reconcileCrisisSignals(ctx: Pick<AppContext, 'db' | 'clock'>, batch = 200): Promise<{ flags: number; reports: number }> {
  const repo = new CrisisRepository(ctx.db);
  let flags = 0;
  for (const f of await repo.orphanAssessmentFlags(batch)) {
    await ctx.db.transaction((tx) =>
      recordCrisisSignal(tx, {
        personId: f.personId,
        regionCode: f.regionCode,
        source: 'assessment',
        sourceId: f.sourceId,
        level: f.level,
        reasons: [f.flag, 'reconciled'],
        reportedBy: f.administeredBy,
        at: f.at,
      }),
    );
    flags++;
  }
  let reports = 0;
  for (const r of await repo.orphanReports(batch)) {
    await ctx.db.transaction(async (tx) => {
      const { caseId } = await recordCrisisSignal(tx, {
        personId: r.personId,
        regionCode: r.regionCode,
        source: r.source,
        sourceId: r.id,
        level: r.urgency,
        reasons: [...r.observed, 'reconciled'],
        reportedBy: r.reporterId,
        at: r.reportedAt,
      });
      await new CrisisRepository(tx).setReportCase(r.id, caseId);
    });
    reports++;
  }
  return { flags, reports };
}
