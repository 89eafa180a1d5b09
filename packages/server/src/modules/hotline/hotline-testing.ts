import type { FastifyInstance } from 'fastify';
import { signWebhook } from './webhook-signature.ts';

/** Sends a signed CTI event through the app (tests and benchmarks). */
export async function postEvent(
  app: FastifyInstance,
  secret: string,
  event: Record<string, unknown>,
  options: { at: Date; signature?: string; timestamp?: number; omitSignature?: boolean },
) {
  const body = JSON.stringify(event);
  const ts = options.timestamp ?? Math.floor(options.at.getTime() / 1000);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-anxin-timestamp': String(ts) };
  if (!options.omitSignature) headers['x-anxin-signature'] = options.signature ?? signWebhook(secret, ts, body);
  return app.inject({ method: 'POST', url: '/api/hotline/webhook', headers, payload: body });
}
