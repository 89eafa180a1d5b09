import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from '@anxin/domain';

/**
 * CTI webhook authentication. The telephony signs each request with the line's secret:
 *   x-anxin-timestamp: <unix seconds when sent>
 *   x-anxin-signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * A request older or newer than WEBHOOK_TOLERANCE_SECONDS is refused as a replay; within the window a
 * repeated event is harmless because events are idempotent on their id.
 */
export const SIGNATURE_HEADER = 'x-anxin-signature';
export const TIMESTAMP_HEADER = 'x-anxin-timestamp';
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string,
  now: Date,
): void {
  if (!headers.signature || !headers.timestamp) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, `Unsigned event: ${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER} are required`, {
      field: `headers.${headers.signature ? TIMESTAMP_HEADER : SIGNATURE_HEADER}`,
    });
  }
  if (!/^\d{9,11}$/.test(headers.timestamp)) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'The timestamp must be unix seconds', { field: `headers.${TIMESTAMP_HEADER}` });
  }
  const ts = Number(headers.timestamp);
  if (Math.abs(now.getTime() / 1000 - ts) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, `Stale or replayed event: the timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} s from now`, {
      field: `headers.${TIMESTAMP_HEADER}`,
    });
  }
  const expected = Buffer.from(signWebhook(secret, ts, rawBody));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'Bad signature', { field: `headers.${SIGNATURE_HEADER}` });
  }
}
