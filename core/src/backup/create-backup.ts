import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupChannel,
  type BackupDocument,
} from '../../contract/operations/backup';
import { streamSettingsOf } from '../../contract/operations/streams';
import { scheduleSettingsOf } from '../../contract/operations/schedules';
import type { ConfigRepository } from '../db/config-repository';
import { storedChannelFields, withKindFields } from '../alerts/stored-channels';
import { readFeedToken } from '../feeds/feed-token';
import type { NotificationChannelRecord } from '../db/records';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { RuntimeSettings } from '../settings/runtime-settings';

export interface BackupDeps {
  config: Pick<ConfigRepository, 'read' | 'exclusive'>;
  runtime: RuntimeSettings;
  clock: Clock;
  logger: Logger;
  version: string;
  /** CONFIG_DIR: where the feed token is kept (it goes into the backup). */
  configDir: string;
}

const byAge = <T extends { createdAt: string; id: string }>(a: T, b: T) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

async function readOrNull(
  path: string | null,
  logger: Logger,
  what: string,
): Promise<Buffer | null> {
  if (!path) return null;
  try {
    return await readFile(path);
  } catch {
    logger.warn(`The backup leaves out ${what}: its file ${path} cannot be read.`);
    return null;
  }
}

/**
 * How keys, passphrases and images are written: as themselves (a backup), or as digests that
 * tell only whether two are the same (to compare configurations without handling secrets).
 */
export type BackupContents = 'as-is' | 'digests';

/** A SHA-256 digest standing for a secret or an image (null for none). */
export function digestOf(value: string | Uint8Array | null): string | null {
  return value === null ? null : `sha256:${createHash('sha256').update(value).digest('hex')}`;
}

/**
 * The whole configuration as one document (see backupDocumentSchema). It holds secrets: the text
 * of uploaded private keys and the passphrases, and the channels' secrets, tokens and passwords,
 * so that a restore can rebuild every destination and channel (with `contents: 'digests'`,
 * digests in their place and in place of the artwork). A stored file that cannot be read (key,
 * secret, artwork) is left out with a warning in the log.
 */
export function createBackup(
  deps: BackupDeps,
  contents: BackupContents = 'as-is',
): Promise<BackupDocument> {
  return deps.config.exclusive(() => readBackup(deps, contents));
}

async function readBackup(deps: BackupDeps, contents: BackupContents): Promise<BackupDocument> {
  const digests = contents === 'digests';
  // one consistent, committed state (no write is half done meanwhile)
  const { destinations, streams, schedules, notificationChannels } = await deps.config.read();
  const doc: BackupDocument = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date(deps.clock.now()).toISOString(),
    appVersion: deps.version,
    destinations: [],
    streams: [],
    schedules: [],
    notificationChannels: [],
    settings: deps.runtime.get(),
  };
  // the feeds' token keeps the feed URLs after a restore; a comparison leaves it out
  const feedToken = digests ? null : await readFeedToken(deps.configDir);
  if (feedToken) doc.feedToken = feedToken;
  for (const d of destinations.sort(byAge)) {
    const key = await readOrNull(
      d.storedKeyFile,
      deps.logger,
      `the private key of destination ${d.name}`,
    );
    const passphrase = await readOrNull(
      d.passphraseFile,
      deps.logger,
      `the passphrase of destination ${d.name}`,
    );
    doc.destinations.push({
      id: d.id,
      name: d.name,
      host: d.host,
      port: d.port,
      username: d.username,
      remoteDir: d.remoteDir,
      privateKeyPath: d.privateKeyPath,
      privateKey: key ? (digests ? digestOf(key) : key.toString('utf8')) : null,
      passphrase: passphrase
        ? digests
          ? digestOf(passphrase)
          : passphrase.toString('utf8')
        : null,
      hostKeyFingerprint: d.hostKeyFingerprint,
      publicBaseUrl: d.publicBaseUrl,
      transferMode: d.transferMode,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    });
  }
  for (const s of streams.sort(byAge)) {
    const artwork = await readOrNull(s.artworkFile, deps.logger, `the artwork of stream ${s.name}`);
    doc.streams.push({
      id: s.id,
      ...streamSettingsOf(s),
      fallbackUrls: [...s.fallbackUrls],
      podcast: { ...s.podcast },
      artwork: artwork ? (digests ? digestOf(artwork) : artwork.toString('base64')) : null,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    });
  }
  for (const s of schedules.sort(byAge)) {
    doc.schedules.push({
      id: s.id,
      ...scheduleSettingsOf(s),
      lastRunTime: s.lastRunTime,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    });
  }
  for (const c of notificationChannels.sort(byAge)) {
    const secret = await readOrNull(
      c.secretFile,
      deps.logger,
      `the secret of notification channel ${c.name}`,
    );
    const text = secret ? (digests ? digestOf(secret) : secret.toString('utf8')) : null;
    doc.notificationChannels?.push(backupChannelOf(c, text));
  }
  return doc;
}

/** A channel's entry: what its create operation takes, with the secret as `text`. */
export function backupChannelOf(c: NotificationChannelRecord, text: string | null): BackupChannel {
  return withKindFields(storedChannelFields(c), c.config, {
    webhook: { secret: text },
    ntfy: { token: text },
    email: { password: text },
  });
}
