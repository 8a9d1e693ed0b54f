import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupDocument,
  type BackupEnvelope,
  type RestorePreviewDto,
} from '../../contract/operations/backup';
import type { ConfigRepository } from '../db/config-repository';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { RuntimeSettings } from '../settings/runtime-settings';
import { backupChannelOf, createBackup, digestOf } from './create-backup';
import { diffRestore } from './restore-diff';
import { validateBackup, type BackupRules, type ValidBackup } from './validate-backup';

export interface PreviewDeps extends BackupRules {
  config: Pick<ConfigRepository, 'read' | 'exclusive' | 'sessionCounts'>;
  runtime: RuntimeSettings;
  clock: Clock;
  logger: Logger;
  version: string;
}

/**
 * A checked backup as a document to compare: digests in place of keys, passphrases, channel
 * secrets and images.
 */
function comparable(doc: ValidBackup): BackupDocument {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: doc.createdAt,
    destinations: doc.destinations.map((d) => ({
      ...d.record,
      privateKey: digestOf(d.privateKey),
      passphrase: digestOf(d.passphrase),
    })),
    streams: doc.streams.map((s) => ({ ...s.record, artwork: digestOf(s.artwork) })),
    schedules: doc.schedules,
    ...(doc.notificationChannels && {
      notificationChannels: doc.notificationChannels.map((c) =>
        backupChannelOf({ ...c.record, secretFile: null }, digestOf(c.secret)),
      ),
    }),
    settings: doc.settings,
  };
}

/**
 * What restoring `doc` would change, without changing anything: the document is checked exactly
 * as a restore checks it (validateBackup: a refusal names the field), then compared with the
 * configuration now. Keys, passphrases and images are compared by digest, so no secret is read
 * into the answer and no backup is taken.
 */
export async function previewRestore(
  deps: PreviewDeps,
  doc: BackupEnvelope,
): Promise<RestorePreviewDto> {
  const incoming = comparable(await validateBackup(doc, deps));
  const current = await createBackup(deps, 'digests');
  return diffRestore(current, incoming, {
    sessionCounts: await deps.config.sessionCounts(),
    lockedByEnv: deps.runtime.lockedByEnv,
  });
}
