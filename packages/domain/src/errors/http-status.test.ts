import { describe, expect, it } from 'vitest';
import { ErrorCode } from './error-code.ts';
import { HTTP_STATUS, httpStatusOf } from './http-status.ts';

describe('error code → HTTP status', () => {
  it('maps every code to a status', () => {
    for (const code of Object.values(ErrorCode)) {
      const status = httpStatusOf(code);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
    expect(Object.keys(HTTP_STATUS).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it.each([
    [ErrorCode.VALIDATION, 400],
    [ErrorCode.MALFORMED_REQUEST, 400],
    [ErrorCode.PAYLOAD_TOO_LARGE, 413],
    [ErrorCode.UNAUTHENTICATED, 401],
    [ErrorCode.INVALID_CREDENTIALS, 401],
    [ErrorCode.ACCOUNT_LOCKED, 429],
    [ErrorCode.CSRF_FAILED, 403],
    [ErrorCode.FORBIDDEN, 403],
    [ErrorCode.OUT_OF_JURISDICTION, 403],
    [ErrorCode.NOT_FOUND, 404],
    [ErrorCode.CONFLICT, 409],
    [ErrorCode.GONE, 410],
    [ErrorCode.INTERNAL, 500],
  ] as const)('%s → %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('only INTERNAL is a server error', () => {
    const fiveHundreds = Object.values(ErrorCode).filter((c) => httpStatusOf(c) >= 500 && c !== ErrorCode.UNAVAILABLE);
    expect(fiveHundreds).toEqual([ErrorCode.INTERNAL]);
  });
});
