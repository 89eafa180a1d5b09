import type { ErrorCode } from './error-code.ts';

/** The one mapping from error codes to HTTP statuses. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  MALFORMED_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 429,
  ACCOUNT_DISABLED: 403,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  OUT_OF_JURISDICTION: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  INVALID_STATE: 409,
  CONSENT_REQUIRED: 409,
  GONE: 410,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}
