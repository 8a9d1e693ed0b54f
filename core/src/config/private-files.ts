import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that hold secrets (data, CONFIG_DIR, its keys and auth, backups, logs): owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Files that hold secrets (database, keys, passphrases, credentials, backups, logs). */
export const PRIVATE_FILE_MODE = 0o600;

/** Told about a mode that could not be set (not the owner, read-only mount): logged as a warning. */
export type ModeProblem = (message: string) => void;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

function setMode(path: string, mode: number, what: string, problem: ModeProblem): void {
  try {
    chmodSync(path, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') return;
    problem(
      `Could not make ${what} ${path} readable by the app's user only (mode ${mode.toString(8)}: ${describe(error)}): ` +
        `run the app as the owner of that ${what}, or run chmod ${mode.toString(8)} on it.`,
    );
  }
}

/**
 * Creates `dir` (and its parents) when missing and gives it mode 0700, also when it existed with a
 * looser mode. Set explicitly rather than through the umask, which would also change the modes of
 * recordings and delivered files. Creating fails loudly; a mode that cannot be set is reported.
 */
export function privateDir(dir: string, problem: ModeProblem): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  setMode(dir, PRIVATE_DIR_MODE, 'folder', problem);
}

/** Gives an existing file mode 0600 (a missing one is fine). */
export function privateFile(path: string, problem: ModeProblem): void {
  setMode(path, PRIVATE_FILE_MODE, 'file', problem);
}

/** Creates `path` empty with mode 0600 when missing, and gives it 0600 when it exists. */
export function createPrivateFile(path: string, problem: ModeProblem): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  privateFile(path, problem);
}

/**
 * Tightens a folder of secrets that may already exist (CONFIG_DIR/keys, backups, logs): the folder
 * 0700 and every regular file directly in it 0600 (only those whose name `ours` accepts, when
 * given). A missing folder is left missing; symbolic links and sub-folders are left alone (a
 * user's read-only mount, for instance).
 */
export function tightenExisting(
  dir: string,
  problem: ModeProblem,
  ours: (name: string) => boolean = () => true,
): void {
  let names: string[];
  try {
    if (!lstatSync(dir).isDirectory()) return;
    names = readdirSync(dir);
  } catch {
    return;
  }
  setMode(dir, PRIVATE_DIR_MODE, 'folder', problem);
  for (const name of names.filter(ours)) {
    const path = join(dir, name);
    try {
      if (lstatSync(path).isFile()) privateFile(path, problem);
    } catch {
      /* gone meanwhile */
    }
  }
}
