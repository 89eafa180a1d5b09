import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { personFor, roleOf } from './assessment-access.ts';
import { LinkRepository } from './link-repository.ts';

export interface OpenLinkView {
  id: string;
  instrument: string;
  language: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
}

/** A person's links that can still be answered (assessment.administer in the person's region). Tokens are never shown again. */
export async function listOpenLinks(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, personId: string): Promise<OpenLinkView[]> {
  const person = await personFor(ctx, rc, personId, 'assessment.administer');
  const links = await new LinkRepository(ctx.db).listOpenForPerson(person.id, ctx.clock());
  return links.map((l) => ({
    id: l.id,
    instrument: l.instrument,
    language: l.language,
    issuedBy: l.issuedBy,
    issuedAt: l.issuedAt.toISOString(),
    expiresAt: l.expiresAt.toISOString(),
  }));
}

/** Withdraws an unused link (lost phone, wrong person…); INVALID_STATE when used or already revoked. Audited. */
export async function revokeAssessmentLink(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, id: string): Promise<{ id: string; revokedAt: Date }> {
  const link = await new LinkRepository(ctx.db).find(id);
  if (!link) throw new AppError(ErrorCode.NOT_FOUND, 'Link not found');
  await authorize(ctx, rc, 'assessment.administer', { regionCode: link.regionCode, resourceType: 'assessment_link', resourceId: link.id });
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    if (!(await new LinkRepository(tx).revoke(link.id, now))) throw new AppError(ErrorCode.INVALID_STATE, 'This link was already used or withdrawn');
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleOf(rc),
      action: 'assessment.revoke_link',
      resourceType: 'assessment_link',
      resourceId: link.id,
      regionCode: link.regionCode,
      clientIp: rc.clientIp,
      details: { personId: link.personId, instrument: link.instrument },
    });
    return { id: link.id, revokedAt: now };
  });
}
