import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import type { SessionRecord, StreamRecord } from '../db/records';
import { createEventBus } from '../events/event-bus';
import { SessionStore } from '../pipeline/session-store';
import { fakeClock, seedStream, testDatabase } from '../pipeline/test-fixtures';
import { memoryLogger } from '../ports/logger';
import type { CapturedPart } from '../recorder/types';
import { recoverSessions, type RecoveryDeps } from './recover-sessions';
import type { PartFileInfo } from './salvage-plan';
import { insertSession } from '../pipeline/session-fixtures';
import { insertSchedule } from '../scheduler/schedule-fixtures';

const S = Date.parse('2026-11-24T06:00:00.000Z');
const NOW = S + 60_000;

let db: Database;
let stream: StreamRecord;
beforeEach(async () => {
  db = await testDatabase();
  stream = await seedStream(db, { id: 'stream-1' });
  await seedStream(db, { id: 'deleted' });
  const t = new Date(S).toISOString();
  await insertSchedule(db, {
    id: 'sched-1',
    timezone: 'America/New_York',
    createdAt: t,
    updatedAt: t,
  });
});
afterEach(() => db.close());

interface World {
  parts: Record<string, (PartFileInfo & { seconds?: number })[]>;
  calls: string[];
  finished: { id: string; parts: CapturedPart[]; timeZone: string }[];
  finish?: (s: SessionRecord) => Promise<SessionRecord>;
  scheduleTz?: string | null;
  active?: string[];
}

function setup(w: World) {
  const sessions = new SessionStore(db, createEventBus(), fakeClock(NOW));
  const logger = memoryLogger();
  const deps: RecoveryDeps = {
    sessions,
    loadStream: async (id) => (id === stream.id ? stream : null),
    scheduleTimeZone: async () => w.scheduleTz ?? null,
    finish: async (session, _stream, parts, timeZone) => {
      w.calls.push(`finish ${session.id}`);
      w.finished.push({ id: session.id, parts, timeZone });
      if (w.finish) return w.finish(session);
      return sessions.update(session.id, { status: 'COMPLETED' });
    },
    clock: fakeClock(NOW),
    logger,
    folders: { partsDir: '/parts', recordingsDir: '/rec' },
    timeZone: 'Europe/Berlin',
    orphans: {
      processes: { commandLine: async () => undefined, signal: () => false },
      files: {
        list: async (dir) => {
          w.calls.push(`orphans ${dir}`);
          return [];
        },
        readText: async () => undefined,
        remove: async () => undefined,
      },
      sleep: async () => undefined,
    },
    salvage: {
      listParts: async (dir) => {
        w.calls.push(`parts ${dir}`);
        return w.parts[dir] ?? [];
      },
      inspect: async (path) => {
        const f = Object.values(w.parts)
          .flat()
          .find((p) => p.path === path);
        return f?.seconds ? { codec: 'mp3', seconds: f.seconds } : undefined;
      },
      cutTail: async () => undefined,
    },
    listPartDirs: async () => ['/parts/stray'],
    removeStaleTemps: async (rec, dirs) => {
      w.calls.push(`temps ${rec} ${dirs.length}`);
      return [];
    },
    isActive: (id) => (w.active ?? []).includes(id),
  };
  return { deps, sessions, logger };
}

const part = (dir: string, n: number, mtimeMs: number, seconds?: number) => ({
  path: `${dir}/part-00${n}.mka`,
  number: n,
  size: seconds ? 1000 : 0,
  mtimeMs,
  seconds,
});

/** A 20 s session the restart found RECORDING (its transfer PENDING), its parts in `partsDir`. */
function leftRecording(partsDir: string, extra: Parameters<typeof insertSession>[1] = {}) {
  return insertSession(db, {
    status: 'RECORDING',
    transferStatus: 'PENDING',
    startTime: new Date(S).toISOString(),
    endTime: null,
    plannedDurationSeconds: 20,
    partsDir,
    ...extra,
  });
}

describe('recoverSessions', () => {
  it('salvages a session left RECORDING: partial, dated to its last part, processed, in the schedule time zone', async () => {
    const s = await leftRecording('/parts/a', { scheduleId: null });
    const w: World = {
      parts: { '/parts/a': [part('/parts/a', 1, S + 6000, 12), part('/parts/a', 2, S + 6500)] },
      calls: [],
      finished: [],
    };
    const { deps, sessions, logger } = setup(w);
    const result = await recoverSessions(deps);
    expect(result).toMatchObject({ salvaging: [s.id], failed: [], stillOpen: [] });
    const mid = await sessions.get(s.id);
    expect(mid).toMatchObject({
      status: 'PROCESSING',
      partial: true,
      endTime: new Date(S + 6000).toISOString(),
      gaps: [],
    });
    const [done] = await result.done;
    expect(done).toMatchObject({ id: s.id, status: 'COMPLETED' });
    expect(w.finished).toEqual([
      {
        id: s.id,
        timeZone: 'Europe/Berlin',
        parts: [expect.objectContaining({ path: '/parts/a/part-001.mka', keepSeconds: 6 })],
      },
    ]);
    // orphans are stopped (in every folder) before any part is read
    expect(w.calls.indexOf('orphans /parts/a')).toBeLessThan(w.calls.indexOf('parts /parts/a'));
    expect(w.calls).toContain('orphans /parts/stray');
    expect(logger.entries.map((e) => e.message).join('\n')).toMatch(/part-002.mka \(empty\)/);
    expect(logger.entries.map((e) => e.message).join('\n')).toMatch(/marked partial/);
  });

  it('processes a session left PROCESSING again, with its schedule time zone, not marking it partial', async () => {
    const s = await insertSession(db, {
      status: 'PROCESSING',
      transferStatus: 'SKIPPED',
      scheduleId: 'sched-1',
      startTime: new Date(S).toISOString(),
      endTime: new Date(S + 20_000).toISOString(),
      plannedDurationSeconds: 20,
      gaps: [{ at: new Date(S + 5000).toISOString(), seconds: 2 }],
      partsDir: '/parts/b',
    });
    const w: World = {
      parts: { '/parts/b': [part('/parts/b', 1, S + 20_000, 22)] },
      calls: [],
      finished: [],
      scheduleTz: 'America/New_York',
    };
    const { deps, sessions } = setup(w);
    const result = await recoverSessions(deps);
    await result.done;
    expect(w.finished[0]).toMatchObject({
      timeZone: 'America/New_York',
      parts: [{ keepSeconds: 20 }],
    });
    expect(await sessions.get(s.id)).toMatchObject({
      status: 'COMPLETED',
      partial: false,
      gaps: [{ at: new Date(S + 5000).toISOString(), seconds: 2 }],
    });
  });

  it('fails a session without usable parts, saying so, and drops its pending transfer', async () => {
    const s = await leftRecording('/parts/c');
    const w: World = {
      parts: { '/parts/c': [part('/parts/c', 1, S + 3000)] },
      calls: [],
      finished: [],
    };
    const { deps, sessions } = setup(w);
    const result = await recoverSessions(deps);
    expect(result).toMatchObject({ salvaging: [], failed: [s.id] });
    expect(await result.done).toEqual([]);
    const failed = await sessions.get(s.id);
    expect(failed).toMatchObject({ status: 'FAILED', transferStatus: 'SKIPPED' });
    expect(failed.errorMessage).toMatch(
      /stopped during this recording before any usable audio.*part-001.mka \(empty\)/,
    );
  });

  it('fails every SCHEDULED session left from before the restart (even one due later: the scheduler starts a fresh run), and leaves finished and active ones alone', async () => {
    const past = await insertSession(db, {
      status: 'SCHEDULED',
      transferStatus: 'PENDING',
      startTime: new Date(S).toISOString(),
      endTime: null,
    });
    const future = await insertSession(db, {
      status: 'SCHEDULED',
      startTime: new Date(NOW + 3_600_000).toISOString(),
      endTime: null,
    });
    const done = await insertSession(db, { status: 'COMPLETED', transferStatus: 'COMPLETED' });
    const active = await insertSession(db, {
      status: 'RECORDING',
      startTime: new Date(S).toISOString(),
      partsDir: '/parts/act',
    });
    const w: World = { parts: {}, calls: [], finished: [], active: [active.id] };
    const { deps, sessions } = setup(w);
    const result = await recoverSessions(deps);
    expect([...result.failed].sort()).toEqual([past.id, future.id].sort());
    expect(await sessions.get(past.id)).toMatchObject({
      status: 'FAILED',
      transferStatus: 'SKIPPED',
      errorMessage: expect.stringMatching(/not running when this recording was due/),
    });
    expect((await sessions.get(future.id)).status).toBe('FAILED');
    expect((await sessions.get(done.id)).status).toBe('COMPLETED');
    expect((await sessions.get(active.id)).status).toBe('RECORDING');
    expect(w.calls).not.toContain('parts /parts/act');
  });

  it('fails a salvage whose stream is gone, or whose processing throws, keeping the parts', async () => {
    const gone = await insertSession(db, {
      status: 'PROCESSING',
      streamId: 'deleted',
      startTime: new Date(S).toISOString(),
      partsDir: '/parts/d',
    });
    const boom = await insertSession(db, {
      status: 'PROCESSING',
      startTime: new Date(S).toISOString(),
      partsDir: '/parts/e',
    });
    const w: World = {
      parts: {
        '/parts/d': [part('/parts/d', 1, S + 5000, 5)],
        '/parts/e': [part('/parts/e', 1, S + 5000, 5)],
      },
      calls: [],
      finished: [],
      finish: async () => {
        throw new Error('database is locked');
      },
    };
    const { deps, sessions } = setup(w);
    const result = await recoverSessions(deps);
    const out = await result.done;
    expect(out.map((s) => s.status)).toEqual(['FAILED', 'FAILED']);
    expect((await sessions.get(gone.id)).errorMessage).toMatch(
      /stream no longer exists.*\/parts\/d/,
    );
    expect((await sessions.get(boom.id)).errorMessage).toMatch(
      /Salvage failed: database is locked.*\/parts\/e/,
    );
  });

  it('lists the killed runs whose window is still open, for the catch-up', async () => {
    const open = await insertSession(db, {
      status: 'RECORDING',
      scheduleId: 'sched-1',
      startTime: new Date(NOW - 10_000).toISOString(),
      plannedDurationSeconds: 3600,
      partsDir: '/parts/f',
    });
    await insertSession(db, {
      status: 'RECORDING',
      startTime: new Date(S).toISOString(),
      plannedDurationSeconds: 20,
      partsDir: '/parts/g',
    });
    const w: World = {
      parts: { '/parts/f': [part('/parts/f', 1, NOW - 1000, 12)] },
      calls: [],
      finished: [],
    };
    const { deps } = setup(w);
    const result = await recoverSessions(deps);
    expect(result.stillOpen).toEqual([
      {
        sessionId: open.id,
        streamId: 'stream-1',
        scheduleId: 'sched-1',
        windowEnd: NOW - 10_000 + 3_600_000,
      },
    ]);
    await result.done;
  });
});
