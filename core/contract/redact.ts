// `scheme://` then the user info up to the last "@" before the host (a password may hold an "@"):
// anything but blanks, quotes, brackets and the characters that end an authority.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>()[\]{}]*@/gi;

/** What replaces the user name and password of a URL in a message. */
export const REDACTED_CREDENTIALS = '[redacted]';

/**
 * Removes the credentials of every URL in `text`: `http://user:pw@host/live` becomes
 * `http://[redacted]@host/live`. Applied where error messages and log entries are made (AppError,
 * the log, the sessions' error messages), so that a stream URL with credentials never reaches a
 * log file, an error answer or the UI; the stream's own URL keeps them (ffmpeg needs them).
 */
export function redactUrlCredentials(text: string): string {
  return text.includes('://')
    ? text.replace(URL_CREDENTIALS, (_m, scheme: string) => `${scheme}${REDACTED_CREDENTIALS}@`)
    : text;
}
