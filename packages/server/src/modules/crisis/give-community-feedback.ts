import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { notify } from '../notifications/notify.ts';
import { CRISIS_CONTEXT, auditCrisis, loadCase, lockOpenCase } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';
import { applyTransition, checkTransition } from './crisis-transition.ts';

/**
 * Community feedback: the person's community and grid workers learn ONLY that the person is a key
 * person, how often to check, and whom to call (the crisis worker giving the feedback). The case moves
 * stabilized/referred → feedback_given; grid workers are notified.
 */
export async function giveCommunityFeedback(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  caseId: string,
  input: { checkEveryDays: number; contactPhone?: string | undefined },
): Promise<{ keyPersonId: string; notified: number }> {
  await loadCase(ctx, rc, caseId, 'crisis.manage');
  return ctx.db.transaction(async (tx) => {
    const c = await lockOpenCase(tx, caseId);
    const to = checkTransition(rc, c, 'give_feedback');
    if (c.personId === null) {
      throw new AppError(ErrorCode.INVALID_STATE, 'Link the case to a registered person (at triage) before community feedback', { field: 'params.id' });
    }
    const repo = new CrisisRepository(tx);
    const residence = await repo.personRegion(c.personId);
    if (!residence) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
    const at = ctx.clock();
    const phone = input.contactPhone?.trim();
    const keyPersonId = await repo.insertKeyPerson({
      caseId: c.id,
      personId: c.personId,
      regionCode: residence,
      checkEveryDays: input.checkEveryDays,
      contactAccountId: rc.actor.accountId,
      contactPhoneEnc: phone ? ctx.cipher.encrypt(phone, CRISIS_CONTEXT.keyPersonPhone) : null,
      at,
    });
    await applyTransition(tx, ctx, rc, c, 'give_feedback', to);
    const workers = await repo.communityWorkersFor(residence);
    for (const accountId of workers) {
      await notify(tx, {
        accountId,
        kind: 'crisis.key_person',
        params: { everyDays: input.checkEveryDays },
        link: '/crisis/key-persons',
        dedupeKey: `crisis.key_person:${keyPersonId}`,
        at,
      });
    }
    await auditCrisis(tx, ctx, rc, 'crisis.feedback_given', c, { keyPersonId, checkEveryDays: input.checkEveryDays, notified: workers.length });
    return { keyPersonId, notified: workers.length };
  });
}
