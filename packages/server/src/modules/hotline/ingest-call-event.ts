import { AppError, ErrorCode } from '@anxin/domain';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { CallRepository } from './call-repository.ts';
import { HOTLINE_CONTEXT, callerIndex } from './hotline-crypto.ts';
import { LineRepository } from './line-repository.ts';
import { verifyWebhook } from './webhook-signature.ts';

export const CALL_EVENT_TYPES = ['ringing', 'answered', 'ended', 'abandoned'] as const;

/** The CTI event body (documented in docs/hotline.md). */
export const callEventSchema = z.strictObject({
  eventId: z.string().min(1).max(200),
  type: z.enum(CALL_EVENT_TYPES),
  /** The line's public number, e.g. '12356'. */
  line: z.string().min(1).max(30),
  /** The telephony's id of the call; all events of one call share it. */
  callId: z.string().min(1).max(200),
  /** Seat code; required on 'answered'. */
  seat: z.string().min(1).max(50).optional(),
  callerNumber: z.string().max(40).optional(),
  /** When the event happened (ISO 8601 with offset). */
  at: z.iso.datetime({ offset: true }),
});
export type CallEvent = z.infer<typeof callEventSchema>;

export interface RawWebhook {
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

export interface IngestResult {
  callId: string;
  duplicate: boolean;
  draftCreated: boolean;
}

/**
 * Takes one signed CTI event. Order: parse → find the line → verify the signature with the line's
 * secret → check the seat → apply. Nothing is written unless every check passes; a repeated event id
 * writes nothing and answers as the first time did.
 */
export async function ingestCallEvent(ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>, raw: RawWebhook): Promise<IngestResult> {
  let json: unknown;
  try {
    json = JSON.parse(raw.rawBody);
  } catch {
    throw new AppError(ErrorCode.MALFORMED_REQUEST, 'The body is not JSON', { field: 'body' });
  }
  const parsed = callEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(ErrorCode.VALIDATION, issue?.message ?? 'Invalid event', { field: `body.${issue?.path.join('.') ?? ''}` });
  }
  const event = parsed.data;
  const lines = new LineRepository(ctx.db);
  const line = await lines.findLineByNumber(event.line);
  if (!line) throw new AppError(ErrorCode.NOT_FOUND, `Unknown line ${event.line}`, { field: 'body.line' });
  if (!line.webhookSecretEnc) throw new AppError(ErrorCode.INVALID_STATE, 'This line has no webhook secret configured', { field: 'body.line' });
  const now = ctx.clock();
  verifyWebhook(ctx.cipher.decrypt(line.webhookSecretEnc, HOTLINE_CONTEXT.webhookSecret), raw, raw.rawBody, now);

  const calls = new CallRepository(ctx.db);
  const seen = await calls.eventCall(line.id, event.eventId);
  if (seen) return { callId: seen, duplicate: true, draftCreated: false };

  let seat = null;
  if (event.seat !== undefined) {
    seat = await lines.findSeat(line.id, event.seat);
    if (!seat || !seat.active) throw new AppError(ErrorCode.VALIDATION, `Unknown seat ${event.seat} on line ${event.line}`, { field: 'body.seat' });
  } else if (event.type === 'answered') {
    throw new AppError(ErrorCode.VALIDATION, 'An answered event names the seat', { field: 'body.seat' });
  }
  const at = new Date(event.at);
  const callerBidx = event.callerNumber ? callerIndex(ctx.cipher, event.callerNumber) : null;

  return ctx.db.transaction(async (tx) => {
    const repo = new CallRepository(tx);
    const applied = await repo.applyEvent({
      lineId: line.id,
      regionCode: line.regionCode,
      externalId: event.callId,
      type: event.type,
      at,
      seatId: seat?.id ?? null,
      counselorId: event.type === 'answered' ? (seat?.occupantId ?? null) : null,
      callerBidx,
    });
    const fresh = await repo.insertEvent(line.id, event.eventId, applied.id, event.type, at, now);
    return { callId: applied.id, duplicate: !fresh, draftCreated: fresh && applied.draftCreated };
  });
}
