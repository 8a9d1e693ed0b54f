import {
  BACKUP_ARTWORK_NOT_BASE64,
  BACKUP_BASE64_FIELDS,
  backupPreview,
  backupRestore,
  MAX_BACKUP_BYTES,
  MAX_BACKUP_TEXT_BYTES,
} from '../../contract/operations/backup';
import type { OperationSpec } from '../../contract/operation';
import type { OffThreadJson } from './json-off-thread';

const MB = 1024 * 1024;

/** The largest JSON body of most routes. */
export const DEFAULT_JSON_BODY_LIMIT = 1 * MB;

/**
 * Routes whose JSON bodies are larger by nature: a backup document inlines every stream's
 * artwork as base64. They are parsed off the main thread (json-off-thread.ts): a JSON.parse of
 * tens of megabytes would hold the event loop for a second here.
 */
const LARGER_JSON_BODIES: Readonly<Record<string, { maxBytes: number } & OffThreadJson>> = {
  [backupRestore.name]: backup(),
  [backupPreview.name]: backup(),
};

function backup(): { maxBytes: number } & OffThreadJson {
  return {
    maxBytes: MAX_BACKUP_BYTES,
    base64Fields: BACKUP_BASE64_FIELDS,
    maxTextBytes: MAX_BACKUP_TEXT_BYTES,
    notBase64: BACKUP_ARTWORK_NOT_BASE64,
  };
}

/** The body limit of an operation's route, in bytes. */
export function bodyLimitOf(spec: OperationSpec): number {
  return (
    spec.http.rawBody?.maxBytes ??
    LARGER_JSON_BODIES[spec.name]?.maxBytes ??
    DEFAULT_JSON_BODY_LIMIT
  );
}

/** How the JSON body of an operation's route is parsed off the main thread, if it is. */
export function offThreadJsonOf(spec: OperationSpec): OffThreadJson | undefined {
  return LARGER_JSON_BODIES[spec.name];
}
