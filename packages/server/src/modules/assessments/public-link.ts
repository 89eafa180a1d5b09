import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { Queryable } from '../../db/database.ts';
import { hashToken } from '../auth/session-token.ts';
import { LinkRepository, type LinkRecord } from './link-repository.ts';

/** Requests allowed per window on the public endpoints: per link token, and per client address. */
export const PUBLIC_LIMITS = { windowMs: 10 * 60_000, perToken: 30, perIp: 120 } as const;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Counts this request against the token's and the address's budgets (RATE_LIMITED when over) and
 * returns the token's hash. A malformed token still counts against the address.
 */
export async function throttlePublic(ctx: Pick<AppContext, 'db' | 'clock'>, token: string, clientIp: string): Promise<string> {
  const links = new LinkRepository(ctx.db);
  const now = ctx.clock();
  const ipHits = await links.hit(`ip:${clientIp}`, now, PUBLIC_LIMITS.windowMs);
  const tokenHash = hashToken(token);
  const tokenHits = TOKEN_SHAPE.test(token) ? await links.hit(`token:${tokenHash}`, now, PUBLIC_LIMITS.windowMs) : 0;
  if (ipHits > PUBLIC_LIMITS.perIp || tokenHits > PUBLIC_LIMITS.perToken) {
    throw new AppError(ErrorCode.RATE_LIMITED, 'Too many requests. Please wait a few minutes and try again.');
  }
  if (!TOKEN_SHAPE.test(token)) throw new AppError(ErrorCode.NOT_FOUND, 'This link is not valid', { details: { reason: 'invalid' } });
  return tokenHash;
}

/** The link if it can still be answered; otherwise NOT_FOUND (unknown) or GONE with details.reason used | expired | revoked. */
export async function usableLink(q: Queryable, tokenHash: string, at: Date, forUpdate = false): Promise<LinkRecord> {
  const link = await new LinkRepository(q).findByTokenHash(tokenHash, forUpdate);
  if (!link) throw new AppError(ErrorCode.NOT_FOUND, 'This link is not valid', { details: { reason: 'invalid' } });
  if (link.usedAt !== null) throw new AppError(ErrorCode.GONE, 'This link has already been used', { details: { reason: 'used' } });
  if (link.revokedAt !== null) throw new AppError(ErrorCode.GONE, 'This link has been withdrawn', { details: { reason: 'revoked' } });
  if (link.expiresAt.getTime() <= at.getTime()) throw new AppError(ErrorCode.GONE, 'This link has expired', { details: { reason: 'expired' } });
  return link;
}
