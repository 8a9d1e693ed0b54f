import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { formatLocalDate, localDateTime } from '../../contract/naming/local-time';
import { createBackup, type BackupDeps } from './create-backup';
import { commitStaged, discardStaged, stageFile } from './staged-files';

export const DAILY_BACKUPS_KEPT = 7;
const DAILY_NAME = /^backup-\d{4}-\d{2}-\d{2}\.json$/;

export interface DailyBackupDeps extends BackupDeps {
  /** Backups go to `<dataDir>/backups/`. */
  dataDir: string;
  /** The app's time zone names the day. */
  timeZone: string;
}

/** The daily backup folder: `<DATA_DIR>/backups`. */
export const backupsDir = (dataDir: string) => join(dataDir, 'backups');

/**
 * Removes all but the newest `keep` daily backups (`backup-YYYY-MM-DD.json`; other files are
 * left alone). Answers the names removed. A missing folder has nothing to prune.
 */
export async function pruneBackups(dir: string, keep = DAILY_BACKUPS_KEPT): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const old = names
    .filter((n) => DAILY_NAME.test(n))
    .sort()
    .reverse()
    .slice(Math.max(0, keep));
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}

/**
 * Writes today's backup to `<DATA_DIR>/backups/backup-YYYY-MM-DD.json` (the local date in the
 * app's time zone; written again the same day, it is replaced), readable by the owner only (it
 * holds private keys and passphrases), then keeps the newest `keep`. For the daily job.
 */
export async function writeDailyBackup(
  deps: DailyBackupDeps,
  keep = DAILY_BACKUPS_KEPT,
): Promise<{ path: string; removed: string[] }> {
  const doc = await createBackup(deps);
  const day = formatLocalDate(localDateTime(new Date(deps.clock.now()), deps.timeZone));
  const dir = backupsDir(deps.dataDir);
  const path = join(dir, `backup-${day}.json`);
  const staged = await stageFile(path, `${JSON.stringify(doc, null, 2)}\n`, {
    mode: 0o600,
    dirMode: 0o700,
  });
  const failed = await commitStaged([staged]);
  if (failed.length > 0) {
    await discardStaged(failed);
    throw new Error(`The daily backup could not be written to ${path}.`);
  }
  const removed = await pruneBackups(dir, keep);
  deps.logger.info(
    `Daily backup written to ${path} (${doc.destinations.length} destinations, ${doc.streams.length} streams, ${doc.schedules.length} schedules).`,
  );
  return { path, removed };
}
