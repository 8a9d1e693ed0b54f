/**
 * Test-only: a scheduler on an in-memory database and a TestClock, with a fake pipeline whose
 * "recordings" last until their window ends on that clock (or fail, when the test says so).
 */
import { settingsValues } from '../../contract/testing/backup-fixtures';
import type { Database } from '../db/database';
import type { ScheduleRecord, SessionRecord } from '../db/records';
import { SessionEntity } from '../db/entities/schemas';
import { createEventBus, type EventBus } from '../events/event-bus';
import type { RunRequest } from '../pipeline/run-session';
import { SessionStore } from '../pipeline/session-store';
import { seedStream, testDatabase } from '../pipeline/test-fixtures';
import { memoryLogger } from '../ports/logger';
import type { RuntimeSettingsValues } from '../settings/runtime-settings';
import { Scheduler, type SchedulerTuning } from './scheduler';
import { RecordingGate, type StartRun } from './recording-gate';
import { insertSchedule } from './schedule-fixtures';
import { TestClock } from '../ports/test-clock';

export interface StartedRun {
  request: RunRequest;
  /** Wall-clock ms when the scheduler started it. */
  at: number;
  sessionId: string;
}

/** What a fake run does: record to the end of its window, or fail at once. */
export type FakeOutcome = 'record' | 'fail' | 'throw';

export interface Harness {
  db: Database;
  clock: TestClock;
  sessions: SessionStore;
  events: EventBus;
  logger: ReturnType<typeof memoryLogger>;
  scheduler: Scheduler;
  /** The recording slots the scheduler and "record now" share. */
  gate: RecordingGate;
  started: StartedRun[];
  limit: { value: number };
  /** Decides the outcome of the n-th started run (0-based); default: record. */
  outcome: (request: RunRequest, n: number) => FakeOutcome;
  addSchedule(over?: Partial<ScheduleRecord>): Promise<ScheduleRecord>;
  allSessions(): Promise<SessionRecord[]>;
  missed(): Promise<SessionRecord[]>;
  /** Tells the scheduler the runtime settings changed (after setting limit.value). */
  notifyRuntime(): void;
  close(): Promise<void>;
}

let counter = 0;

export async function createHarness(
  start: number,
  options: { tuning?: SchedulerTuning; timeZone?: string; limit?: number; db?: Database } = {},
): Promise<Harness> {
  const db = options.db ?? (await testDatabase());
  if (!options.db) await seedStream(db);
  const clock = new TestClock(start);
  const events = createEventBus();
  const sessions = new SessionStore(db, events, clock);
  const logger = memoryLogger();
  const started: StartedRun[] = [];
  const limit = { value: options.limit ?? 3 };
  const listeners = new Set<(v: RuntimeSettingsValues) => void>();
  const values = (): RuntimeSettingsValues =>
    settingsValues({
      maxConcurrentRecordings: limit.value,
      retentionDays: 30,
      minFreeDiskMb: 0,
      logLevel: 'debug',
    });
  const h = {} as Harness;
  h.outcome = () => 'record';

  const startRun = fakeStartRun(sessions, clock, started, (r, n) => h.outcome(r, n));

  const gate = new RecordingGate(startRun, () => limit.value);
  const scheduler = new Scheduler({
    db,
    sessions,
    events,
    clock,
    logger,
    runtime: {
      get: values,
      onChange: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    timeZone: options.timeZone ?? 'UTC',
    gate,
    tuning: options.tuning,
  });

  Object.assign(h, {
    db,
    clock,
    sessions,
    events,
    logger,
    scheduler,
    gate,
    started,
    limit,
    async addSchedule(over: Partial<ScheduleRecord> = {}) {
      const t = new Date(clock.now()).toISOString();
      const id = `sch-${String(++counter).padStart(4, '0')}`;
      return insertSchedule(db, { id, createdAt: t, updatedAt: t, ...over });
    },
    allSessions: () => db.reader.find(SessionEntity, { order: { createdAt: 'ASC' } }),
    async missed() {
      const all = await db.reader.find(SessionEntity, { order: { startTime: 'ASC' } });
      return all.filter((s) => s.errorMessage?.startsWith('Missed: '));
    },
    async close() {
      await scheduler.stop();
      await db.close();
    },
    notifyRuntime: () => listeners.forEach((l) => l(values())),
  });
  return h;
}

/** A fake pipeline: its "recordings" last until their window ends on `clock`, or fail at once. */
function fakeStartRun(
  sessions: SessionStore,
  clock: TestClock,
  started: StartedRun[],
  decide: (request: RunRequest, n: number) => FakeOutcome,
): StartRun {
  return async (request) => {
    const n = started.length;
    const outcome = decide(request, n);
    if (outcome === 'throw') {
      started.push({ request, at: clock.now(), sessionId: '' });
      throw new Error('database is busy');
    }
    const session = await sessions.create({
      streamId: request.streamId,
      scheduleId: request.scheduleId,
      startTime: new Date(request.windowStart).toISOString(),
      plannedDurationSeconds: Math.round((request.windowEnd - request.windowStart) / 1000),
      transferStatus: 'SKIPPED',
    });
    started.push({ request, at: clock.now(), sessionId: session.id });
    const done = (async () => {
      await sessions.update(session.id, { status: 'RECORDING' });
      if (outcome === 'fail') {
        return sessions.update(session.id, {
          status: 'FAILED',
          endTime: new Date(clock.now()).toISOString(),
          errorMessage: 'Could not connect to the stream.',
        });
      }
      const from = Math.max(clock.now(), request.windowStart);
      await clock.sleep(request.windowEnd - clock.now());
      await sessions.update(session.id, {
        status: 'PROCESSING',
        startTime: new Date(from).toISOString(),
        endTime: new Date(request.windowEnd).toISOString(),
      });
      return sessions.update(session.id, { status: 'COMPLETED' });
    })();
    return { session, done };
  };
}
