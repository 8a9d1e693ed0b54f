import { InitialSchema1764000000000 } from './0001-initial-schema';
import { TransferQueueIndex1764100000000 } from './0002-transfer-queue-index';
import { secretsOutOfDatabase } from './0003-secrets-out-of-database';
import { SessionStopReason1764300000000 } from './0004-session-stop-reason';
import { NotificationChannels1764400000000 } from './0005-notification-channels';
import { DeadAir1764500000000 } from './0006-dead-air';
import { PodcastFeeds1764600000000 } from './0007-podcast-feeds';
import { NativeCaptureTracks1764700000000 } from './0008-native-capture-tracks';
import { ScheduleName1764800000000 } from './0009-schedule-name';

/** The migration that moves secrets out of the database (the database is vacuumed after it). */
export const SECRETS_MIGRATION = 'SecretsOutOfDatabase1764200000000';

export interface MigrationOptions {
  /** CONFIG_DIR: where migrations put secrets that leave the database. */
  configDir?: string | undefined;
}

/** In order. Never edit a migration that has shipped: add a new one. */
export function migrationsFor(options: MigrationOptions = {}) {
  return [
    InitialSchema1764000000000,
    TransferQueueIndex1764100000000,
    secretsOutOfDatabase(options.configDir),
    SessionStopReason1764300000000,
    NotificationChannels1764400000000,
    DeadAir1764500000000,
    PodcastFeeds1764600000000,
    NativeCaptureTracks1764700000000,
    ScheduleName1764800000000,
  ];
}
