import { AppError } from '../../contract';
import { MP3_EXTENSION, sanitizeBaseName } from '../../contract/naming/file-name';

// The naming rules are pure and shared with the UI's live preview: core/contract/naming.
export {
  DEFAULT_FILE_NAME_PATTERN,
  FILE_NAME_TOKENS,
  MAX_BASE_NAME_BYTES,
  fileNameTokens,
  isPlainFileName,
  renderFileName,
  sanitizeBaseName,
  type FileNameTokens,
} from '../../contract/naming/file-name';

/**
 * The first free name among `base.mp3`, `base (2).mp3`, `base (3).mp3`, ... as judged by
 * `isTaken` (used for local and for remote names). `baseName` may end in `.mp3` or not; it is
 * sanitized again, so the answer is always a plain file name. Throws CONFLICT after
 * `maxAttempts` taken names.
 */
export async function uniqueFileName(
  baseName: string,
  isTaken: (name: string) => Promise<boolean> | boolean,
  maxAttempts = 10_000,
): Promise<string> {
  const base = sanitizeBaseName(baseName);
  for (let n = 1; n <= maxAttempts; n++) {
    const candidate = n === 1 ? `${base}${MP3_EXTENSION}` : `${base} (${n})${MP3_EXTENSION}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new AppError(
    'CONFLICT',
    `No free file name for "${base}" after ${maxAttempts} attempts: clean up the folder.`,
  );
}
