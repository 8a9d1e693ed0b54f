import { AppError } from '../../contract';
import type { BackupEnvelope, RestoreSummaryDto } from '../../contract/operations/backup';
import { formatWall } from '../../contract/dst';
import { SETTING_NAMES } from '../../contract/operations/settings';
import type { ConfigRepository, OrphanedStream, ReplacedFiles } from '../db/config-repository';
import type {
  DestinationRecord,
  NotificationChannelRecord,
  ScheduleRecord,
  StreamRecord,
} from '../db/records';
import { feedTokenFile } from '../feeds/feed-token';
import { artworkFilePath, removeArtworkFile } from '../operations/artwork-store';
import {
  channelSecretFilePath,
  keyFilePath,
  passphraseFilePath,
  removeKeyFile,
} from '../operations/key-store';
import type { Logger } from '../ports/logger';
import type { SchedulerControl } from '../scheduler/scheduler-control';
import type { RuntimeSettings } from '../settings/runtime-settings';
import { turnTaker } from '../event-loop/turns';
import { commitStaged, discardStaged, stageFile, type StagedFile } from './staged-files';
import { validateBackup, type ValidBackup } from './validate-backup';

export interface RestoreDeps {
  config: Pick<ConfigRepository, 'exclusive' | 'prepareReplace' | 'replace' | 'read'>;
  runtime: RuntimeSettings;
  scheduler: SchedulerControl;
  logger: Logger;
  /**
   * Keys and passphrases go where destinations.* puts them: `<configDir>/keys/<id>.pem` and
   * `<id>.passphrase` (0600); channel secrets where notificationChannels.* puts them:
   * `channel-<id>.secret` (0600).
   */
  configDir: string;
  /** Artwork goes where streams.* puts it: `<artworkDir>/<id>.jpg`. */
  artworkDir: string;
  /** The app's time zone (TZ), which schedules without a zone are checked in. */
  timeZone: string;
}

/**
 * Streams that have sessions (history) but are not in the backup. Sessions are never deleted by a
 * restore, and a session must keep its stream, so such a restore is refused: the user decides
 * (delete those sessions, or restore a backup that has the stream).
 */
function refuseOrphanedSessions(orphans: OrphanedStream[]): never {
  // by their names, never their ids (as the restore preview says it: restore-diff.ts)
  const names = orphans.flatMap((s) => (s.name !== null ? [`“${s.name}”`] : [])).sort();
  const unnamed = orphans.length - names.length;
  if (unnamed > 0) names.push(unnamed === 1 ? 'a deleted stream' : `${unnamed} deleted streams`);
  throw new AppError(
    'CONFLICT',
    `The backup lacks ${names.length === 1 ? 'stream' : 'streams'} ${names.join(', ')}, which recorded sessions that a restore keeps. Delete those sessions first, or restore a backup that includes ${names.length === 1 ? 'it' : 'them'}.`,
    { field: 'streams' },
  );
}

/**
 * Replaces destinations, streams, schedules, notification channels (when `doc` lists them) and
 * run-time settings with `doc` (whose envelope passed backupEnvelopeSchema). Every entry is
 * checked first as its create operation checks it (validateBackup). Then: key, secret and
 * artwork files written under temporary
 * names, all rows changed in ONE transaction, and only after it committed the files renamed into
 * place (on failure they are removed and nothing has changed). Rows keep their ids, so sessions
 * (kept: they are history) keep their stream and schedule. Files of replaced rows that the
 * backup no longer needs are removed. Then settings and scheduler reload.
 */
/** When the backup was made, on the app's wall clock ("2026-11-24 07:00 Europe/Berlin"). */
function backupTime(createdAt: string, timeZone: string): string {
  const at = Date.parse(createdAt);
  return Number.isFinite(at) ? `${formatWall(timeZone, at)} ${timeZone}` : 'at an unknown time';
}

export function restoreBackup(deps: RestoreDeps, doc: BackupEnvelope): Promise<RestoreSummaryDto> {
  // restores apply in the order they were asked for
  return deps.config.exclusive(async () => restore(deps, await validateBackup(doc, deps)));
}

/** Secret files: the owner's only, in a folder of the owner's only. */
const SECRET = { mode: 0o600, dirMode: 0o700 };

/**
 * Stages `content` as the file `final` (pushed onto `staged`) when there is any; answers the
 * path the row names, or null when there is nothing to write.
 */
async function stageIfAny(
  staged: StagedFile[],
  final: string,
  content: Uint8Array | string | null,
  options: { mode?: number; dirMode?: number } = {},
): Promise<string | null> {
  if (content === null) return null;
  const file = await stageFile(final, content, options);
  staged.push(file);
  return file.final;
}

/**
 * The channels' rows, their secrets staged (pushed onto `staged`) where the channel operations
 * keep them; null when the document lists no channels (the current ones stay).
 */
async function stageChannels(
  deps: RestoreDeps,
  doc: ValidBackup,
  staged: StagedFile[],
): Promise<NotificationChannelRecord[] | null> {
  if (!doc.notificationChannels) return null;
  const channels: NotificationChannelRecord[] = [];
  for (const c of doc.notificationChannels) {
    const secretPath = channelSecretFilePath(deps.configDir, c.record.id);
    channels.push({
      ...c.record,
      secretFile: await stageIfAny(staged, secretPath, c.secret, SECRET),
    });
  }
  return channels;
}

async function restore(deps: RestoreDeps, doc: ValidBackup): Promise<RestoreSummaryDto> {
  const staged: StagedFile[] = [];
  const destinations: DestinationRecord[] = [];
  const streams: StreamRecord[] = [];
  let channels: NotificationChannelRecord[] | null = null;
  let previous: ReplacedFiles;
  try {
    for (const d of doc.destinations) {
      const keyPath = keyFilePath(deps.configDir, d.record.id);
      const passphrasePath = passphraseFilePath(deps.configDir, d.record.id);
      const storedKeyFile = await stageIfAny(staged, keyPath, d.privateKey, SECRET);
      const passphraseFile = await stageIfAny(staged, passphrasePath, d.passphrase, SECRET);
      destinations.push({ ...d.record, storedKeyFile, passphraseFile });
    }
    for (const s of doc.streams) {
      const artworkPath = artworkFilePath(deps.artworkDir, s.record.id);
      streams.push({ ...s.record, artworkFile: await stageIfAny(staged, artworkPath, s.artwork) });
    }
    const schedules: ScheduleRecord[] = doc.schedules;
    channels = await stageChannels(deps, doc, staged);
    if (doc.feedToken !== null) {
      staged.push(await stageFile(feedTokenFile(deps.configDir), `${doc.feedToken}\n`, SECRET));
    }
    // the statements are built first, giving the event loop turns: the transaction only runs SQL
    const prepared = await deps.config.prepareReplace(
      { destinations, streams, schedules, notificationChannels: channels, settings: doc.settings },
      turnTaker(),
    );
    previous = await deps.config.replace(prepared, refuseOrphanedSessions);
  } catch (error) {
    await discardStaged(staged);
    throw error;
  }

  const failed = await commitStaged(staged);
  const inPlace = new Set(staged.map((f) => f.final));
  const obsolete = (files: (string | null)[]) => files.filter((p) => p !== null && !inPlace.has(p));
  await Promise.all(
    [
      ...obsolete(previous.keys).map((p) => removeKeyFile(deps.configDir, p)),
      ...obsolete(previous.artwork).map((p) => removeArtworkFile(deps.artworkDir, p)),
    ].map((removal) => removal.catch(() => undefined)),
  );

  const summary: RestoreSummaryDto = {
    destinations: destinations.length,
    streams: streams.length,
    schedules: doc.schedules.length,
    notificationChannels: channels
      ? channels.length
      : (await deps.config.read()).notificationChannels.length,
    settings: SETTING_NAMES.length,
  };
  deps.logger.info(
    `Restored the backup made ${backupTime(doc.createdAt, deps.timeZone)}: ${summary.destinations} destinations, ${summary.streams} streams, ${summary.schedules} schedules, ${summary.notificationChannels} notification channels${channels ? '' : ' (kept: the backup lists none)'}, ${summary.settings} settings.`,
  );
  await deps.runtime.reload();
  try {
    await deps.scheduler.reload();
  } catch (error) {
    deps.logger.error(
      `The backup was restored, but the schedules could not be re-armed (${error instanceof Error ? error.message : String(error)}): restart the app.`,
    );
  }
  if (failed.length > 0) {
    await discardStaged(failed);
    throw new AppError(
      'INTERNAL',
      `The backup was restored, but ${failed.map((f) => f.final).join(', ')} could not be put in place: check the folder's permissions and restore again.`,
    );
  }
  return summary;
}
