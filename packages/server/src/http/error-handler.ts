import { AppError, ErrorCode, httpStatusOf } from '@anxin/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; details?: Record<string, unknown> };
}

function body(code: ErrorCode, message: string, field?: string, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, ...(field ? { field } : {}), ...(details ? { details } : {}) } };
}

/** Fastify's own error codes for bad requests, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.MALFORMED_REQUEST,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.MALFORMED_REQUEST,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.MALFORMED_REQUEST,
  FST_ERR_CTP_INVALID_TYPE: ErrorCode.MALFORMED_REQUEST,
  FST_ERR_VALIDATION: ErrorCode.VALIDATION,
  FST_ERR_NOT_FOUND: ErrorCode.NOT_FOUND,
};

/** Turns any thrown value into the reply `{"error":{"code","message","field"?}}`. The one place errors meet HTTP. */
export function toErrorReply(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: httpStatusOf(error.code), body: body(error.code, error.message, error.field, error.details) };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const path = first?.instancePath.replace(/^\//, '').replace(/\//g, '.') ?? '';
    const where = error.validationContext ?? 'body';
    const missingKey = first?.params && typeof first.params === 'object' && 'keys' in first.params ? first.params.keys : undefined;
    const field = [where, path, Array.isArray(missingKey) ? missingKey.join(',') : ''].filter(Boolean).join('.');
    return { status: 400, body: body(ErrorCode.VALIDATION, first?.message ?? 'Invalid input', field) };
  }
  const fe = error as Partial<FastifyError>;
  if (typeof fe.code === 'string' && FASTIFY_CODES[fe.code]) {
    const code = FASTIFY_CODES[fe.code] as ErrorCode;
    const message =
      code === ErrorCode.PAYLOAD_TOO_LARGE ? 'Request body is too large' : code === ErrorCode.MALFORMED_REQUEST ? 'Request body is not valid JSON' : fe.message ?? 'Bad request';
    return { status: httpStatusOf(code), body: body(code, message, code === ErrorCode.MALFORMED_REQUEST ? 'body' : undefined) };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: body(ErrorCode.MALFORMED_REQUEST, fe.message ?? 'Bad request') };
  }
  return { status: 500, body: body(ErrorCode.INTERNAL, 'Internal error') };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body: payload } = toErrorReply(error);
  const retryAfter = payload.error.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: payload.error.code, field: payload.error.field }, 'request rejected');
  void reply.status(status).send(payload);
}
