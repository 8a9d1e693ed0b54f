import { backupDocumentSchema, type BackupDocument } from '@contract/operations';

// A backup file as the UI reads it before asking the server what restoring it would change
// (`backup.preview`, which checks it as a restore does and compares it with the configuration
// on the server: core/src/backup/preview-restore.ts).

/** A backup file read and checked like the server does first (its schema and references). */
export type ParsedBackup = { ok: true; doc: BackupDocument } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 5;

/**
 * Reads the text of a backup file and checks its form with the contract's schema, so that a
 * file that is no backup is explained at once. The server checks the rest (every entry as its
 * create operation does, keys, artwork) when it previews and when it applies it.
 */
export function parseBackup(text: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      problems: ['The file is not JSON: pick a backup downloaded from Settings.'],
    };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof json !== 'object' || json === null || format !== 'audio-stream-recorder-backup') {
    return {
      ok: false,
      problems: [
        'This is not a backup of Audio Stream Recorder (its "format" is missing or other).',
      ],
    };
  }
  const result = backupDocumentSchema.safeParse(json);
  if (result.success) return { ok: true, doc: result.data };
  const problems = result.error.issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = result.error.issues.length - MAX_PROBLEMS;
  if (more > 0) problems.push(`…and ${more} more.`);
  return { ok: false, problems };
}

/** The file name of a backup taken on `date` (the user's local date). */
export function backupFileName(date: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `audio-stream-recorder-backup-${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}.json`;
}
