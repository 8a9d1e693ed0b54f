// Test-only: an OperationContext built from real pieces (in-memory migrated database, session
// store, event bus, the real startSession) with fakes where a process or the network would be.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { LogEntry, SessionDto } from '../../contract';
import type { AlertPayload } from '../../contract/alerts';
import { settingsValues } from '../../contract/testing/backup-fixtures';
import { AlertDelivery } from '../alerts/delivery';
import { LiveRecordings } from '../pipeline/live-recordings';
import { MemoryAlertOutbox } from '../alerts/outbox';
import { channelSource } from '../alerts/stored-channels';
import { AlertDeliveryError, type AlertChannel } from '../alerts/types';
import { loadSettings, partsDirOf, type Settings } from '../config/settings';
import type { Database } from '../db/database';
import type { ScheduleRecord, SessionRecord } from '../db/records';
import { createRepositories } from '../db/repositories';
import { createEventBus } from '../events/event-bus';
import type { ProcessRunner } from '../ffmpeg/process';
import type { LogStore } from '../logs/log-store';
import { ActiveRecordings } from '../pipeline/active-recordings';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { startSession, type RunRequest } from '../pipeline/run-session';
import { insertSession } from '../pipeline/session-fixtures';
import { SessionStore } from '../pipeline/session-store';
import { RecordingGate } from '../scheduler/recording-gate';
import { insertSchedule } from '../scheduler/schedule-fixtures';
import { testDatabase } from '../pipeline/test-fixtures';
import { TransferQueue } from '../transfer/transfer-queue';
import type { Clock } from '../ports/clock';
import { createLogger, type Logger } from '../ports/logger';
import type { RuntimeSettings, RuntimeSettingsValues } from '../settings/runtime-settings';
import { createFeedService } from '../feeds/feed-service';
import type { OperationContext } from './context';
import { OperationTable, type Operation } from './operation-table';

export const TEST_NOW = Date.UTC(2026, 10, 24, 6, 0, 0);

/** The stamps of a resource created (and not changed since) at TEST_NOW, as answers write them. */
export const MADE_AT_TEST_NOW = {
  createdAt: new Date(TEST_NOW).toISOString(),
  updatedAt: new Date(TEST_NOW).toISOString(),
} as const;

/** A clock that stands still until told; its timers never fire (time limits never expire). */
export function stillClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: (_ms, signal) =>
      new Promise<void>((_resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
    advance: (ms) => {
      now += ms;
    },
  };
}

const refusingRunner: ProcessRunner = {
  start(bin) {
    throw new Error(`unit tests start no processes (${bin})`);
  },
};

export interface TestContext {
  ctx: OperationContext;
  db: Database;
  dir: string;
  clock: ReturnType<typeof stillClock>;
  logs: LogEntry[];
  sessionEvents: SessionDto[];
  /** What the alert sender was handed (the receiver is a fake); `refuse` makes it fail. */
  alertsSent: { channel: AlertChannel; payload: AlertPayload }[];
  alertReceiver: { refuse: string | null };
  /** Schedule ids handed to scheduler.reload. */
  reloads: (string | undefined)[];
  /** How often the transfer queue was kicked. */
  kicks: { count: number };
  /** The runs started by recordNow (their `done` settles after a stop). */
  runs: { session: SessionRecord; done: Promise<SessionRecord> }[];
  runtime: RuntimeSettingsValues;
  invoke(name: string, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** The settings of a test installation in `dir`, with its folders made. */
async function testSettings(dir: string): Promise<Settings> {
  const settings = loadSettings({ DATA_DIR: join(dir, 'data'), TZ: 'UTC' }, dir);
  for (const d of [settings.recordingsDir, settings.configDir, settings.artworkDir]) {
    await mkdir(d, { recursive: true });
  }
  return settings;
}

/** Runtime settings held in memory: the values (tests change them) and the store around them. */
function testRuntime(): { runtime: RuntimeSettingsValues; runtimeSettings: RuntimeSettings } {
  const runtime: RuntimeSettingsValues = settingsValues({ minFreeDiskMb: 0, logLevel: 'debug' });
  const runtimeSettings: RuntimeSettings = {
    get: () => runtime,
    update: async (patch) => Object.assign(runtime, patch),
    lockedByEnv: [],
    onChange: () => () => undefined,
    reload: async () => runtime,
  };
  return { runtime, runtimeSettings };
}

/** A recorder that waits until the session is stopped, and a processor that writes a small file. */
function fakeRecorderAndProcessor(clock: Clock): Pick<PipelineDeps, 'record' | 'process'> {
  return {
    record: (input) =>
      new Promise((resolve) => {
        const finish = () =>
          resolve({
            parts: [],
            gaps: [],
            windowStart: input.windowStart,
            windowEnd: clock.now(),
            stoppedEarly: true,
            tracks: [],
          });
        if (input.signal?.aborted) finish();
        else input.signal?.addEventListener('abort', finish, { once: true });
      }),
    process: async (input) => {
      await mkdir(input.outputDir, { recursive: true });
      const path = join(input.outputDir, input.fileName);
      await writeFile(path, 'fake mp3');
      return { path, durationSeconds: 1, sizeBytes: 8, copied: true, silences: [], deadAir: false };
    },
  };
}

/** The recording slots of the test context: its runs start the real startSession. */
function recordingGate(
  deps: PipelineDeps,
  runs: TestContext['runs'],
  limit: () => number,
): RecordingGate {
  return new RecordingGate(async (request) => {
    const run = await startSession(deps, request);
    runs.push(run);
    return run;
  }, limit);
}

/** The transfer queue of the test context: it uploads nothing, and its kicks are counted. */
function testTransfers(
  pieces: Pick<PipelineDeps, 'db' | 'sessions' | 'events' | 'clock' | 'logger'>,
): { transfers: TransferQueue; kicks: TestContext['kicks'] } {
  const transfers = new TransferQueue({
    ...pieces,
    upload: () => Promise.reject(new Error('no uploads in unit tests')),
    retryDelayMs: () => 1000,
    maxAttempts: 3,
    cleanupAfterTransfer: () => true,
  });
  const kicks = { count: 0 };
  transfers.kick = () => {
    kicks.count += 1;
  };
  return { transfers, kicks };
}

/** Real alert delivery over the stored channels, handing its alerts to a fake receiver. */
function testAlerts(
  repos: ReturnType<typeof createRepositories>,
  clock: Clock,
  logger: Logger,
): Pick<TestContext, 'alertsSent' | 'alertReceiver'> & { alerts: AlertDelivery } {
  const alertsSent: TestContext['alertsSent'] = [];
  const alertReceiver: TestContext['alertReceiver'] = { refuse: null };
  const alerts = new AlertDelivery({
    outbox: new MemoryAlertOutbox(),
    channels: channelSource(repos.channels),
    send: async (channel, payload) => {
      if (alertReceiver.refuse) throw new AlertDeliveryError(alertReceiver.refuse);
      alertsSent.push({ channel, payload });
      return { detail: 'HTTP 200' };
    },
    clock,
    logger,
  });
  return { alerts, alertsSent, alertReceiver };
}

/**
 * Gives each test of the calling file a new test context for `operations` (`use` receives it
 * before the test) and closes it after the test.
 */
export function testContextEachTest(
  operations: readonly Operation<OperationContext>[],
  use: (t: TestContext) => void,
): void {
  let t: TestContext | undefined;
  beforeEach(async () => {
    t = await createTestContext(operations);
    use(t);
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
}

/**
 * invoke() of a table of `operations` in `ctx`. Every answer is parsed with its operation's answer
 * schema: a wrong shape fails the test.
 */
export function checkedInvoke(
  operations: readonly Operation<OperationContext>[],
  ctx: OperationContext,
): (name: string, input?: unknown) => Promise<unknown> {
  const table = new OperationTable<OperationContext>(operations, { checkAnswers: true });
  return (name, input) => table.invoke(name, input, ctx);
}

/**
 * A context for operation tests. recordNow runs the real startSession whose recorder waits until
 * the session is stopped and whose processor writes a small file as the MP3.
 */
export async function createTestContext(
  operations: readonly Operation<OperationContext>[],
): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'asr-ops-'));
  const settings = await testSettings(dir);
  const db = await testDatabase();
  const clock = stillClock(TEST_NOW);
  const events = createEventBus();
  const logs: LogEntry[] = [];
  const logger = createLogger((entry) => logs.push(entry), 'debug');
  const sessionEvents: SessionDto[] = [];
  events.on('session', (s) => sessionEvents.push(s));
  const sessions = new SessionStore(db, events, clock);
  const active = new ActiveRecordings();
  const live = new LiveRecordings(events, clock);
  const { transfers, kicks } = testTransfers({ db, sessions, events, clock, logger });
  const reloads: (string | undefined)[] = [];
  const { runtime, runtimeSettings } = testRuntime();
  const logStore: LogStore = { append: (e) => logs.push(e), list: () => [...logs].reverse() };
  const ffmpeg = { ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' } as const;
  const deps: PipelineDeps = {
    db,
    sessions,
    events,
    logger,
    clock,
    runner: refusingRunner,
    ffmpeg: { ...ffmpeg, source: 'PATH' },
    active,
    live,
    folders: { recordingsDir: settings.recordingsDir, partsDir: partsDirOf(settings) },
    timeZone: 'UTC',
    ...fakeRecorderAndProcessor(clock),
    minFreeDiskMb: () => 0,
    onReadyToTransfer: () => transfers.kick(),
  };
  const runs: TestContext['runs'] = [];
  const gate = recordingGate(deps, runs, () => runtime.maxConcurrentRecordings);
  const repos = createRepositories(db);
  const { alerts, alertsSent, alertReceiver } = testAlerts(repos, clock, logger);
  const ctx: OperationContext = {
    settings,
    runtime: runtimeSettings,
    db,
    repos,
    sessions,
    events,
    logger,
    logs: logStore,
    clock,
    runner: refusingRunner,
    ffmpeg: { ...ffmpeg, source: 'PATH' },
    active,
    live,
    transfers,
    scheduler: {
      reload: async (id) => {
        reloads.push(id);
      },
      nextRunTime: () => null,
    },
    recordNow: (request: RunRequest) => gate.recordNow(request),
    alerts,
    feeds: createFeedService({
      streams: repos.streams,
      sessions,
      destinations: repos.destinations,
      configDir: settings.configDir,
      timeZone: settings.timeZone,
    }),
    version: '0.0.0-test',
    startedAt: TEST_NOW,
  };
  return {
    ctx,
    db,
    dir,
    clock,
    logs,
    sessionEvents,
    alertsSent,
    alertReceiver,
    reloads,
    kicks,
    runs,
    runtime,
    invoke: checkedInvoke(operations, ctx),
    async close() {
      active.stopAll();
      await alerts.stop();
      await Promise.allSettled(runs.map((r) => r.done));
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Every row of every table and every file under the test folder, as one string: equal before and
 * after a refused operation shows that it changed nothing.
 */
export async function snapshot(t: Pick<TestContext, 'db' | 'dir'>): Promise<string> {
  const tables: Record<string, unknown> = {};
  for (const table of [
    'destinations',
    'streams',
    'schedules',
    'sessions',
    'transfer_attempts',
    'notification_channels',
    'alert_outbox',
  ]) {
    tables[table] = await t.db.reader.query(`SELECT * FROM "${table}" ORDER BY "id"`);
  }
  const files = readdirSync(t.dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return `${path} ${statSync(path).size}`;
    })
    .sort();
  return JSON.stringify({ tables, files });
}

/**
 * Invokes `name` and expects it refused with `code` (and `field` when given) having changed
 * nothing: every row and file is as before. Answers the error.
 */
export async function expectRefused(
  t: Pick<TestContext, 'db' | 'dir' | 'invoke'>,
  name: string,
  input: unknown,
  code: string,
  field?: string,
): Promise<Error> {
  const before = await snapshot(t);
  const error = await t.invoke(name, input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${name} should refuse`).toMatchObject({ code, ...(field ? { field } : {}) });
  expect(await snapshot(t)).toBe(before);
  return error as Error;
}

/**
 * expectRefused for each `[input, field]` in turn: `name` refuses every one with `code`, naming its
 * field, and changes nothing.
 */
export async function expectEachRefused(
  t: Pick<TestContext, 'db' | 'dir' | 'invoke'>,
  name: string,
  code: string,
  cases: readonly (readonly [input: unknown, field: string])[],
): Promise<void> {
  for (const [input, field] of cases) await expectRefused(t, name, input, code, field);
}

/**
 * Inserts a session of `streamId` (COMPLETED, transfer SKIPPED unless said) with, when `files` is
 * set, a local MP3 in RECORDINGS_DIR and a parts folder holding one part.
 */
export async function seedSession(
  t: Pick<TestContext, 'db' | 'ctx'>,
  over: Partial<SessionRecord> & { streamId: string },
  files = true,
): Promise<SessionRecord> {
  const id = over.id ?? randomUUID();
  const outputFilePath = join(t.ctx.settings.recordingsDir, `${id}.mp3`);
  const partsDir = join(partsDirOf(t.ctx.settings), id);
  if (files) {
    await mkdir(partsDir, { recursive: true });
    await writeFile(join(partsDir, 'part-001.mka'), 'raw part');
    await writeFile(outputFilePath, 'fake mp3 audio');
  }
  return insertSession(t.db, {
    id,
    startTime: new Date(TEST_NOW - 3_600_000).toISOString(),
    endTime: new Date(TEST_NOW - 1_800_000).toISOString(),
    plannedDurationSeconds: 1800,
    durationSeconds: 1800,
    outputFilePath: files ? outputFilePath : null,
    fileSizeBytes: 14,
    partsDir: files ? partsDir : null,
    createdAt: new Date(TEST_NOW).toISOString(),
    updatedAt: new Date(TEST_NOW).toISOString(),
    ...over,
  });
}

/** Inserts a schedule of `streamId`. */
export async function seedSchedule(
  db: Database,
  over: Partial<ScheduleRecord> & { streamId: string },
): Promise<ScheduleRecord> {
  const stamp = new Date(TEST_NOW).toISOString();
  return insertSchedule(db, { id: randomUUID(), createdAt: stamp, updatedAt: stamp, ...over });
}
