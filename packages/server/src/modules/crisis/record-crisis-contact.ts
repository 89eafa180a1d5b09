import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CRISIS_CONTEXT, auditCrisis, loadCase, lockOpenCase } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';

export const CONTACT_MODES = ['phone', 'home_visit', 'clinic', 'video', 'police_liaison', 'other'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

/**
 * One intervention contact. A contact that reached the person stops the first-contact clock; a
 * police-liaison contact records the liaison that SMD risk level ≥ 3 requires.
 */
export async function recordCrisisContact(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  caseId: string,
  input: { mode: ContactMode; reached: boolean; notes?: string | undefined; at?: Date | undefined },
): Promise<{ contactId: string }> {
  await loadCase(ctx, rc, caseId, 'crisis.manage');
  const now = ctx.clock();
  const at = input.at ?? now;
  if (at.getTime() > now.getTime() + 5 * 60_000) throw new AppError(ErrorCode.VALIDATION, 'The contact time is in the future', { field: 'body.at' });
  return ctx.db.transaction(async (tx) => {
    const c = await lockOpenCase(tx, caseId);
    if (at.getTime() < c.openedAt.getTime() - 24 * 3600_000) {
      throw new AppError(ErrorCode.VALIDATION, 'The contact is before the case was opened', { field: 'body.at' });
    }
    const repo = new CrisisRepository(tx);
    const notes = input.notes?.trim();
    const contactId = await repo.insertContact({ caseId: c.id, mode: input.mode, reached: input.reached, notesEnc: notes ? ctx.cipher.encrypt(notes, CRISIS_CONTEXT.contactNotes) : null, by: rc.actor.accountId, at });
    await repo.noteContact(c.id, { reached: input.reached && input.mode !== 'police_liaison', policeLiaison: input.mode === 'police_liaison', at });
    if (c.personId) {
      await appendTimelineEvent(tx, { personId: c.personId, occurredAt: at, kind: 'crisis.contact', refId: c.id, summary: { mode: input.mode, reached: input.reached }, actorId: rc.actor.accountId });
    }
    await auditCrisis(tx, ctx, rc, 'crisis.contact_recorded', c, { contactId, mode: input.mode, reached: input.reached });
    return { contactId };
  });
}
