import { writeDailyBackup } from '../backup/daily-backup';
import type { ConfigRepository } from '../db/config-repository';
import type { FileLogStore } from '../logs/create-log-store';
import type { SessionStore } from '../pipeline/session-store';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { RuntimeSettings } from '../settings/runtime-settings';
import type { DailyJob } from './daily-jobs';
import { runRetention } from './retention';

export interface HousekeepingDeps {
  config: ConfigRepository;
  sessions: SessionStore;
  runtime: RuntimeSettings;
  logs: FileLogStore;
  clock: Clock;
  logger: Logger;
  version: string;
  dataDir: string;
  configDir: string;
  timeZone: string;
}

/** The daily jobs of the engine, in order: retention, log rotation, the daily backup. */
export function housekeepingJobs(d: HousekeepingDeps): DailyJob[] {
  const retentionDays = () => d.runtime.get().retentionDays;
  return [
    {
      name: 'retention',
      run: () =>
        runRetention({ sessions: d.sessions, clock: d.clock, logger: d.logger, retentionDays }),
    },
    { name: 'log rotation', run: () => d.logs.rotate() },
    {
      name: 'backup',
      run: () =>
        writeDailyBackup({
          config: d.config,
          runtime: d.runtime,
          clock: d.clock,
          logger: d.logger,
          version: d.version,
          dataDir: d.dataDir,
          configDir: d.configDir,
          timeZone: d.timeZone,
        }),
    },
  ];
}
