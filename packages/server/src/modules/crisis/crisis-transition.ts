import { AppError, ErrorCode } from '@anxin/domain';
import { needsReview, transition, type CaseEvent, type CaseStatus } from '@anxin/domain/crisis/crisis-workflow.ts';
import type { AppContext } from '../../app-context.ts';
import type { Queryable } from '../../db/database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CRISIS_CONTEXT, auditCrisis, rolesAt } from './crisis-access.ts';
import type { CaseRow } from './crisis-repository.ts';
import { CrisisRepository } from './crisis-repository.ts';

/**
 * Checks a workflow event against the domain state machine for the actor's roles at the case's region,
 * throwing INVALID_STATE or FORBIDDEN before anything is written. Returns the target status.
 */
export function checkTransition(rc: RequestContext, c: CaseRow, event: CaseEvent): CaseStatus {
  const r = transition(c.status, event, rolesAt(rc, c.regionCode));
  if (r.ok) return r.to;
  if (r.reason === 'invalid_state') {
    throw new AppError(ErrorCode.INVALID_STATE, `Cannot ${event} a case that is ${c.status}`, { field: 'body.event' });
  }
  throw new AppError(ErrorCode.FORBIDDEN, `Your role may not ${event} a crisis case`, { field: 'body.event' });
}

/** Applies a checked transition inside the transaction: status, history row, timeline, audit. */
export async function applyTransition(
  tx: Queryable,
  ctx: Pick<AppContext, 'clock' | 'cipher'>,
  rc: RequestContext,
  c: CaseRow,
  event: CaseEvent,
  to: CaseStatus,
  review?: string | undefined,
): Promise<void> {
  if (needsReview(event) && (review === undefined || review.trim().length < 10)) {
    throw new AppError(ErrorCode.VALIDATION, 'Closing a case needs a review of at least 10 characters', { field: 'body.review' });
  }
  const at = ctx.clock();
  const repo = new CrisisRepository(tx);
  await repo.updateStatus(c.id, to, at, to === 'closed' ? rc.actor.accountId : null);
  await repo.insertTransition({
    caseId: c.id,
    event,
    from: c.status,
    to,
    by: rc.actor.accountId,
    at,
    reviewEnc: review ? ctx.cipher.encrypt(review.trim(), CRISIS_CONTEXT.transitionReview) : null,
  });
  if (to === 'closed') await repo.endKeyPerson(c.id, at);
  if (c.personId) {
    await appendTimelineEvent(tx, {
      personId: c.personId,
      occurredAt: at,
      kind: `crisis.${to}`,
      refId: c.id,
      summary: { event, from: c.status, to, level: c.level },
      actorId: rc.actor.accountId,
    });
  }
  await auditCrisis(tx, ctx, rc, `crisis.${event}`, c, { from: c.status, to });
}
