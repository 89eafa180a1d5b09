import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CRISIS_CONTEXT, auditCrisis, loadCase, lockOpenCase } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';

/** The Stanley–Brown safety plan sections. */
export interface SafetyPlan {
  warningSigns: string[];
  copingSteps: string[];
  /** People and places that help (distraction, company). */
  peoplePlaces: string[];
  /** Professionals and services to call, including the hotline. */
  professionalContacts: string[];
  /** Making the environment safe: what means were removed or locked away, by whom. */
  meansRestriction: string[];
}

const tidy = (xs: string[]): string[] => xs.map((x) => x.trim()).filter((x) => x.length > 0);

/** Saves a new version of the case's safety plan (refused on a closed case). */
export async function saveSafetyPlan(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  caseId: string,
  plan: SafetyPlan,
): Promise<{ version: number }> {
  await loadCase(ctx, rc, caseId, 'crisis.manage');
  const content: SafetyPlan = {
    warningSigns: tidy(plan.warningSigns),
    copingSteps: tidy(plan.copingSteps),
    peoplePlaces: tidy(plan.peoplePlaces),
    professionalContacts: tidy(plan.professionalContacts),
    meansRestriction: tidy(plan.meansRestriction),
  };
  return ctx.db.transaction(async (tx) => {
    const c = await lockOpenCase(tx, caseId);
    const repo = new CrisisRepository(tx);
    const version = await repo.nextSafetyPlanVersion(c.id);
    const at = ctx.clock();
    await repo.insertSafetyPlan({ caseId: c.id, version, contentEnc: ctx.cipher.encrypt(JSON.stringify(content), CRISIS_CONTEXT.safetyPlan), by: rc.actor.accountId, at });
    await repo.bumpCase(c.id, at);
    if (c.personId) {
      await appendTimelineEvent(tx, { personId: c.personId, occurredAt: at, kind: 'crisis.safety_plan', refId: c.id, summary: { version }, actorId: rc.actor.accountId });
    }
    await auditCrisis(tx, ctx, rc, 'crisis.safety_plan_saved', c, { version });
    return { version };
  });
}
