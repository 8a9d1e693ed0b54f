import { ChannelRepository } from './channel-repository';
import { ConfigRepository } from './config-repository';
import type { Database } from './database';
import { DestinationRepository } from './destination-repository';
import { ScheduleRepository } from './schedule-repository';
import { databaseScope, transactionScope, type Scope } from './scope';
import { SettingsRepository } from './settings-repository';
import { StreamRepository } from './stream-repository';

/** The configuration aggregates' repositories, bound to one scope (see Scope). */
export interface ConfigTransaction {
  destinations: DestinationRepository;
  streams: StreamRepository;
  schedules: ScheduleRepository;
  settings: SettingsRepository;
  channels: ChannelRepository;
}

/**
 * The data access of the configuration: only code in core/src/db touches TypeORM and the
 * entities. The repositories read on the database and write each change in its own serialized
 * transaction; `write` runs work over several of them in ONE serialized transaction (nest no
 * `write` inside it).
 */
export interface Repositories extends ConfigTransaction {
  /** The whole configuration at once (backup, restore). */
  config: ConfigRepository;
  write<T>(work: (tx: ConfigTransaction) => Promise<T>): Promise<T>;
}

function bound(scope: Scope): ConfigTransaction {
  return {
    destinations: new DestinationRepository(scope),
    streams: new StreamRepository(scope),
    schedules: new ScheduleRepository(scope),
    settings: new SettingsRepository(scope),
    channels: new ChannelRepository(scope),
  };
}

export function createRepositories(db: Database): Repositories {
  return {
    ...bound(databaseScope(db)),
    config: new ConfigRepository(db),
    write: (work) => db.write((m) => work(bound(transactionScope(m)))),
  };
}
