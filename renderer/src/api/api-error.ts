import { ERROR_CODES, type ErrorCode } from '@contract';

/**
 * Codes of failures that happen before the core answers: the server cannot be reached, or its
 * answer is not the contract's.
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** A failed operation as a value: the contract's code, a human sentence, maybe a field. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  /** The HTTP status, when the failure came over HTTP. */
  readonly status?: number;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { field?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
    if (options.status !== undefined) this.status = options.status;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** The contract's codes by HTTP status, for answers that carry no readable error body. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * The error of a failed answer: the contract's body `{"error": {code, message, field?}}` when it
 * is there, otherwise a code from the status (a proxy's 502 page, an empty body...).
 */
export function errorFromBody(status: number, bodyText: string): ApiError {
  let parsed: unknown;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: unknown } | undefined)?.error as
    { code?: unknown; message?: unknown; field?: unknown } | undefined;
  if (error && typeof error === 'object' && typeof error.message === 'string') {
    const code = isErrorCode(error.code) ? error.code : (CODE_BY_STATUS[status] ?? 'INTERNAL');
    return new ApiError(code, error.message, {
      status,
      ...(typeof error.field === 'string' && error.field ? { field: error.field } : {}),
    });
  }
  const code = CODE_BY_STATUS[status];
  if (code)
    return new ApiError(code, `The server refused the request (HTTP ${status}).`, { status });
  if (status >= 500) {
    return new ApiError(
      status === 502 || status === 503 || status === 504 ? 'NETWORK_ERROR' : 'INTERNAL',
      `The server could not answer (HTTP ${status}). Try again in a moment.`,
      { status },
    );
  }
  return new ApiError('BAD_RESPONSE', `The server answered unexpectedly (HTTP ${status}).`, {
    status,
  });
}

/** The error for a request that never got an answer. */
export function networkError(cause: unknown): ApiError {
  return new ApiError(
    'NETWORK_ERROR',
    'The server cannot be reached. Check that it is running and that you are online.',
    { cause },
  );
}

/** Any thrown value as an ApiError (unexpected ones become INTERNAL with their message). */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('INTERNAL', message || 'Something went wrong.', { cause: error });
}
