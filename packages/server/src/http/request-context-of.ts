import { AppError, ErrorCode } from '@anxin/domain';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from './request-context.ts';

/** The signed-in caller of a request, or UNAUTHENTICATED. */
export function requestContextOf(request: FastifyRequest): RequestContext {
  if (!request.actor) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  return { actor: request.actor, clientIp: request.ip, requestId: String(request.id) };
}
