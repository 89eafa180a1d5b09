import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { roleOf } from './assessment-access.ts';
import { ASSESSMENT_CONTEXT } from './assessment-crypto.ts';
import { ConsentRepository } from './consent-repository.ts';
import { LinkRepository } from './link-repository.ts';

/**
 * Records that the person withdrew a consent. From that moment no assessment (and, through
 * hasValidConsent, no reminder) for that purpose is allowed; open self-administration links issued under
 * it are revoked in the same transaction. A second withdrawal is INVALID_STATE.
 */
export async function withdrawConsent(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  input: { consentId: string; reason?: string | undefined },
): Promise<{ id: string; withdrawnAt: Date; linksRevoked: number }> {
  const consent = await new ConsentRepository(ctx.db).find(input.consentId);
  if (!consent) throw new AppError(ErrorCode.NOT_FOUND, 'Consent not found');
  await authorize(ctx, rc, 'consent.record', { regionCode: consent.regionCode, resourceType: 'consent', resourceId: consent.id });
  const now = ctx.clock();
  const reason = input.reason?.trim() ? input.reason.trim() : undefined;
  return ctx.db.transaction(async (tx) => {
    const done = await new ConsentRepository(tx).withdraw(
      consent.id,
      rc.actor.accountId,
      now,
      reason === undefined ? null : ctx.cipher.encrypt(reason, ASSESSMENT_CONTEXT.withdrawalReason),
    );
    if (!done) throw new AppError(ErrorCode.INVALID_STATE, 'This consent has already been withdrawn');
    const linksRevoked = await new LinkRepository(tx).revokeForConsent(consent.id, now);
    await appendTimelineEvent(tx, {
      personId: consent.personId,
      occurredAt: now,
      kind: 'consent.withdrawn',
      refId: consent.id,
      summary: { purpose: consent.purpose, linksRevoked },
      actorId: rc.actor.accountId,
    });
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleOf(rc),
      action: 'consent.withdraw',
      resourceType: 'consent',
      resourceId: consent.id,
      regionCode: consent.regionCode,
      clientIp: rc.clientIp,
      details: { personId: consent.personId, purpose: consent.purpose, linksRevoked },
    });
    return { id: consent.id, withdrawnAt: now, linksRevoked };
  });
}
