import { backupRestore } from '../../contract/operations/backup';
import type { OperationSpec } from '../../contract/operation';

const MB = 1024 * 1024;

/** The largest JSON body of most routes. */
export const DEFAULT_JSON_BODY_LIMIT = 1 * MB;

/**
 * Routes whose JSON bodies are larger by nature: a backup document inlines every stream's
 * artwork as base64 (each up to ~14 MB of text), so a restore may be tens of megabytes.
 */
const LARGER_JSON_BODIES: Readonly<Record<string, number>> = {
  [backupRestore.name]: 64 * MB,
};

/** The body limit of an operation's route, in bytes. */
export function bodyLimitOf(spec: OperationSpec): number {
  return spec.http.rawBody?.maxBytes ?? LARGER_JSON_BODIES[spec.name] ?? DEFAULT_JSON_BODY_LIMIT;
}
