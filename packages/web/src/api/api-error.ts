import { ErrorCode } from '@anxin/domain/errors/error-code.ts';

/** Client-side failure codes the server never sends: the request did not get a usable answer. */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export type ApiErrorCode = ErrorCode | ClientErrorCode;

const SERVER_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

export function isServerErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && SERVER_CODES.has(value);
}

/** A failed API call: the HTTP status (0 when there was no response), a typed code and the server's details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    options: { field?: string | undefined; details?: Record<string, unknown> | undefined } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The code to assume when a failure arrives without the `{"error":{...}}` envelope (a proxy page, say). */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCode.UNAUTHENTICATED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 409) return ErrorCode.CONFLICT;
  if (status === 413) return ErrorCode.PAYLOAD_TOO_LARGE;
  if (status === 429) return ErrorCode.RATE_LIMITED;
  if (status === 502 || status === 503 || status === 504) return ErrorCode.UNAVAILABLE;
  if (status >= 400 && status < 500) return ErrorCode.MALFORMED_REQUEST;
  return ErrorCode.INTERNAL;
}

/** Reads `{"error":{"code","message","field"?,"details"?}}`; anything else becomes a code derived from the status. */
export function parseApiError(status: number, body: unknown, fallbackMessage: string): ApiError {
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (!envelope) return new ApiError(status, codeForStatus(status), fallbackMessage);
  const code = isServerErrorCode(envelope.code) ? envelope.code : codeForStatus(status);
  const message = typeof envelope.message === 'string' ? envelope.message : fallbackMessage;
  const field = typeof envelope.field === 'string' ? envelope.field : undefined;
  const details = isRecord(envelope.details) ? envelope.details : undefined;
  return new ApiError(status, code, message, { field, details });
}
