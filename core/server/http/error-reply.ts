import { z } from 'zod';
import { errorStatus, isAppError, type ErrorBody, type ErrorCode } from '../../contract';
import { validationError } from '../../src/operations/operation-table';

/** What the HTTP host answers for a failure: the status and `{"error": {code, message, field?}}`. */
export interface ErrorReply {
  status: number;
  body: { error: ErrorBody };
  /** The detail to log (never sent): set for unexpected failures. */
  detail?: string;
}

/** The generic sentence of an unexpected failure: it reveals nothing about the server. */
export const INTERNAL_MESSAGE = 'Something went wrong on the server. See the log for details.';

// Errors fastify and its plugins raise before a handler runs, by their code.
const FRAMEWORK_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is larger than this route accepts.',
  },
  FST_REQ_FILE_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The uploaded file is larger than this route accepts.',
  },
  FST_PARTS_LIMIT: { code: 'PAYLOAD_TOO_LARGE', message: 'The upload has too many parts.' },
  FST_FILES_LIMIT: { code: 'PAYLOAD_TOO_LARGE', message: 'The upload has too many files.' },
  FST_FIELDS_LIMIT: { code: 'PAYLOAD_TOO_LARGE', message: 'The upload has too many fields.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'This route does not accept a body of that Content-Type.',
  },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The upload must be multipart/form-data.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', message: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'VALIDATION_FAILED',
    message: 'The body is not valid JSON.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'VALIDATION_FAILED',
    message: 'The Content-Length header does not match the body.',
  },
  FST_ERR_BAD_URL: {
    code: 'VALIDATION_FAILED',
    message: 'The address is malformed (a % that does not start a valid escape?).',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'VALIDATION_FAILED',
    message: 'A part of the address is too long: ids have at most 100 characters.',
  },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'VALIDATION_FAILED', message: 'The request is malformed.' },
  // Node's HTTP parser, before fastify sees a request (the server's clientError)
  HPE_HEADER_OVERFLOW: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request headers (or its address) are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    code: 'VALIDATION_FAILED',
    message: 'The request did not arrive completely in time.',
  },
};

// Any other client error of the framework, by status.
const BY_STATUS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'VALIDATION_FAILED', message: 'The request is malformed.' },
  401: { code: 'UNAUTHORIZED', message: 'Log in, or send the X-Api-Key header.' },
  403: { code: 'FORBIDDEN', message: 'This request is not allowed.' },
  404: { code: 'NOT_FOUND', message: 'There is nothing at this address.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The Content-Type is not supported here.' },
  429: { code: 'RATE_LIMITED', message: 'Too many requests: wait a minute and try again.' },
};

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause === undefined ? '' : `\ncaused by: ${describe(error.cause)}`;
    return `${error.stack ?? `${error.name}: ${error.message}`}${cause}`;
  }
  return String(error);
}

function reply(code: ErrorCode, message: string, field?: string): ErrorReply {
  const body: ErrorBody = field === undefined ? { code, message } : { code, message, field };
  return { status: errorStatus(code), body: { error: body } };
}

/** Whether `error` is one of the framework's (or Node's HTTP parser's) errors known by code. */
export function isKnownFrameworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && Object.hasOwn(FRAMEWORK_ERRORS, code);
}

/**
 * The one place where failures become HTTP answers: an AppError keeps its code (status from
 * errorStatus), a schema failure is VALIDATION_FAILED, a framework error (body too large, wrong
 * Content-Type, bad JSON, bad URL, rate limit, malformed HTTP) gets its contract code, and
 * anything else is a 500 with a generic message (the detail is only logged).
 */
export function toErrorReply(error: unknown): ErrorReply {
  if (isAppError(error)) {
    const mapped = { status: errorStatus(error.code), body: { error: error.toBody() } };
    return error.code === 'INTERNAL' ? { ...mapped, detail: describe(error) } : mapped;
  }
  if (error instanceof z.ZodError) {
    const app = validationError(error);
    return { status: errorStatus(app.code), body: { error: app.toBody() } };
  }
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  const known =
    typeof code === 'string' && Object.hasOwn(FRAMEWORK_ERRORS, code)
      ? FRAMEWORK_ERRORS[code]
      : undefined;
  if (known) return reply(known.code, known.message);
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const byStatus = BY_STATUS[statusCode] ?? BY_STATUS[400]!;
    return reply(byStatus.code, byStatus.message);
  }
  return { ...reply('INTERNAL', INTERNAL_MESSAGE), detail: describe(error) };
}
