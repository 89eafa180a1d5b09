import type { Config } from '../../config.ts';

/** One text message. `template` is a code the provider maps to an approved SMS template. */
export interface SmsMessage {
  /** Mainland mobile number, 11 digits. */
  to: string;
  template: string;
  /** Codes, counts and dates only: the provider's approved template holds the wording. */
  params: Record<string, string | number>;
  /** Same key ⇒ the provider must not send twice (we may retry after a timeout). */
  idempotencyKey: string;
}

export interface SmsSender {
  readonly kind: 'console' | 'http' | 'off';
  send(message: SmsMessage): Promise<{ providerId: string | null }>;
}

export class SmsError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SmsError';
  }
}

const MOBILE = /^1[3-9]\d{9}$/;

/** 138****1234: what logs may show of a number. */
export function maskMobile(to: string): string {
  return to.length === 11 ? `${to.slice(0, 3)}****${to.slice(7)}` : '***';
}

function check(message: SmsMessage): void {
  if (!MOBILE.test(message.to)) throw new SmsError('not a mainland mobile number', false);
  if (!/^[a-z][a-z0-9_.]{0,63}$/.test(message.template)) throw new SmsError('invalid template code', false);
}

/** Development default: writes a line (masked number, template, params) instead of sending. */
export class ConsoleSmsSender implements SmsSender {
  readonly kind = 'console' as const;
  readonly sent: SmsMessage[] = [];
  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}
  send(message: SmsMessage): Promise<{ providerId: string | null }> {
    check(message);
    this.sent.push(message);
    this.write(`[sms] to=${maskMobile(message.to)} template=${message.template} params=${JSON.stringify(message.params)} key=${message.idempotencyKey}`);
    return Promise.resolve({ providerId: null });
  }
}

/** Sending switched off: messages are dropped (recorded as skipped by the caller). */
export class DisabledSmsSender implements SmsSender {
  readonly kind = 'off' as const;
  send(): Promise<{ providerId: string | null }> {
    return Promise.resolve({ providerId: null });
  }
}

/**
 * A gateway reached over HTTP (a small shim in front of the carrier or cloud SMS service). Contract
 * (docs/followup.md#sms-gateway):
 *   POST {url}  Content-Type: application/json  Authorization: Bearer {token}  Idempotency-Key: {key}
 *   body  {"to":"13800001234","template":"followup_due","params":{"count":3},"idempotencyKey":"…"}
 *   2xx   {"id":"provider-message-id"}        → sent (or already sent for this key)
 *   4xx   → refused, not retried (bad number, unknown template); 429/5xx/timeout → retried later.
 */
export class HttpSmsSender implements SmsSender {
  readonly kind = 'http' as const;
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: SmsMessage): Promise<{ providerId: string | null }> {
    check(message);
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.idempotencyKey,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new SmsError(`SMS gateway unreachable: ${e instanceof Error ? e.name : 'error'}`, true);
    }
    const text = await res.text();
    if (!res.ok) {
      throw new SmsError(`SMS gateway answered ${res.status}`, res.status === 429 || res.status >= 500);
    }
    try {
      const body = JSON.parse(text) as { id?: unknown };
      return { providerId: typeof body.id === 'string' ? body.id : null };
    } catch {
      return { providerId: null };
    }
  }
}

export function createSmsSender(config: Pick<Config, 'sms'>): SmsSender {
  switch (config.sms.adapter) {
    case 'off':
      return new DisabledSmsSender();
    case 'http':
      if (!config.sms.httpUrl) throw new Error('ANXIN_SMS_HTTP_URL is required when ANXIN_SMS_ADAPTER=http');
      return new HttpSmsSender(config.sms.httpUrl, config.sms.httpToken);
    default:
      return new ConsoleSmsSender();
  }
}
