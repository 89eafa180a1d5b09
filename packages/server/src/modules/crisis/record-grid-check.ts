import { AppError, ErrorCode, can } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { auditCrisis } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';
import { recordCrisisSignal } from './record-crisis-signal.ts';

export const GRID_CHECK_OUTCOMES = ['seen_well', 'seen_concern', 'not_found'] as const;
export type GridCheckOutcome = (typeof GRID_CHECK_OUTCOMES)[number];

/**
 * A grid worker's check on a key person. A check that raises concern is also a crisis signal on the
 * person's case (it is still open while under grid management), so the crisis team sees it at once.
 */
export async function recordGridCheck(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  keyPersonId: string,
  input: { outcome: GridCheckOutcome },
): Promise<{ checkId: string; caseId: string | null }> {
  const k = await new CrisisRepository(ctx.db).keyPerson(keyPersonId);
  if (!k) throw new AppError(ErrorCode.NOT_FOUND, 'Key person not found');
  const action = can(rc.actor, 'crisis.read_feedback', { regionCode: k.regionCode }) ? 'crisis.read_feedback' : 'crisis.manage';
  await authorize(ctx, rc, action, { regionCode: k.regionCode, resourceType: 'crisis_key_person', resourceId: k.id });
  if (k.endedAt !== null) throw new AppError(ErrorCode.INVALID_STATE, 'Grid management of this person has ended');
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const repo = new CrisisRepository(tx);
    const checkId = await repo.insertGridCheck({ keyPersonId: k.id, outcome: input.outcome, by: rc.actor.accountId, at });
    await repo.bumpCase(k.caseId, at);
    await appendTimelineEvent(tx, { personId: k.personId, occurredAt: at, kind: 'crisis.grid_check', refId: k.caseId, summary: { outcome: input.outcome }, actorId: rc.actor.accountId });
    let caseId: string | null = null;
    if (input.outcome !== 'seen_well') {
      ({ caseId } = await recordCrisisSignal(tx, {
        personId: k.personId,
        regionCode: k.regionCode,
        source: 'followup',
        sourceId: `grid_check:${checkId}`,
        level: 'moderate',
        reasons: [`grid_${input.outcome}`],
        reportedBy: rc.actor.accountId,
        at,
      }));
    }
    await auditCrisis(tx, ctx, rc, 'crisis.grid_check', { id: k.caseId, regionCode: k.regionCode }, { keyPersonId: k.id, outcome: input.outcome });
    return { checkId, caseId };
  });
}
