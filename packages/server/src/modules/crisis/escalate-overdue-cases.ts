import { escalationStepDue, needsPoliceLiaison, smdEmergencyDue } from '@anxin/domain/crisis/deadlines.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import { notify } from '../notifications/notify.ts';
import { CrisisRepository, type CaseRow, type KeyPersonRow } from './crisis-repository.ts';
import { keyPersonNextDue } from './crisis-view.ts';

export interface EscalationRun {
  cases: number;
  escalated: number;
  keyPersonsMissed: number;
  failures: number;
}

/**
 * The crisis timer (a recurring job). For every open case without a first contact it tells whoever is
 * on call (else the crisis team), and when the first-contact deadline passes it climbs the ladder: the
 * crisis team lead, then the county psychological specialist. It also chases SMD cases that need police
 * liaison within 24 h and key persons whose grid check is overdue.
 *
 * Every notification carries a dedupe key, and each run re-issues all that are due: a notification
 * that failed (or a run that crashed) is simply sent by the next run, and none is sent twice.
 */
export async function escalateOverdueCases(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): Promise<EscalationRun> {
  const now = ctx.clock();
  const run: EscalationRun = { cases: 0, escalated: 0, keyPersonsMissed: 0, failures: 0 };
  const repo = new CrisisRepository(ctx.db);
  for (const c of await repo.openCases()) {
    run.cases++;
    try {
      if (await ctx.db.transaction((tx) => escalateCase(tx, ctx, c, now))) run.escalated++;
    } catch {
      run.failures++;
    }
  }
  for (const k of await repo.managedKeyPersons()) {
    const due = keyPersonNextDue(k, ctx.config.timeZone);
    if (!due || now.getTime() < due.getTime()) continue;
    try {
      await ctx.db.transaction((tx) => chaseMissedCheck(tx, k, due, now));
      run.keyPersonsMissed++;
    } catch {
      run.failures++;
    }
  }
  if (run.failures > 0) throw new Error(`crisis escalation: ${run.failures} item(s) failed and will be retried next run`);
  return run;
}

async function send(tx: Queryable, accounts: readonly string[], n: { kind: string; params: Record<string, string | number>; link: string; dedupeKey: string; at: Date }): Promise<void> {
  for (const accountId of accounts) await notify(tx, { accountId, ...n });
}

/** Returns true when this run raised the case's escalation step. */
async function escalateCase(tx: Queryable, ctx: Pick<AppContext, 'clock' | 'config'>, c: CaseRow, now: Date): Promise<boolean> {
  const repo = new CrisisRepository(tx);
  const link = `/crisis/cases/${c.id}`;
  const clock = c.levelSetAt.getTime();
  let raised = false;
  if (c.firstContactAt === null) {
    const leads = await repo.crisisTeamFor(c.regionCode, true);
    const onCall = await repo.onCallFor(c.regionCode, now);
    const first = onCall.length > 0 ? onCall : await repo.crisisTeamFor(c.regionCode, false);
    await send(tx, first.length > 0 ? first : leads, { kind: 'crisis.new_case', params: { level: c.level }, link, dedupeKey: `crisis.case:${c.id}:${c.level}:${clock}`, at: now });

    const step = escalationStepDue(c, now, ctx.config.crisis.firstContact, ctx.config.timeZone);
    if (step >= 1) {
      await send(tx, leads, { kind: 'crisis.escalated', params: { level: c.level, step: 1 }, link, dedupeKey: `crisis.escalated:${c.id}:1:${clock}`, at: now });
    }
    if (step >= 2) {
      const specialists = await repo.countySpecialistsFor(c.regionCode);
      await send(tx, specialists, { kind: 'crisis.escalated', params: { level: c.level, step: 2 }, link, dedupeKey: `crisis.escalated:${c.id}:2:${clock}`, at: now });
    }
    if (step > c.escalationStep && (await repo.raiseEscalation(c.id, step, now))) {
      raised = true;
      await appendAudit(tx, { at: now, action: 'crisis.escalated', resourceType: 'crisis_case', resourceId: c.id, regionCode: c.regionCode, details: { step, level: c.level } });
    }
  }
  if (needsPoliceLiaison(c.smdRiskLevel) && c.smdAssessedAt !== null && c.policeLiaisonAt === null) {
    if (now.getTime() >= smdEmergencyDue(c.smdAssessedAt).getTime()) {
      const to = [...new Set([...(await repo.crisisTeamFor(c.regionCode, true)), ...(await repo.countySpecialistsFor(c.regionCode))])];
      await send(tx, to, { kind: 'crisis.police_liaison_overdue', params: { risk: c.smdRiskLevel ?? 0 }, link, dedupeKey: `crisis.police:${c.id}:${c.smdAssessedAt.getTime()}`, at: now });
    }
  }
  return raised;
}

async function chaseMissedCheck(tx: Queryable, k: KeyPersonRow, due: Date, now: Date): Promise<void> {
  const repo = new CrisisRepository(tx);
  const to = [...new Set([k.contactAccountId, ...(await repo.crisisTeamFor(k.regionCode, true))])];
  await send(tx, to, {
    kind: 'crisis.grid_check_missed',
    params: { everyDays: k.checkEveryDays, due: due.toISOString() },
    link: `/crisis/cases/${k.caseId}`,
    dedupeKey: `crisis.grid:${k.id}:${due.getTime()}`,
    at: now,
  });
  if (await repo.markKeyPersonEscalated(k.id, due)) {
    await repo.bumpCase(k.caseId, now);
    await appendAudit(tx, { at: now, action: 'crisis.grid_check_missed', resourceType: 'crisis_key_person', resourceId: k.id, regionCode: k.regionCode, details: { caseId: k.caseId } });
  }
}
