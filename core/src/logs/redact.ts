import type { LogEntry } from '../../contract';
import { redactUrlCredentials } from '../../contract/redact';

// A PEM block (private key, certificate, ...), also one cut off before its END line.
const PEM = /-----BEGIN ([A-Z0-9 ]{1,64})-----[\s\S]*?(?:-----END \1-----|$)/g;
// `passphrase=...`, `password: ...`, `"apiKey":"..."`, `X-Api-Key: ...` and the like.
const SECRET_VALUE =
  /\b(passphrase|password|passwd|api[_-]?key|x-api-key|client[_-]?secret)\b(["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&)}\]]+)/gi;

/**
 * Strips secrets from a message before it is stored or shown (log entries, sessions' error
 * messages): PEM blocks, the values of `passphrase=`, `password=`, API keys, and the credentials
 * of URLs (`http://user:pw@host` → `http://[redacted]@host`). Defence in depth: callers must not
 * log secrets at all.
 */
export function redactSecrets(message: string): string {
  return redactUrlCredentials(message)
    .replace(PEM, (_m, label: string) => `[redacted ${label.trim()}]`)
    .replace(SECRET_VALUE, (_m, key: string, sep: string) => `${key}${sep}[redacted]`);
}

export function redactEntry(entry: LogEntry): LogEntry {
  const message = redactSecrets(entry.message);
  return message === entry.message ? entry : { ...entry, message };
}
