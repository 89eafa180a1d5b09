import { AppError, ErrorCode, can } from '@anxin/domain';
import type { CrisisLevel } from '@anxin/domain/crisis/crisis-level.ts';
import { needsPoliceLiaison } from '@anxin/domain/crisis/deadlines.ts';
import { triageLevel, type Thoughts, type Timeframe } from '@anxin/domain/crisis/triage.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CRISIS_CONTEXT, auditCrisis, loadCase, lockOpenCase } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';
import { applyTransition, checkTransition } from './crisis-transition.ts';

export interface TriageInput {
  thoughts: Thoughts;
  plan: boolean;
  means: boolean;
  timeframe: Timeframe;
  recentAttempt: boolean;
  /** Severe mental disorder risk level 0–5 (2018 spec) when the person is a registered SMD patient. */
  smdRiskLevel?: number | null | undefined;
  notes?: string | undefined;
  /** Links an unidentified case to a registered person found during triage. */
  personId?: string | undefined;
}

/**
 * Triage: thoughts, plan, means and timeframe give the level (domain rule); the case moves
 * reported → triaged, its level follows the triage (the first-contact clock restarts when it changes)
 * and the triage counts as the first contact.
 */
export async function triageCrisisCase(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  caseId: string,
  input: TriageInput,
): Promise<{ level: CrisisLevel; reasons: string[]; policeLiaisonNeeded: boolean }> {
  await loadCase(ctx, rc, caseId, 'crisis.manage');
  const result = triageLevel(input);
  return ctx.db.transaction(async (tx) => {
    const c = await lockOpenCase(tx, caseId);
    const to = checkTransition(rc, c, 'triage');
    const repo = new CrisisRepository(tx);
    let personId: string | null = null;
    if (input.personId !== undefined && input.personId !== c.personId) {
      if (c.personId !== null) throw new AppError(ErrorCode.CONFLICT, 'The case is already linked to another person', { field: 'body.personId' });
      const region = await repo.personRegion(input.personId);
      if (!region) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found', { field: 'body.personId' });
      if (!can(rc.actor, 'crisis.manage', { regionCode: region })) {
        throw new AppError(ErrorCode.OUT_OF_JURISDICTION, 'The person lives outside your jurisdiction', { field: 'body.personId' });
      }
      if (await repo.hasOpenCaseForPerson(input.personId, c.id)) {
        throw new AppError(ErrorCode.CONFLICT, 'The person already has an open crisis case', { field: 'body.personId' });
      }
      personId = input.personId;
    }
    const at = ctx.clock();
    const notes = input.notes?.trim();
    const triageId = await repo.insertTriage({
      caseId: c.id,
      thoughts: input.thoughts,
      plan: input.plan,
      means: input.means,
      timeframe: input.timeframe,
      recentAttempt: input.recentAttempt,
      level: result.level,
      smdRiskLevel: input.smdRiskLevel ?? null,
      notesEnc: notes ? ctx.cipher.encrypt(notes, CRISIS_CONTEXT.triageNotes) : null,
      triagedBy: rc.actor.accountId,
      at,
    });
    await repo.applyTriage(c.id, { level: result.level, at, smdRiskLevel: input.smdRiskLevel ?? null, personId, by: rc.actor.accountId });
    const linked = { ...c, personId: c.personId ?? personId };
    await applyTransition(tx, ctx, rc, linked, 'triage', to);
    if (personId !== null) {
      await appendTimelineEvent(tx, { personId, occurredAt: at, kind: 'crisis.linked', refId: c.id, summary: { level: result.level }, actorId: rc.actor.accountId });
    }
    const policeLiaisonNeeded = needsPoliceLiaison(input.smdRiskLevel ?? c.smdRiskLevel);
    await auditCrisis(tx, ctx, rc, 'crisis.triage_recorded', c, { triageId, level: result.level, smdRiskLevel: input.smdRiskLevel ?? null, linkedPerson: personId !== null });
    return { level: result.level, reasons: result.reasons, policeLiaisonNeeded };
  });
}
