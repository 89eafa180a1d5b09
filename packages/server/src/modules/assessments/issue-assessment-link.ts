import { AppError, ErrorCode, getInstrument } from '@anxin/domain';
import QRCode from 'qrcode';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { hashToken, newToken } from '../auth/session-token.ts';
import { personFor, roleOf } from './assessment-access.ts';
import type { AssessmentLanguage } from './assessment-repository.ts';
import { LinkRepository } from './link-repository.ts';
import { requireAssessmentConsent } from './require-consent.ts';

export const LINK_MAX_HOURS = 7 * 24;

/**
 * Issues a one-time self-administration link (assessment.administer in the person's region; a valid
 * consent is required). The token is 256 random bits, returned once; only its SHA-256 is stored. The
 * QR code (SVG) encodes the full URL, built from `origin`.
 */
export async function issueAssessmentLink(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  input: { personId: string; instrument: string; language?: AssessmentLanguage | undefined; expiresInHours?: number | undefined; origin: string },
): Promise<{ id: string; token: string; path: string; url: string; qrSvg: string; expiresAt: Date }> {
  let definition;
  try {
    definition = getInstrument(input.instrument).definition;
  } catch {
    throw new AppError(ErrorCode.VALIDATION, `Unknown instrument '${input.instrument}'`, { field: 'body.instrument' });
  }
  const hours = input.expiresInHours ?? 72;
  if (!(hours > 0 && hours <= LINK_MAX_HOURS)) {
    throw new AppError(ErrorCode.VALIDATION, `A link lasts more than 0 and at most ${LINK_MAX_HOURS} hours`, { field: 'body.expiresInHours' });
  }
  const person = await personFor(ctx, rc, input.personId, 'assessment.administer', 'body.personId');
  const now = ctx.clock();
  const consentId = await requireAssessmentConsent(ctx.db, person.id, now, ctx.config.timeZone);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  const id = await ctx.db.transaction(async (tx) => {
    const linkId = await new LinkRepository(tx).insert({
      tokenHash: hashToken(token),
      personId: person.id,
      regionCode: person.regionCode,
      instrument: definition.id,
      instrumentVersion: definition.version,
      language: input.language ?? 'zh',
      consentId,
      issuedBy: rc.actor.accountId,
      issuedAt: now,
      expiresAt,
    });
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleOf(rc),
      action: 'assessment.issue_link',
      resourceType: 'assessment_link',
      resourceId: linkId,
      regionCode: person.regionCode,
      clientIp: rc.clientIp,
      details: { personId: person.id, instrument: definition.id, hours },
    });
    return linkId;
  });
  const path = `/s/${token}`;
  const url = `${input.origin.replace(/\/$/, '')}${path}`;
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { id, token, path, url, qrSvg, expiresAt };
}
