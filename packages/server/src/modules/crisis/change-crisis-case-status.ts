import { AppError, ErrorCode } from '@anxin/domain';
import type { CaseEvent, CaseStatus } from '@anxin/domain/crisis/crisis-workflow.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { loadCase } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';
import { applyTransition, checkTransition } from './crisis-transition.ts';

/** Events that carry no record of their own; the others have their own use case (triage, admission, …). */
export const PLAIN_EVENTS = ['start_intervention', 'stabilize', 'refer', 'start_grid_management', 'close', 'dismiss'] as const;
export type PlainEvent = (typeof PLAIN_EVENTS)[number];

/** Moves a case along the workflow (state and role checked by the domain), with a review when closing. */
export async function changeCrisisCaseStatus(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  caseId: string,
  input: { event: CaseEvent; review?: string | undefined },
): Promise<{ status: CaseStatus }> {
  if (!(PLAIN_EVENTS as readonly string[]).includes(input.event)) {
    throw new AppError(ErrorCode.VALIDATION, `${input.event} has its own form (triage, admission, discharge or feedback)`, { field: 'body.event' });
  }
  await loadCase(ctx, rc, caseId, 'crisis.manage');
  return ctx.db.transaction(async (tx) => {
    const c = await new CrisisRepository(tx).findCase(caseId, true);
    if (!c) throw new AppError(ErrorCode.NOT_FOUND, 'Crisis case not found');
    const to = checkTransition(rc, c, input.event);
    if (input.event === 'start_grid_management') await new CrisisRepository(tx).startGridManagement(c.id, ctx.clock());
    await applyTransition(tx, ctx, rc, c, input.event, to, input.review);
    return { status: to };
  });
}
