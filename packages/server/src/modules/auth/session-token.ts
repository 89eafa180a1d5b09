import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'anxin_session';
export const CSRF_COOKIE = 'anxin_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored under a hash of their token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
