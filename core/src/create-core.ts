import { join } from 'node:path';
import type { LogEntry } from '../contract';
import { followAlertEvents } from './alerts/alert-events';
import { AlertDelivery } from './alerts/delivery';
import { createAlertSender } from './alerts/send';
import { channelSource } from './alerts/stored-channels';
import { writeDailyBackup } from './backup/daily-backup';
import { prepareFolders } from './config/folders';
import { partsDirOf, type Settings } from './config/settings';
import { SqliteAlertOutbox } from './db/alert-outbox-repository';
import { Database } from './db/database';
import { createRepositories } from './db/repositories';
import { createEventBus, type EventBus } from './events/event-bus';
import { announceSystemChanges } from './events/system-events';
import { detectCapabilities } from './ffmpeg/capabilities';
import { locateFfmpeg } from './ffmpeg/locate';
import { spawnRunner, type ProcessRunner } from './ffmpeg/process';
import { startDailyJobs } from './lifecycle/daily-jobs';
import { startDiskMonitor } from './lifecycle/disk-monitor';
import { recoverSessions, type RecoveryResult } from './lifecycle/recover-sessions';
import { createRecoveryDeps } from './lifecycle/recovery-wiring';
import { runRetention } from './lifecycle/retention';
import { createLogStore } from './logs/create-log-store';
import { redactEntry } from './logs/redact';
import type { OperationContext } from './operations/context';
import { createOperationTable } from './operations/index';
import type { OperationTable } from './operations/operation-table';
import { ActiveRecordings } from './pipeline/active-recordings';
import { toSftpDestination } from './pipeline/destination-key';
import type { PipelineDeps } from './pipeline/pipeline-deps';
import { startSession, type RunRequest } from './pipeline/run-session';
import { SessionStore } from './pipeline/session-store';
import { TransferQueue } from './pipeline/transfer-queue';
import { systemClock, type Clock } from './ports/clock';
import { createLogger, type Logger } from './ports/logger';
import { processRecording } from './processor/process-recording';
import { recordWindow } from './recorder/recorder';
import { Scheduler } from './scheduler/scheduler';
import { createRuntimeSettings } from './settings/create-runtime-settings';
import type { RuntimeSettings } from './settings/runtime-settings';
import { MAX_TRANSFER_ATTEMPTS, nextRetryDelayMs } from './transfer/retry-policy';
import { createSftpClientFactory } from './transfer/sftp-client';
import { uploadFile } from './transfer/uploader';

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
  scheduler: Scheduler;
  /** The whole API: hosts loop over it. */
  operations: OperationTable<OperationContext>;
  context: OperationContext;
  /** What crash recovery found at start (its processing goes on in `recovery.done`). */
  recovery: RecoveryResult;
  /** Records a window now (taking a recording slot): the session at once, `done` when finished. */
  recordNow(request: RunRequest): ReturnType<typeof startSession>;
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
  const partsDir = partsDirOf(settings);
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
  const logs = createLogStore({ file: { dir: settings.logsDir } });
  const logger = createLogger(
    (entry) => {
      const clean = redactEntry(entry);
      logs.append(clean);
      events.emit('log', clean);
      overrides.onLog?.(clean);
    },
    () => runtime.get().logLevel,
  );
  for (const message of modeProblems) logger.warn(message);
  const sessions = new SessionStore(db, events, clock);
  // alerts hear every session change from here on (crash recovery's too)
  const alerts = new AlertDelivery({
    outbox: new SqliteAlertOutbox(db),
    channels: channelSource(repos.channels),
    send: createAlertSender(),
    clock,
    logger,
  });
  const alertEvents = followAlertEvents({
    events,
    notify: (payload) => alerts.notify(payload),
    streams: repos.streams,
    destinations: repos.destinations,
    schedules: repos.schedules,
    timeZone: settings.timeZone,
    publicUrl: settings.publicUrl,
    clock,
    logger,
  });
  const active = new ActiveRecordings();
  const clientFactory = createSftpClientFactory(logger);
  const transfers = new TransferQueue({
    db,
    sessions,
    events,
    clock,
    logger,
    upload: async (r) =>
      uploadFile(
        {
          destination: await toSftpDestination(r.destination, settings.configDir),
          localPath: r.localPath,
          fileName: r.fileName,
          onProgress: r.onProgress,
        },
        { clientFactory, logger, clock },
      ),
    retryDelayMs: overrides.retryDelayMs ?? ((n) => nextRetryDelayMs(n)),
    maxAttempts: MAX_TRANSFER_ATTEMPTS,
    cleanupAfterTransfer: () => runtime.get().cleanupAfterTransfer,
  });
  const ffmpeg = locateFfmpeg(
    settings.ffmpegPath ? { ...process.env, FFMPEG_PATH: settings.ffmpegPath } : process.env,
  );
  // learnt now, in the background: the first recording must not spend its window on it (running
  // ffmpeg -h several times took 2-8 s on a busy machine); a failure is retried by that recording
  void detectCapabilities(runner, ffmpeg.ffmpeg).catch(() => undefined);
  const deps: PipelineDeps = {
    db,
    sessions,
    events,
    logger,
    clock,
    runner,
    ffmpeg,
    active,
    folders: { recordingsDir: settings.recordingsDir, partsDir },
    timeZone: settings.timeZone,
    record: recordWindow,
    process: processRecording,
    minFreeDiskMb: () => runtime.get().minFreeDiskMb,
    onReadyToTransfer: () => transfers.kick(),
  };

  // every session started anywhere (schedule, record now) is tracked, so stop() can wait for it
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };
  const startTracked = async (request: RunRequest) => {
    const run = await startSession(deps, request);
    track(run.done);
    return run;
  };

  // recovery first: nothing may start a recording before interrupted sessions are dealt with
  const recovery = await recoverSessions(createRecoveryDeps(deps));
  track(recovery.done);
  await transfers.start();
  const scheduler = new Scheduler({
    db,
    sessions,
    events,
    clock,
    logger,
    runtime,
    timeZone: settings.timeZone,
    startRun: startTracked,
  });
  await scheduler.start();
  const stopSystemEvents = announceSystemChanges(
    events,
    () => active.count,
    () => runtime.get().maxConcurrentRecordings,
  );
  const diskMonitor = startDiskMonitor({
    folders: deps.folders,
    minFreeDiskMb: deps.minFreeDiskMb,
    active,
    logger,
    onLow: (check) => alertEvents.diskLow(check),
  });
  alerts.start(); // what recovery and the scheduler's catch-up queued goes out now
  const context: OperationContext = {
    settings,
    runtime,
    db,
    repos,
    sessions,
    events,
    logger,
    logs,
    clock,
    runner,
    ffmpeg,
    active,
    transfers,
    scheduler,
    alerts,
    recordNow: (request) => scheduler.recordNow(request),
    version: VERSION,
    startedAt: clock.now(),
  };
  const daily = startDailyJobs({ timeZone: settings.timeZone, logger }, [
    {
      name: 'retention',
      run: () =>
        runRetention({
          db,
          sessions,
          clock,
          logger,
          retentionDays: () => runtime.get().retentionDays,
        }),
    },
    { name: 'log rotation', run: () => logs.rotate() },
    {
      name: 'backup',
      run: () =>
        writeDailyBackup({
          config: repos.config,
          runtime,
          clock,
          logger,
          version: VERSION,
          dataDir: settings.dataDir,
          timeZone: settings.timeZone,
        }),
    },
  ]);
  const operations = createOperationTable();
  let stopping: Promise<void> | undefined;
  return {
    settings,
    runtime,
    db,
    events,
    logger,
    sessions,
    transfers,
    active,
    scheduler,
    operations,
    context,
    recovery,
    recordNow: (request) => scheduler.recordNow(request),
    invoke: (name, input) => operations.invoke(name, input, context),
    stop() {
      stopping ??= (async () => {
        daily.stop();
        diskMonitor.stop();
        stopSystemEvents();
        await scheduler.stop();
        active.stopAll();
        // a run that was starting while we stopped joins inFlight late: wait until none is left
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        await scheduler.idle();
        await transfers.stop();
        await alertEvents.stop();
        await alerts.stop();
        await logs.close();
        await db.close();
      })();
      return stopping;
    },
  };
}
