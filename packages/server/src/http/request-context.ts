import type { Actor } from '@anxin/domain';

/** Who is calling and from where: what every use case receives besides its input. */
export interface RequestContext {
  actor: Actor;
  clientIp: string;
  requestId: string;
}

export interface SessionInfo {
  tokenHash: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the session hook when a valid session cookie came with the request. */
    actor: Actor | null;
    session: SessionInfo | null;
  }
}
