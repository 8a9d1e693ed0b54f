import { mkdirSync } from 'node:fs';
import { backupsDir } from '../backup/daily-backup';
import { keysDir } from '../operations/key-store';
import { privateDir, tightenExisting } from './private-files';
import { partsDirOf, type Settings } from './settings';

/**
 * Creates the app's folders at start. Those holding secrets are the owner's only, tightened when
 * they existed with looser modes: DATA_DIR (database, backups, parts), CONFIG_DIR with its keys,
 * LOGS_DIR (folders 0700, the files in keys, backups and logs 0600). RECORDINGS_DIR and
 * ARTWORK_DIR keep the modes the user's umask gives: they are the user's library. Answers the
 * modes that could not be set, as sentences for the log.
 */
export function prepareFolders(settings: Settings): string[] {
  const problems: string[] = [];
  const problem = (message: string) => problems.push(message);
  for (const dir of [settings.dataDir, settings.configDir, settings.logsDir]) {
    privateDir(dir, problem);
  }
  tightenExisting(keysDir(settings.configDir), problem);
  tightenExisting(backupsDir(settings.dataDir), problem);
  // LOGS_DIR may be a folder the user shares with other programs: only the app's log files
  tightenExisting(settings.logsDir, problem, (name) => /^recorder\.log(\.\d+)?$/.test(name));
  for (const dir of [settings.recordingsDir, settings.artworkDir, partsDirOf(settings)]) {
    mkdirSync(dir, { recursive: true });
  }
  return problems;
}
