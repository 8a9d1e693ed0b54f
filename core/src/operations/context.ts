import type { AlertDelivery } from '../alerts/delivery';
import type { Settings } from '../config/settings';
import type { Database } from '../db/database';
import type { Repositories } from '../db/repositories';
import type { EventBus } from '../events/event-bus';
import type { FeedService } from '../feeds/feed-service';
import type { FfmpegPaths } from '../ffmpeg/locate';
import type { ProcessRunner } from '../ffmpeg/process';
import type { LogStore } from '../logs/log-store';
import type { ActiveRecordings } from '../pipeline/active-recordings';
import type { LiveRecordings } from '../pipeline/live-recordings';
import type { RunRequest } from '../pipeline/run-session';
import type { StartedRun } from '../scheduler/recording-gate';
import type { SessionStore } from '../pipeline/session-store';
import type { TransferQueue } from '../transfer/transfer-queue';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { SchedulerControl } from '../scheduler/scheduler-control';
import type { RuntimeSettings } from '../settings/runtime-settings';

/** Everything an operation handler may use. Built once by createCore. */
export interface OperationContext {
  /** From the environment (folders, ports, TZ, ...). */
  settings: Settings;
  /** Changeable at run time unless the environment locks them. */
  runtime: RuntimeSettings;
  db: Database;
  /** The configuration's data: destinations, streams, schedules, settings, the whole (backup). */
  repos: Repositories;
  sessions: SessionStore;
  events: EventBus;
  logger: Logger;
  logs: LogStore;
  clock: Clock;
  runner: ProcessRunner;
  ffmpeg: FfmpegPaths;
  active: ActiveRecordings;
  /** What each running recording does now (its phase): `sessions.live`. */
  live: LiveRecordings;
  transfers: TransferQueue;
  scheduler: SchedulerControl;
  /** Alerts to the user's notification channels (the Test button sends through it). */
  alerts: AlertDelivery;
  /** The podcast feeds (their token, what they list). */
  feeds: FeedService;
  recordNow(request: RunRequest): Promise<StartedRun>;
  version: string;
  /** Wall-clock ms when the core started. */
  startedAt: number;
}
