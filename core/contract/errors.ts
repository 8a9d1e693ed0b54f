import { z } from 'zod';
import { redactUrlCredentials } from './redact';

/** Error codes shared by every host. Mapped to HTTP status in one place (errorStatus). */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_IMAGE: 422,
  UNSUPPORTED_URL_SCHEME: 400,
  INVALID_URL: 400,
  /** The request names a host this server does not answer to (DNS rebinding guard). */
  MISDIRECTED_REQUEST: 421,
  RATE_LIMITED: 429,
  STREAM_UNREACHABLE: 422,
  FFMPEG_NOT_FOUND: 500,
  FFMPEG_FAILED: 500,
  RECORDING_EMPTY: 500,
  VALIDATION_OF_OUTPUT_FAILED: 500,
  DISK_FULL: 500,
  HOST_KEY_MISMATCH: 422,
  SSH_AUTH_FAILED: 422,
  SSH_UNREACHABLE: 422,
  TRANSFER_FAILED: 500,
  TRANSFER_SIZE_MISMATCH: 500,
  INTERNAL: 500,
  /** The server is stopping: try again in a moment. */
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One of the error codes, in an answer (e.g. the outcome of a connection test). */
export const errorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
}

/**
 * An error as a value: a code, a human sentence saying what to do next, and optionally a field.
 * The credentials of URLs in the message are removed here, where every error message is made.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, options?: { field?: string; cause?: unknown }) {
    super(
      redactUrlCredentials(message),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AppError';
    this.code = code;
    if (options?.field !== undefined) this.field = options.field;
  }

  toBody(): ErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function errorStatus(code: ErrorCode): number {
  return ERROR_CODES[code];
}
