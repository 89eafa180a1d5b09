import { availableEvents } from '@anxin/domain/crisis/crisis-workflow.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { CRISIS_CONTEXT, auditCrisis, loadCase, rolesAt } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';
import type { SafetyPlan } from './save-safety-plan.ts';
import { keyPersonNextDue, toCaseSummary, type CaseSummary } from './crisis-view.ts';

export interface CaseDetail extends CaseSummary {
  availableEvents: string[];
  signals: { id: string; source: string; level: string; reasons: string[]; at: string }[];
  reports: {
    id: string; source: string; reporterName: string; reporterKind: string; urgency: string; observed: string[];
    description: string | null; location: string | null; subject: string | null; reportedAt: string;
  }[];
  triages: {
    id: string; thoughts: string; plan: boolean; means: boolean; timeframe: string; recentAttempt: boolean; level: string;
    smdRiskLevel: number | null; notes: string | null; byName: string; at: string;
  }[];
  safetyPlan: (SafetyPlan & { version: number; byName: string; at: string }) | null;
  contacts: { id: string; mode: string; reached: boolean; notes: string | null; byName: string; at: string }[];
  admissions: { id: string; hospitalName: string; admittedOn: string; arrangedByName: string; involuntary: boolean; dischargedOn: string | null; dischargeNotes: string | null }[];
  transitions: { event: string; from: string; to: string; byName: string; at: string; review: string | null }[];
  keyPerson: { id: string; checkEveryDays: number; contactName: string; managedFrom: string | null; lastCheckAt: string | null; nextDueAt: string | null } | null;
}

/** The whole case for the crisis team (crisis.read): clinical records decrypted, never for grid workers. */
export async function getCrisisCase(ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>, rc: RequestContext, id: string): Promise<CaseDetail> {
  const c = await loadCase(ctx, rc, id, 'crisis.read');
  const repo = new CrisisRepository(ctx.db);
  const dec = (v: string | null, context: string): string | null => (v === null ? null : ctx.cipher.decrypt(v, context));
  const [signals, reports, triages, plan, contacts, admissions, transitions, keyPerson] = [
    await repo.signalsOf(c.id),
    await repo.reportsOf(c.id),
    await repo.triagesOf(c.id),
    await repo.latestSafetyPlan(c.id),
    await repo.contactsOf(c.id),
    await repo.admissionsOf(c.id),
    await repo.transitions(c.id),
    await repo.keyPersonOfCase(c.id),
  ];
  // Reading the clinical record is audited, as a full person read is.
  await ctx.db.transaction((tx) => auditCrisis(tx, ctx, rc, 'crisis.case_read', c));
  const manage = rolesAt(rc, c.regionCode);
  return {
    ...toCaseSummary(c, ctx.clock(), ctx.config),
    availableEvents: availableEvents(c.status, manage),
    signals: signals.map((s) => ({ id: s.id, source: s.source, level: s.level, reasons: s.reasons, at: s.at.toISOString() })),
    reports: reports.map((r) => ({
      id: r.id, source: r.source, reporterName: r.reporterName, reporterKind: r.reporterKind, urgency: r.urgency, observed: r.observed,
      description: dec(r.descriptionEnc, CRISIS_CONTEXT.reportDescription), location: dec(r.locationEnc, CRISIS_CONTEXT.reportLocation),
      subject: dec(r.subjectEnc, CRISIS_CONTEXT.reportSubject), reportedAt: r.reportedAt.toISOString(),
    })),
    triages: triages.map((t) => ({
      id: t.id, thoughts: t.thoughts, plan: t.plan, means: t.means, timeframe: t.timeframe, recentAttempt: t.recentAttempt, level: t.level,
      smdRiskLevel: t.smdRiskLevel, notes: dec(t.notesEnc, CRISIS_CONTEXT.triageNotes), byName: t.byName, at: t.at.toISOString(),
    })),
    safetyPlan: plan ? { ...(JSON.parse(ctx.cipher.decrypt(plan.contentEnc, CRISIS_CONTEXT.safetyPlan)) as SafetyPlan), version: plan.version, byName: plan.byName, at: plan.at.toISOString() } : null,
    contacts: contacts.map((x) => ({ id: x.id, mode: x.mode, reached: x.reached, notes: dec(x.notesEnc, CRISIS_CONTEXT.contactNotes), byName: x.byName, at: x.at.toISOString() })),
    admissions: admissions.map((a) => ({
      id: a.id, hospitalName: a.hospitalName, admittedOn: a.admittedOn, arrangedByName: a.arrangedByName, involuntary: a.involuntary,
      dischargedOn: a.dischargedOn, dischargeNotes: dec(a.dischargeNotesEnc, CRISIS_CONTEXT.dischargeNotes),
    })),
    transitions: transitions.map((t) => ({ event: t.event, from: t.from, to: t.to, byName: t.byName, at: t.at.toISOString(), review: dec(t.reviewEnc, CRISIS_CONTEXT.transitionReview) })),
    keyPerson: keyPerson
      ? {
          id: keyPerson.id, checkEveryDays: keyPerson.checkEveryDays, contactName: keyPerson.contactName, managedFrom: keyPerson.managedFrom?.toISOString() ?? null,
          lastCheckAt: keyPerson.lastCheckAt?.toISOString() ?? null, nextDueAt: keyPerson.managedFrom ? (keyPersonNextDue(keyPerson, ctx.config.timeZone)?.toISOString() ?? null) : null,
        }
      : null,
  };
}
