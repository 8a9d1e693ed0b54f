import { join } from 'node:path';
import type { LogEntry } from '../contract';
import { createCoreAlerts } from './alerts/core-alerts';
import type { AlertDelivery } from './alerts/delivery';
import { prepareFolders } from './config/folders';
import { partsDirOf, type Settings } from './config/settings';
import { Database } from './db/database';
import { createRepositories, type Repositories } from './db/repositories';
import { announcingScheduler } from './events/config-events';
import { LiveRecordings } from './pipeline/live-recordings';
import { createEventBus, type EventBus } from './events/event-bus';
import { announceSystemChanges } from './events/system-events';
import { EpisodeRetention } from './feeds/episode-retention';
import { FeedPublisher } from './feeds/feed-publisher';
import { createFeedService, type FeedService } from './feeds/feed-service';
import { detectCapabilities } from './ffmpeg/capabilities';
import { locateFfmpeg, type FfmpegPaths } from './ffmpeg/locate';
import { spawnRunner, type ProcessRunner } from './ffmpeg/process';
import { startDailyJobs, type DailyJobs } from './lifecycle/daily-jobs';
import { startDiskMonitor } from './lifecycle/disk-monitor';
import type { DiskCheck } from './lifecycle/disk-space';
import { housekeepingJobs, type HousekeepingDeps } from './lifecycle/housekeeping';
import { recoverSessions, type RecoveryResult } from './lifecycle/recover-sessions';
import { createRecoveryDeps } from './lifecycle/recovery-wiring';
import { createCoreLogger } from './logs/core-logger';
import { coreMetricsPort } from './metrics/core-metrics';
import type { MetricsReadPort } from './metrics/metrics-port';
import type { OperationContext } from './operations/context';
import { createOperationTable } from './operations/index';
import type { OperationTable } from './operations/operation-table';
import { ActiveRecordings } from './pipeline/active-recordings';
import type { PipelineDeps } from './pipeline/pipeline-deps';
import { startSession, type RunRequest } from './pipeline/run-session';
import { SessionStore } from './pipeline/session-store';
import { systemClock, type Clock } from './ports/clock';
import { startCorePreflight } from './preflight/core-ports';
import type { PreflightWiring } from './preflight/wiring';
import type { Logger } from './ports/logger';
import { processRecording } from './processor/process-recording';
import { recordWindow } from './recorder/recorder';
import { RecordingGate, type StartedRun } from './scheduler/recording-gate';
import { ScheduleCatalog } from './scheduler/schedule-catalog';
import { repositoryScheduleSource } from './scheduler/schedule-spec';
import { Scheduler, type SchedulerDeps } from './scheduler/scheduler';
import { createRuntimeSettings } from './settings/create-runtime-settings';
import type { RuntimeSettings } from './settings/runtime-settings';
import { MAX_TRANSFER_ATTEMPTS, nextRetryDelayMs } from './transfer/retry-policy';
import { sftpReplace, sftpUpload } from './transfer/sftp-upload';
import { TransferQueue, type TransferQueueDeps } from './transfer/transfer-queue';

export const VERSION = '0.1.0';

export interface CoreOverrides {
  clock?: Clock;
  runner?: ProcessRunner;
  /** Receives every log entry (the hosts print or store them). */
  onLog?: (entry: LogEntry) => void;
  retryDelayMs?: (failures: number) => number;
  /** The process environment the runtime settings read (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

export interface Core {
  settings: Settings;
  runtime: RuntimeSettings;
  db: Database;
  events: EventBus;
  logger: Logger;
  sessions: SessionStore;
  transfers: TransferQueue;
  active: ActiveRecordings;
  /** The recording slots: every recording (scheduled or "record now") starts through it. */
  gate: RecordingGate;
  scheduler: Scheduler;
  /** The whole API: hosts loop over it. */
  operations: OperationTable<OperationContext>;
  context: OperationContext;
  /** What crash recovery found at start (its processing goes on in `recovery.done`). */
  recovery: RecoveryResult;
  /** What GET /metrics reads, at scrape time (the server builds its registry over it). */
  metrics: MetricsReadPort;
  /** Records a window now (taking a recording slot): the session at once, `done` when finished. */
  recordNow(request: RunRequest): Promise<StartedRun>;
  /** Calls an operation of the table with this core's context. */
  invoke(name: string, input: unknown): Promise<unknown>;
  /** Stops schedules and running recordings cleanly, lets them be processed, then closes. */
  stop(): Promise<void>;
}

/**
 * Settings → the running engine. Hosts (server, desktop, CLI) call this and nothing deeper.
 * Order at start: database (migrations) → runtime settings → crash recovery (stops orphaned
 * ffmpegs, salvages interrupted sessions) → transfer queue → scheduler (catch-up of open
 * windows, missed runs) → disk monitor and daily jobs.
 */
export async function createCore(settings: Settings, overrides: CoreOverrides = {}): Promise<Core> {
  const modeProblems = prepareFolders(settings);
  const clock = overrides.clock ?? systemClock;
  const runner = overrides.runner ?? spawnRunner;
  const events = createEventBus();
  const db = await Database.open({
    path: join(settings.dataDir, 'recorder.sqlite'),
    configDir: settings.configDir,
    onModeProblem: (message) => modeProblems.push(message),
  });
  const repos = createRepositories(db);
  const runtime = await createRuntimeSettings(repos.settings, settings, overrides.env);
  const level = () => runtime.get().logLevel;
  const { logs, logger } = createCoreLogger({
    logsDir: settings.logsDir,
    events,
    level,
    onLog: overrides.onLog,
  });
  for (const message of modeProblems) logger.warn(message);
  const sessions = new SessionStore(db, events, clock);
  // alerts hear every session change from here on (crash recovery's too)
  const alerts = createCoreAlerts({ db, repos, events, settings, clock, logger });
  const active = new ActiveRecordings();
  const live = new LiveRecordings(events, clock);
  const { configDir, timeZone } = settings;
  const { streams, destinations } = repos;
  const feeds = createFeedService({ streams, sessions, destinations, configDir, timeZone });
  const transfers = createTransferQueue({ db, sessions, events, clock, logger }, runtime, {
    configDir,
    retryDelayMs: overrides.retryDelayMs,
    streams,
    feeds,
  });
  const ffmpeg = findFfmpeg(settings, runner);
  // what the pipeline, the operations and the host share
  const services = { db, sessions, events, logger, clock, runner, ffmpeg, active, live };
  const deps: PipelineDeps = {
    ...services,
    folders: { recordingsDir: settings.recordingsDir, partsDir: partsDirOf(settings) },
    timeZone: settings.timeZone,
    record: (options) => recordWindow({ ...options, nativeCapture: settings.nativeCapture }),
    process: processRecording,
    minFreeDiskMb: () => runtime.get().minFreeDiskMb,
    onReadyToTransfer: () => transfers.kick(),
  };
  const maxRecordings = () => runtime.get().maxConcurrentRecordings;
  const gate = new RecordingGate((request) => startSession(deps, request), maxRecordings);
  const recordNow = (request: RunRequest) => gate.recordNow(request);

  // recovery first: nothing may start a recording before interrupted sessions are dealt with
  const recovery = await recoverSessions(createRecoveryDeps(deps));
  await transfers.start();
  const scheduling = { ...services, repos, runtime, gate, delivery: alerts.delivery };
  const { scheduler, preflight } = await startScheduling(settings, scheduling);
  const stopSystemEvents = announceSystemChanges(events, () => active.count, maxRecordings);
  const { folders, minFreeDiskMb } = deps;
  const onLow = (check: DiskCheck) => alerts.events.diskLow(check);
  const diskMonitor = startDiskMonitor({ folders, minFreeDiskMb, active, logger, onLow });
  alerts.delivery.start(); // what recovery and the scheduler's catch-up queued goes out now
  const context: OperationContext = {
    ...services,
    settings,
    runtime,
    repos,
    logs,
    transfers,
    scheduler: announcingScheduler(scheduler, events), // schedule changes reach pre-flight
    recordNow,
    alerts: alerts.delivery,
    feeds,
    version: VERSION,
    startedAt: clock.now(),
  };
  const daily = startHousekeeping({ ...services, config: repos.config, runtime, logs }, settings);
  const operations = createOperationTable();
  let stopping: Promise<void> | undefined;
  const running = { preflight, daily, diskMonitor, stopSystemEvents, scheduler, active, recovery };
  const stop = () => stopCore({ ...running, gate, transfers, alerts, logs, db });
  return {
    ...services,
    settings,
    runtime,
    transfers,
    gate,
    scheduler,
    operations,
    context,
    recovery,
    metrics: coreMetricsPort({ db, active, slots: gate.slots, diskPath: settings.recordingsDir }),
    recordNow,
    invoke: (name, input) => operations.invoke(name, input, context),
    stop: () => (stopping ??= stop()),
  };
}

/** What `Core.stop` ends, each with the one call that ends it. */
interface RunningParts {
  preflight: { stop(): unknown };
  daily: { stop(): void };
  diskMonitor: { stop(): void };
  stopSystemEvents: () => void;
  scheduler: { stop(): Promise<unknown>; idle(): Promise<unknown> };
  active: { stopAll(): void };
  recovery: { done: Promise<unknown> };
  gate: { idle(): Promise<unknown> };
  transfers: { stop(): Promise<unknown> };
  alerts: { stop(): Promise<unknown> };
  logs: { close(): unknown };
  db: { close(): Promise<unknown> };
}

/**
 * Stops the engine in the reverse order of its start: nothing new starts (pre-flight, daily jobs,
 * disk monitor, scheduler), running recordings end and are processed, then the queues, the logs
 * and the database close.
 */
async function stopCore(p: RunningParts): Promise<void> {
  const preflightStopped = p.preflight.stop(); // no check starts now; running ones may end
  p.daily.stop();
  p.diskMonitor.stop();
  p.stopSystemEvents();
  await p.scheduler.stop();
  p.active.stopAll();
  await Promise.allSettled([p.recovery.done, p.gate.idle(), preflightStopped]);
  await p.scheduler.idle();
  await p.transfers.stop();
  await p.alerts.stop();
  await p.logs.close();
  await p.db.close();
}

/**
 * The scheduler (it catches up open windows and lists missed runs at its start), then the
 * pre-flight checks of its runs, which hear of schedule changes through the operations' scheduler
 * (announcingScheduler) and of `preflightMinutes` through the runtime settings.
 */
async function startScheduling(
  settings: Pick<Settings, 'timeZone' | 'configDir'>,
  deps: Pick<SchedulerDeps, 'db' | 'sessions' | 'events' | 'clock' | 'logger' | 'gate'> & {
    runtime: RuntimeSettings;
    repos: Repositories;
    runner: ProcessRunner;
    ffmpeg: FfmpegPaths;
    delivery: Pick<AlertDelivery, 'notify'>;
  },
): Promise<{ scheduler: Scheduler; preflight: PreflightWiring }> {
  const { timeZone, configDir } = settings;
  const { db, sessions, events, clock, logger, runtime, gate } = deps;
  // one reading of the schedules: the scheduler reads, pre-flight plans from what it read
  const source = new ScheduleCatalog(repositoryScheduleSource(deps.repos.schedules, timeZone));
  const scheduler = new Scheduler({
    db,
    sessions,
    events,
    clock,
    logger,
    runtime,
    timeZone,
    gate,
    source,
  });
  await scheduler.start();
  const preflight = await startCorePreflight({
    ...deps,
    schedules: source,
    timeZone,
    configDir,
    notify: (payload) => deps.delivery.notify(payload),
    ffprobePath: deps.ffmpeg.ffprobe,
  });
  return { scheduler, preflight };
}

/** The transfer queue: uploads over SFTP, failed ones retried with backoff. */
function createTransferQueue(
  pieces: Pick<TransferQueueDeps, 'db' | 'sessions' | 'events' | 'clock' | 'logger'>,
  runtime: RuntimeSettings,
  options: {
    configDir: string;
    retryDelayMs: CoreOverrides['retryDelayMs'];
    streams: Repositories['streams'];
    feeds: FeedService;
  },
): TransferQueue {
  const { configDir } = options;
  const publisher = new FeedPublisher({
    feeds: options.feeds,
    replace: sftpReplace(configDir, pieces.logger, pieces.clock),
    logger: pieces.logger,
  });
  return new TransferQueue({
    ...pieces,
    upload: sftpUpload(options.configDir, pieces.logger, pieces.clock),
    retryDelayMs: options.retryDelayMs ?? ((n) => nextRetryDelayMs(n)),
    maxAttempts: MAX_TRANSFER_ATTEMPTS,
    cleanupAfterTransfer: () => runtime.get().cleanupAfterTransfer,
    episodes: new EpisodeRetention({ streams: options.streams, sessions: pieces.sessions }),
    afterDelivery: (session) => publisher.afterDelivery(session),
  });
}

/** Finds ffmpeg and ffprobe, and starts learning ffmpeg's capabilities in the background. */
function findFfmpeg(settings: Settings, runner: ProcessRunner): FfmpegPaths {
  const ffmpeg = locateFfmpeg(
    settings.ffmpegPath ? { ...process.env, FFMPEG_PATH: settings.ffmpegPath } : process.env,
  );
  // learnt now, in the background: the first recording must not spend its window on it (running
  // ffmpeg -h several times took 2-8 s on a busy machine); a failure is retried by that recording
  void detectCapabilities(runner, ffmpeg.ffmpeg).catch(() => undefined);
  return ffmpeg;
}

/** The engine's daily jobs (retention, log rotation, the daily backup), started. */
function startHousekeeping(
  deps: Omit<HousekeepingDeps, 'version' | 'timeZone' | 'dataDir' | 'configDir'>,
  settings: Settings,
): DailyJobs {
  const { timeZone, dataDir, configDir } = settings;
  const jobs = housekeepingJobs({ ...deps, version: VERSION, timeZone, dataDir, configDir });
  return startDailyJobs({ timeZone, logger: deps.logger }, jobs);
}
