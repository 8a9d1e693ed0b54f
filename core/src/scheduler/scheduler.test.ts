import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract';
import { ScheduleEntity } from '../db/entities/schemas';
import { createHarness, type Harness } from './test-harness';

const at = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();

let harnesses: Harness[] = [];
async function harness(start: string, options: Parameters<typeof createHarness>[1] = {}) {
  const h = await createHarness(at(start), options);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.reverse()) await h.close().catch(() => undefined);
  harnesses = [];
});

const logged = (h: Harness, pattern: RegExp) =>
  h.logger.entries.filter((e) => pattern.test(e.message));
const scheduleRow = (h: Harness, id: string) => h.db.reader.findOneByOrFail(ScheduleEntity, { id });

describe('Scheduler: on time', () => {
  it('starts a run 5 s before its window opens, with the padded window, and re-arms', async () => {
    const h = await harness('2026-11-24T05:00:00Z');
    const s = await h.addSchedule({
      cronExpression: '0 6 * * *',
      padBeforeSeconds: 30,
      padAfterSeconds: 15,
    });
    await h.scheduler.start();
    expect(h.scheduler.nextRunTime(s.id)).toBe('2026-11-24T06:00:00.000Z');

    await h.clock.advanceTo(at('2026-11-24T05:59:24.999Z'));
    expect(h.started).toEqual([]);
    await h.clock.advanceTo(at('2026-11-24T05:59:25Z'));
    expect(h.started).toHaveLength(1);
    expect(h.started[0]).toMatchObject({
      at: at('2026-11-24T05:59:25Z'),
      request: {
        streamId: 'stream-1',
        scheduleId: s.id,
        windowStart: at('2026-11-24T05:59:30Z'),
        windowEnd: at('2026-11-24T07:00:15Z'),
        timeZone: 'UTC',
      },
    });
    expect(h.scheduler.nextRunTime(s.id)).toBe('2026-11-25T06:00:00.000Z');
    expect((await scheduleRow(h, s.id)).lastRunTime).toBe('2026-11-24T06:00:00.000Z');

    await h.clock.advanceTo(at('2026-11-24T07:00:16Z'));
    const [session] = await h.allSessions();
    expect(session).toMatchObject({ status: 'COMPLETED', plannedDurationSeconds: 3645 });
    expect(h.scheduler.slots.inUse).toBe(0);
    // next day again, once
    await h.clock.advanceTo(at('2026-11-25T05:59:25Z'));
    expect(h.started).toHaveLength(2);
  });

  it('uses the schedule time zone, or the app one when it has none', async () => {
    const h = await harness('2026-11-24T00:00:00Z', { timeZone: 'America/New_York' });
    const a = await h.addSchedule({ cronExpression: '0 6 * * *' });
    const b = await h.addSchedule({ cronExpression: '0 6 * * *', timezone: 'Europe/Berlin' });
    await h.scheduler.start();
    expect(h.scheduler.nextRunTime(a.id)).toBe('2026-11-24T11:00:00.000Z');
    expect(h.scheduler.nextRunTime(b.id)).toBe('2026-11-24T05:00:00.000Z');
    await h.clock.advanceTo(at('2026-11-24T05:00:00Z'));
    expect(h.started.map((r) => r.request.timeZone)).toEqual(['Europe/Berlin']);
  });
});

describe('Scheduler: concurrency', () => {
  it('limit 2, three runs at once: two start, the third waits and records the rest', async () => {
    const h = await harness('2026-11-24T05:59:00Z', { limit: 2 });
    const short = await h.addSchedule({ durationMinutes: 1 });
    const long = await h.addSchedule({ durationMinutes: 60 });
    const late = await h.addSchedule({ durationMinutes: 60 });
    await h.scheduler.start();
    await h.clock.advanceTo(at('2026-11-24T05:59:55Z'));
    expect(h.started.map((r) => r.request.scheduleId)).toEqual([short.id, long.id]);
    expect(h.scheduler.slots.waiting).toBe(1);
    expect(logged(h, /All 2 recording slots are busy/)).toHaveLength(1);

    // the short one stops recording at 06:01: its slot goes to the waiting run at once
    await h.clock.advanceTo(at('2026-11-24T06:01:00Z'));
    expect(h.started).toHaveLength(3);
    expect(h.started[2]).toMatchObject({
      at: at('2026-11-24T06:01:00Z'),
      request: {
        scheduleId: late.id,
        windowStart: at('2026-11-24T06:00:00Z'),
        windowEnd: at('2026-11-24T07:00:00Z'),
      },
    });
    const note = logged(h, /waited 65 s for a free recording slot/);
    expect(note).toHaveLength(1);
    expect(note[0]!.message).toMatch(/Started 60 s after the window opened/);
    expect(note[0]!.message).toMatch(/recording the remaining 3540 s of the 3600 s window/);
    expect(note[0]!.sessionId).toBe(h.started[2]!.sessionId);

    await h.clock.advanceTo(at('2026-11-24T07:00:01Z'));
    const sessions = await h.allSessions();
    expect(sessions.map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    const third = sessions.find((s) => s.id === h.started[2]!.sessionId)!;
    expect(third.plannedDurationSeconds).toBe(3600);
    expect(third.startTime).toBe('2026-11-24T06:01:00.000Z');
    expect(await h.missed()).toEqual([]);
  });

  it('a run whose window ends while it waits is listed as missed', async () => {
    const h = await harness('2026-11-24T05:59:00Z', { limit: 1 });
    await h.addSchedule({ durationMinutes: 1 });
    const waiting = await h.addSchedule({ durationMinutes: 1 });
    await h.scheduler.start();
    await h.clock.advanceTo(at('2026-11-24T06:01:30Z'));
    await h.scheduler.idle();
    expect(h.started).toHaveLength(1);
    const missed = await h.missed();
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({
      scheduleId: waiting.id,
      status: 'FAILED',
      transferStatus: 'SKIPPED',
      startTime: '2026-11-24T06:00:00.000Z',
      plannedDurationSeconds: 60,
    });
    expect(missed[0]!.errorMessage).toMatch(/^Missed: no recording slot became free/);
    expect(h.scheduler.slots.waiting).toBe(0);
  });

  it('a raised limit lets a waiting run start at once', async () => {
    const h = await harness('2026-11-24T05:59:00Z', { limit: 1 });
    await h.addSchedule();
    await h.addSchedule();
    await h.scheduler.start();
    await h.clock.advanceTo(at('2026-11-24T06:00:10Z'));
    expect(h.started).toHaveLength(1);
    h.limit.value = 2;
    h.notifyRuntime();
    await h.clock.advance(0);
    expect(h.started).toHaveLength(2);
  });

  it('manual runs take a free slot or are refused with CONFLICT', async () => {
    const h = await harness('2026-11-24T05:00:00Z', { limit: 1 });
    await h.scheduler.start();
    const request = {
      streamId: 'stream-1',
      scheduleId: null,
      windowStart: at('2026-11-24T05:00:00Z'),
      windowEnd: at('2026-11-24T05:10:00Z'),
    };
    const first = await h.gate.recordNow(request);
    const refused = await h.gate.recordNow(request).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('CONFLICT');
    expect((refused as Error).message).toMatch(/All 1 recording slots are in use/);
    await h.clock.advanceTo(at('2026-11-24T05:10:00Z'));
    expect((await first.done).status).toBe('COMPLETED');
    await expect(
      h.gate.recordNow({ ...request, windowEnd: at('2026-11-24T05:20:00Z') }),
    ).resolves.toBeDefined();
  });
});

describe('Scheduler: retries', () => {
  it('retries a failed run within its window for the rest of it', async () => {
    const h = await harness('2026-11-24T05:59:00Z');
    await h.addSchedule({ maxRetries: 2 });
    h.outcome = (_r, n) => (n < 2 ? 'fail' : 'record');
    await h.scheduler.start();
    await h.clock.advanceTo(at('2026-11-24T06:00:30Z'));
    expect(h.started.map((r) => iso(r.at))).toEqual([
      '2026-11-24T05:59:55.000Z',
      '2026-11-24T06:00:00.000Z',
      '2026-11-24T06:00:10.000Z',
    ]);
    expect(h.started.every((r) => r.request.windowEnd === at('2026-11-24T07:00:00Z'))).toBe(true);
    expect(logged(h, /trying again in 5 s \(attempt 2 of 3\)/)).toHaveLength(1);
    expect(logged(h, /Started 10 s after the window opened \(attempt 3 of 3\)/)).toHaveLength(1);
    await h.clock.advanceTo(at('2026-11-24T07:00:01Z'));
    expect((await h.allSessions()).map((s) => s.status)).toEqual(['FAILED', 'FAILED', 'COMPLETED']);
  });

  it('gives up after maxRetries, and when too little of the window is left', async () => {
    const h = await harness('2026-11-24T05:59:00Z');
    await h.addSchedule({ maxRetries: 1 });
    await h.addSchedule({ cronExpression: '0 7 * * *', durationMinutes: 1, maxRetries: 5 });
    h.outcome = (r) =>
      r.windowStart === at('2026-11-24T07:00:00Z') && h.clock.now() < at('2026-11-24T07:00:50Z')
        ? 'record'
        : 'fail';
    await h.scheduler.start();
    await h.clock.advanceTo(at('2026-11-24T06:05:00Z'));
    expect(h.started).toHaveLength(2);
    expect(logged(h, /failed 2 time\(s\); no retries left/)).toHaveLength(1);
    // a run that fails with 4 s of its window left is not tried again
    h.outcome = (r, n) => (n === 2 ? 'record' : 'fail');
    await h.clock.advanceTo(at('2026-11-24T07:01:00Z'));
    expect(h.started).toHaveLength(3);
  });

  it('retries when starting throws; not when the stream is gone; not after a pause', async () => {
    const h = await harness('2026-11-24T05:59:00Z');
    const s = await h.addSchedule({ maxRetries: 3 });
    h.outcome = (_r, n) => (n === 0 ? 'throw' : 'fail');
    await h.scheduler.start();
    await h.clock.advanceTo(at('2026-11-24T06:00:00Z'));
    expect(h.started).toHaveLength(2);
    expect(logged(h, /could not start: database is busy/)).toHaveLength(1);
    // paused before the next retry: no more attempts
    await h.db.write((m) => m.update(ScheduleEntity, { id: s.id }, { isActive: false }));
    await h.scheduler.reload(s.id);
    await h.clock.advanceTo(at('2026-11-24T06:10:00Z'));
    expect(h.started).toHaveLength(2);
    expect(logged(h, /paused or deleted: the failed run is not retried/)).toHaveLength(1);
  });

  it('does not retry a session stopped by the user (partial)', async () => {
    const h = await harness('2026-11-24T05:59:00Z');
    await h.addSchedule();
    await h.scheduler.start();
    await h.clock.advanceTo(at('2026-11-24T06:00:00Z'));
    const id = h.started[0]!.sessionId;
    await h.sessions.update(id, { status: 'FAILED', partial: true, errorMessage: 'stopped' });
    await h.clock.advanceTo(at('2026-11-24T07:00:01Z'));
    expect(h.started).toHaveLength(1);
  });
});

describe('Scheduler: reload', () => {
  it('create, edit, pause, resume and delete apply at once', async () => {
    const h = await harness('2026-11-24T05:00:00Z');
    await h.scheduler.start();
    const s = await h.addSchedule({ updatedAt: iso(at('2026-11-24T05:00:00Z')) });
    expect(h.scheduler.nextRunTime(s.id)).toBeNull();
    await h.scheduler.reload(s.id);
    expect(h.scheduler.nextRunTime(s.id)).toBe('2026-11-24T06:00:00.000Z');

    const edit = async (patch: Record<string, unknown>) => {
      await h.db.write((m) =>
        m.update(ScheduleEntity, { id: s.id }, { ...patch, updatedAt: iso(h.clock.now()) }),
      );
      await h.scheduler.reload(s.id);
    };
    await edit({ cronExpression: '30 5 * * *' });
    expect(h.scheduler.nextRunTime(s.id)).toBe('2026-11-24T05:30:00.000Z');
    await edit({ isActive: false });
    expect(h.scheduler.nextRunTime(s.id)).toBeNull();
    await h.clock.advanceTo(at('2026-11-24T05:45:00Z'));
    expect(h.started).toEqual([]);
    await edit({ isActive: true });
    expect(h.scheduler.nextRunTime(s.id)).toBe('2026-11-25T05:30:00.000Z');
    // editing while it records: the recording goes on, no second start
    await edit({ cronExpression: '50 5 * * *' });
    await h.clock.advanceTo(at('2026-11-24T05:49:56Z'));
    expect(h.started).toHaveLength(1);
    await edit({ durationMinutes: 30 });
    await h.clock.advanceTo(at('2026-11-24T05:55:00Z'));
    expect(h.started).toHaveLength(1);
    expect(h.scheduler.nextRunTime(s.id)).toBe('2026-11-25T05:50:00.000Z');

    await h.db.write((m) => m.delete(ScheduleEntity, { id: s.id }));
    await h.scheduler.reload(s.id);
    expect(h.scheduler.nextRunTime(s.id)).toBeNull();
    await h.clock.advanceTo(at('2026-11-25T06:00:00Z'));
    expect(h.started).toHaveLength(1);
  });

  it('reload() without an id re-reads every schedule', async () => {
    const h = await harness('2026-11-24T05:00:00Z');
    const a = await h.addSchedule();
    await h.scheduler.start();
    const b = await h.addSchedule({ cronExpression: '0 8 * * *' });
    await h.db.write((m) => m.delete(ScheduleEntity, { id: a.id }));
    await h.scheduler.reload();
    expect(h.scheduler.nextRunTime(a.id)).toBeNull();
    expect(h.scheduler.nextRunTime(b.id)).toBe('2026-11-24T08:00:00.000Z');
  });

  it('reload() of many schedules gives the event loop turns; one re-read meanwhile keeps its news', async () => {
    const h = await harness('2026-11-24T05:00:00Z');
    await h.scheduler.start();
    const many = [];
    for (let i = 0; i < 600; i++) {
      many.push(await h.addSchedule({ cronExpression: `${i % 60} ${i % 24} * * *` }));
    }
    const first = many[0]!;
    let turns = 0;
    const counter = setInterval(() => (turns += 1), 0);
    let turnsWhileReloading = -1;
    const all = h.scheduler.reload().then(() => (turnsWhileReloading = turns));
    // while all are re-read, one of them changes and is re-read on its own (as an update does)
    await new Promise((resolve) => setImmediate(resolve));
    await h.db.write((m) =>
      m.update(ScheduleEntity, { id: first.id }, { cronExpression: '30 23 * * *' }),
    );
    await h.scheduler.reload(first.id);
    await all;
    clearInterval(counter);
    expect(turnsWhileReloading).toBeGreaterThan(0);
    expect(h.scheduler.nextRunTime(first.id)).toBe('2026-11-24T23:30:00.000Z');
    expect(h.scheduler.nextRunTime(many[599]!.id)).toBe('2026-11-24T23:59:00.000Z');
  }, 60_000);

  it('a schedule created inside its pad-before time starts at once; a bad stored expression is logged', async () => {
    const h = await harness('2026-11-24T05:59:00Z');
    await h.scheduler.start();
    const bad = await h.addSchedule({ cronExpression: '61 * * * *' });
    await h.scheduler.reload(bad.id);
    expect(h.scheduler.nextRunTime(bad.id)).toBeNull();
    // named by its times, never by its id
    expect(logged(h, /^Schedule “61 \* \* \* \*” .*failed/)).toHaveLength(1);
    expect(logged(h, new RegExp(bad.id))).toHaveLength(0);
    const s = await h.addSchedule({ padBeforeSeconds: 120, updatedAt: iso(h.clock.now()) });
    await h.scheduler.reload(s.id);
    await h.clock.advance(0);
    expect(h.started).toHaveLength(1);
    expect(h.started[0]!.request.windowStart).toBe(at('2026-11-24T05:58:00Z'));
  });

  it('protects against overlapping runs of one schedule, but pads may overlap', async () => {
    const h = await harness('2026-11-24T05:59:00Z');
    const s = await h.addSchedule({ cronExpression: '*/10 * * * *', durationMinutes: 30 });
    const padded = await h.addSchedule({
      cronExpression: '0 * * * *',
      durationMinutes: 60,
      padBeforeSeconds: 60,
      padAfterSeconds: 60,
    });
    await h.scheduler.start();
    // at start the 05:50 run's window is open: it is caught up; 06:00 and 06:10 would overlap it
    await h.clock.advanceTo(at('2026-11-24T06:19:00Z'));
    const runsOf = (id: string) =>
      h.started.filter((r) => r.request.scheduleId === id).map((r) => iso(r.request.windowStart));
    expect(runsOf(s.id)).toEqual(['2026-11-24T05:50:00.000Z']);
    const missed = await h.missed();
    expect(missed.map((m) => m.startTime)).toEqual([
      '2026-11-24T06:00:00.000Z',
      '2026-11-24T06:10:00.000Z',
    ]);
    expect(missed[0]!.errorMessage).toMatch(
      /previous run \(planned for .*05:50.*\) is still recording/,
    );
    // 05:50 + 30 min ends when 06:20 begins: no overlap
    await h.clock.advanceTo(at('2026-11-24T06:20:00Z'));
    expect(runsOf(s.id)).toHaveLength(2);
    // the hourly one overlaps its next run only by its pads: both record
    await h.clock.advanceTo(at('2026-11-24T06:59:00Z'));
    expect(runsOf(padded.id)).toEqual(['2026-11-24T05:59:00.000Z', '2026-11-24T06:59:00.000Z']);
  });
});

describe('Scheduler: catch-up', () => {
  it('at start: an open window starts at once for the rest; missed runs are listed once', async () => {
    const h = await harness('2026-11-24T06:20:00Z');
    const s = await h.addSchedule({
      lastRunTime: '2026-11-21T06:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    await h.scheduler.start();
    await h.clock.advance(0);
    expect(h.started).toHaveLength(1);
    expect(h.started[0]!.request.windowStart).toBe(at('2026-11-24T06:00:00Z'));
    const late = logged(h, /caught up after the app started/);
    expect(late[0]!.message).toMatch(/Started 1200 s after the window opened/);
    expect(late[0]!.message).toMatch(/remaining 2400 s of the 3600 s window/);
    await h.clock.advance(0);
    const missed = await h.missed();
    expect(missed.map((m) => m.startTime)).toEqual([
      '2026-11-22T06:00:00.000Z',
      '2026-11-23T06:00:00.000Z',
    ]);
    expect(missed[0]!.errorMessage).toBe('Missed: the app was not running at that time.');

    // a restart (the first process died while recording): missed runs are not listed again,
    // the open window is recorded again for the rest
    await h.scheduler.stop();
    await h.clock.advance(60_000);
    const again = await createHarness(h.clock.now(), { db: h.db });
    const started = again.started;
    await again.scheduler.start();
    await again.clock.advance(0);
    expect(started).toHaveLength(1);
    await again.clock.advance(0);
    expect(await again.missed()).toHaveLength(2);
    expect((await scheduleRow(h, s.id)).lastRunTime).toBe('2026-11-24T06:00:00.000Z');
    await again.scheduler.stop();
  });

  it('lists at most 10 missed runs and logs how many there were', async () => {
    const h = await harness('2026-11-24T10:02:00Z');
    await h.addSchedule({
      cronExpression: '*/5 * * * *',
      durationMinutes: 1,
      lastRunTime: '2026-11-24T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    await h.scheduler.start();
    await h.scheduler.idle();
    expect(await h.missed()).toHaveLength(10);
    expect(logged(h, /missed 120 runs.*The last 10 are listed/)).toHaveLength(1);
  });

  it('a run that finished is not started again when the window is still open at start', async () => {
    const h = await harness('2026-11-24T06:30:00Z');
    const s = await h.addSchedule({ lastRunTime: '2026-11-24T06:00:00.000Z' });
    const done = await h.sessions.create({
      streamId: 'stream-1',
      scheduleId: s.id,
      startTime: '2026-11-24T06:00:00.000Z',
      plannedDurationSeconds: 3600,
    });
    for (const status of ['RECORDING', 'PROCESSING', 'COMPLETED'] as const) {
      await h.sessions.update(done.id, { status, endTime: '2026-11-24T07:00:00.000Z' });
    }
    await h.scheduler.start();
    await h.scheduler.idle();
    expect(h.started).toEqual([]);
  });

  it('after waking from sleep: missed runs are listed, an open window starts for the rest', async () => {
    const h = await harness('2026-11-24T05:41:00Z');
    await h.addSchedule({ cronExpression: '0 * * * *', durationMinutes: 40 });
    await h.scheduler.start();
    await h.clock.advanceTo(at('2026-11-24T05:50:00Z'));
    h.clock.jump(105 * 60_000); // asleep until 07:35
    await h.clock.advance(30_000);
    expect(logged(h, /wall clock jumped forward by 6300 s/)).toHaveLength(1);
    expect(h.started).toHaveLength(1);
    expect(h.started[0]!.request.windowStart).toBe(at('2026-11-24T07:00:00Z'));
    const late = logged(h, /caught up after the computer woke from sleep/);
    expect(late[0]!.message).toMatch(/recording the remaining 270 s of the 2400 s window/);
    const missed = await h.missed();
    expect(missed.map((m) => m.startTime)).toEqual(['2026-11-24T06:00:00.000Z']);
    expect(missed[0]!.errorMessage).toMatch(/asleep/);
    // and the job is armed for 08:00 again
    expect(h.scheduler.nextRunTime(missed[0]!.scheduleId!)).toBe('2026-11-24T08:00:00.000Z');
    await h.clock.advanceTo(at('2026-11-24T07:59:55Z'));
    expect(h.started).toHaveLength(2);
  });
});

describe('Scheduler: DST (see CRON_OPTIONS)', () => {
  const tuning = { wakeCheckMs: 6 * 3_600_000 };
  async function runsBetween(tz: string, expr: string, from: string, to: string) {
    const h = await harness(from, { tuning, timeZone: tz });
    await h.addSchedule({ cronExpression: expr, durationMinutes: 10 });
    await h.scheduler.start();
    await h.clock.advanceTo(at(to));
    return h.started.map((r) => iso(r.request.windowStart));
  }

  it('Europe/Berlin: 02:30 runs once at 03:00 on the spring day, once (first pass) in autumn', async () => {
    expect(
      await runsBetween(
        'Europe/Berlin',
        '30 2 * * *',
        '2026-03-28T12:00:00Z',
        '2026-03-30T12:00:00Z',
      ),
    ).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(
      await runsBetween(
        'Europe/Berlin',
        '30 2 * * *',
        '2026-10-24T12:00:00Z',
        '2026-10-26T12:00:00Z',
      ),
    ).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('America/New_York: the same rules', async () => {
    expect(
      await runsBetween(
        'America/New_York',
        '30 2 * * *',
        '2026-03-07T12:00:00Z',
        '2026-03-09T12:00:00Z',
      ),
    ).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z']);
    expect(
      await runsBetween(
        'America/New_York',
        '30 1 * * *',
        '2026-10-31T12:00:00Z',
        '2026-11-02T12:00:00Z',
      ),
    ).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });
});

describe('Scheduler: stop', () => {
  it('stops timers and waiting runs without listing them as missed', async () => {
    const h = await harness('2026-11-24T05:59:00Z', { limit: 1 });
    const s = await h.addSchedule();
    await h.addSchedule();
    await h.scheduler.start();
    await h.clock.advanceTo(at('2026-11-24T06:00:00Z'));
    expect(h.scheduler.slots.waiting).toBe(1);
    await h.scheduler.stop();
    expect(h.scheduler.nextRunTime(s.id)).toBeNull();
    expect(h.scheduler.slots.waiting).toBe(0);
    await h.clock.advanceTo(at('2026-11-24T07:00:01Z'));
    await h.scheduler.idle();
    expect(await h.missed()).toEqual([]);
    expect(h.started).toHaveLength(1);
    expect(h.clock.pending).toBe(0);
  });
});
