import { toApiError, type ApiErrorCode } from './api-error';

/**
 * The one place where error codes become what the UI says. The core's messages are written for
 * people (they say what to do next), so they are shown as they are; only failures the core never
 * saw get a sentence of the UI's own.
 */
const UI_MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  NETWORK_ERROR: 'The server cannot be reached. Check that it is running and that you are online.',
  BAD_RESPONSE: 'The server answered something unexpected. Reload the page and try again.',
};

/** The sentence to show for a failure. */
export function errorMessage(error: unknown): string {
  const e = toApiError(error);
  return UI_MESSAGES[e.code] ?? (e.message || 'Something went wrong.');
}
