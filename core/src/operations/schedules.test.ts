import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../contract';
import type { ListResult } from '../../contract/operation';
import type { ScheduleDto } from '../../contract/operations/schedules';
import { scheduleDto } from '../../contract/testing/schedule-fixtures';
import { ScheduleEntity, SessionEntity } from '../db/entities/schemas';
import { seedStream } from '../pipeline/test-fixtures';
import { memoryLogger } from '../ports/logger';
import { RecordingGate } from '../scheduler/recording-gate';
import { Scheduler } from '../scheduler/scheduler';
import {
  createTestContext,
  seedSchedule,
  seedSession,
  expectRefused,
  MADE_AT_TEST_NOW,
  TEST_NOW,
  type TestContext,
} from './resource-test-context';
import { scheduleOperations } from './schedules';

let t: TestContext;

beforeEach(async () => {
  t = await createTestContext(scheduleOperations);
  await seedStream(t.db, { id: 'stream-1' });
  await seedStream(t.db, { id: 'stream-2', name: 'Other' });
});

afterEach(async () => {
  await t.close();
});

const base = { streamId: 'stream-1', cronExpression: '0 6 * * 1-5', durationMinutes: 60 };
const stamp = new Date(TEST_NOW).toISOString();

async function create(input: Record<string, unknown> = {}): Promise<ScheduleDto> {
  return (await t.invoke('schedules.create', { ...base, ...input })) as ScheduleDto;
}

async function update(id: string, patch: Record<string, unknown>): Promise<ScheduleDto> {
  return (await t.invoke('schedules.update', { id, ...patch })) as ScheduleDto;
}

/** expectRefused, and the scheduler was not re-armed. */
async function refused(name: string, input: unknown, code: ErrorCode, field?: string) {
  const reloads = t.reloads.length;
  const error = await expectRefused(t, name, input, code, field);
  expect(t.reloads.length).toBe(reloads);
  return error;
}

/** Refused as bad input (VALIDATION_FAILED), naming `field`. */
const invalid = (name: string, input: unknown, field: string) =>
  refused(name, input, 'VALIDATION_FAILED', field);

describe('schedules.create', () => {
  it('creates with the defaults, re-arms the scheduler and answers the schedule', async () => {
    const dto = await create();
    // the fixture's schedule has the contract's defaults: no name, no pads, active, 3 retries
    expect(dto).toEqual(
      scheduleDto(expect.any(String), { ...base, timezone: null, ...MADE_AT_TEST_NOW }),
    );
    expect(t.reloads).toEqual([dto.id]);
    expect(await t.db.reader.findOneByOrFail(ScheduleEntity, { id: dto.id })).toMatchObject({
      cronExpression: '0 6 * * 1-5',
      isActive: true,
    });
  });

  it('takes every field; the zone is stored in its IANA spelling; cron spaces are tidied', async () => {
    const dto = await create({
      cronExpression: '  30   7 * *  sat ',
      timezone: 'america/new_york',
      durationMinutes: 1440,
      padBeforeSeconds: 3600,
      padAfterSeconds: 0,
      isActive: false,
      maxRetries: 20,
    });
    expect(dto).toMatchObject({
      cronExpression: '30 7 * * sat',
      timezone: 'America/New_York',
      durationMinutes: 1440,
      padBeforeSeconds: 3600,
      isActive: false,
      maxRetries: 0 + 20,
    });
    expect((await create({ timezone: '' })).timezone).toBeNull();
    expect((await create({ timezone: null, cronExpression: '0 6 * * *' })).timezone).toBeNull();
  });

  it.each([
    [{ streamId: undefined }, 'streamId'],
    [{ cronExpression: undefined }, 'cronExpression'],
    [{ durationMinutes: undefined }, 'durationMinutes'],
    [{ streamId: 42 }, 'streamId'],
    [{ streamId: '' }, 'streamId'],
    [{ cronExpression: 6 }, 'cronExpression'],
    [{ cronExpression: '   ' }, 'cronExpression'],
    [{ cronExpression: `0 6 * * ${'1,'.repeat(80)}1` }, 'cronExpression'],
    [{ durationMinutes: '60' }, 'durationMinutes'],
    [{ durationMinutes: 0 }, 'durationMinutes'],
    [{ durationMinutes: 1441 }, 'durationMinutes'],
    [{ durationMinutes: 1e12 }, 'durationMinutes'],
    [{ durationMinutes: 1.5 }, 'durationMinutes'],
    [{ durationMinutes: Number.NaN }, 'durationMinutes'],
    [{ padBeforeSeconds: -1 }, 'padBeforeSeconds'],
    [{ padBeforeSeconds: 3601 }, 'padBeforeSeconds'],
    [{ padAfterSeconds: 1e9 }, 'padAfterSeconds'],
    [{ padAfterSeconds: null }, 'padAfterSeconds'],
    [{ isActive: 'yes' }, 'isActive'],
    [{ maxRetries: 21 }, 'maxRetries'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ timezone: 5 }, 'timezone'],
    [{ timezone: 'x'.repeat(65) }, 'timezone'],
  ])('refuses %j naming %s', async (over, field) => {
    await refused('schedules.create', { ...base, ...over }, 'VALIDATION_FAILED', field);
  });

  it.each([
    ['61 * * * *', /minute: 61/],
    ['* * *', /has 3 fields, not 5/],
    ['0 0 0 1 1 * 2030', /has 7 fields, not 5/],
    // a seconds field: schedules have 5 fields
    ['0 30 6 * * *', /has 6 fields: the first is seconds.*write it as "30 6 \* \* \*"/],
    [
      '*/10 * * * * *',
      /has 6 fields: the first is seconds.*e\.g\. "\* \* \* \* \*" \(at second 0\)/,
    ],
    ['@reboot', /not a nickname/],
    ['0 6 * * funday', /not valid/],
    ['0 0 31 2 *', /never runs/],
  ])('refuses the cron expression %s, saying what is wrong', async (cronExpression, message) => {
    const error = await invalid('schedules.create', { ...base, cronExpression }, 'cronExpression');
    expect(error.message).toMatch(message);
  });

  it.each([
    // every 30 minutes, for 45
    [
      '*/30 * * * *',
      45,
      /A run of 45 minutes is longer than .*: 30 minutes \(from 00:00 to 00:30\)/,
    ],
    // 06:00 and 07:30: 90 minutes apart
    ['0,30 6,7 * * 1-5', 31, /: 30 minutes \(from 06:00 to 06:30\)/],
    // 22:00 every day and 01:00 the next: 3 hours
    ['0 1,22 * * *', 181, /: 3 hours \(from 22:00 to 01:00 the next day\)/],
    ['@hourly', 61, /: 1 hour \(from/],
  ])(
    'refuses %s for %i minutes: its runs would overlap (naming durationMinutes and the interval)',
    async (cronExpression, durationMinutes, message) => {
      const error = await invalid(
        'schedules.create',
        { ...base, cronExpression, durationMinutes },
        'durationMinutes',
      );
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(
        /Record for at most \d+ minutes, or run the schedule less often/,
      );
    },
  );

  it('accepts runs that end when the next begins, and pads that overlap the next run', async () => {
    await create({ cronExpression: '*/30 * * * *', durationMinutes: 30, padAfterSeconds: 120 });
    await create({ cronExpression: '0 6 * * *', durationMinutes: 1440 });
    // Monday to Friday 22:00, for 24 h: Friday's run ends on Saturday 22:00
    await create({ cronExpression: '0 22 * * 1-5', durationMinutes: 1440 });
    // only on 29 February: never two run days in a row
    await create({ cronExpression: '0 23 29 2 *', durationMinutes: 1440 });
    expect(await t.db.reader.countBy(ScheduleEntity, {})).toBe(4);
  });

  it('refuses an unknown stream, naming streamId', async () => {
    const error = await invalid('schedules.create', { ...base, streamId: 'nope' }, 'streamId');
    // in words, not by its id (the field names the input)
    expect(error.message).toBe('The chosen stream does not exist (any more): choose another one.');
  });

  it('says what is wrong with a time zone', async () => {
    const unknown = await invalid(
      'schedules.create',
      { ...base, timezone: 'Mars/Olympus' },
      'timezone',
    );
    expect(unknown.message).toMatch(/not a known IANA time zone/);
    const wrongType = await invalid('schedules.create', { ...base, timezone: 5 }, 'timezone');
    expect(wrongType.message).toMatch(/IANA time zone name \(text\)/);
  });

  it('refuses a body that is not an object', async () => {
    await refused('schedules.create', 'hello', 'VALIDATION_FAILED');
    await refused('schedules.create', [base], 'VALIDATION_FAILED');
  });
});

describe('schedules.list and get', () => {
  it('lists all, or those of one stream, oldest first', async () => {
    const a = await seedSchedule(t.db, {
      streamId: 'stream-1',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const b = await seedSchedule(t.db, {
      streamId: 'stream-2',
      createdAt: '2026-01-02T00:00:00.000Z',
    });
    const all = (await t.invoke('schedules.list', {})) as ListResult<ScheduleDto>;
    expect(all.total).toBe(2);
    expect(all.items.map((s) => s.id)).toEqual([a.id, b.id]);
    const one = (await t.invoke('schedules.list', {
      streamId: 'stream-2',
    })) as ListResult<ScheduleDto>;
    expect(one).toEqual({ items: [expect.objectContaining({ id: b.id })], total: 1 });
    expect(await t.invoke('schedules.list', { streamId: '' })).toMatchObject({ total: 2 });
    expect(await t.invoke('schedules.list', { streamId: 'none' })).toEqual({ items: [], total: 0 });
    await invalid('schedules.list', { streamId: 7 }, 'streamId');
  });

  it('gets one; an unknown id is NOT_FOUND naming id', async () => {
    const a = await seedSchedule(t.db, {
      streamId: 'stream-1',
      lastRunTime: '2026-11-23T06:00:00.000Z',
    });
    expect(await t.invoke('schedules.get', { id: a.id })).toMatchObject({
      id: a.id,
      lastRunTime: '2026-11-23T06:00:00.000Z',
    });
    await refused('schedules.get', { id: 'nope' }, 'NOT_FOUND', 'id');
    await invalid('schedules.get', {}, 'id');
  });
});

describe('schedule names', () => {
  it('takes an optional name (trimmed; blank is none); an update without it keeps it, null removes it', async () => {
    const named = await create({ name: '  Morning show ' });
    expect(named.name).toBe('Morning show');
    expect(await t.db.reader.findOneByOrFail(ScheduleEntity, { id: named.id })).toMatchObject({
      name: 'Morning show',
    });
    expect((await create({ name: '   ', cronExpression: '0 9 * * *' })).name).toBeNull();
    const kept = await update(named.id, { isActive: false });
    expect(kept.name).toBe('Morning show');
    const renamed = await update(named.id, { name: 'Breakfast' });
    expect(renamed.name).toBe('Breakfast');
    const cleared = await update(named.id, { name: null });
    expect(cleared.name).toBeNull();
  });

  it('refuses a name over 100 characters or with a line break, naming name', async () => {
    await invalid('schedules.create', { ...base, name: 'x'.repeat(101) }, 'name');
    await invalid('schedules.create', { ...base, name: 'a\nb' }, 'name');
  });
});

describe('overlapping schedules of one stream', () => {
  const warnings = () => t.logs.filter((e) => e.level === 'warn').map((e) => e.message);

  it('saves them, and warns (once per save) naming the other schedule and the first overlap', async () => {
    await create({ name: 'Breakfast', cronExpression: '0 7 * * *', durationMinutes: 120 });
    const special = await create({
      name: 'Special',
      cronExpression: '30 8 * * *',
      durationMinutes: 60,
    });
    expect(special.id).toEqual(expect.any(String));
    expect(warnings()).toEqual([
      expect.stringMatching(
        /^The schedule “Special”: Its runs overlap those of another schedule of this stream \(“Breakfast”\), first on \w{3} \d{1,2} \w{3}, 08:30: both would record/,
      ),
    ]);
    // moved out of the way: no new warning
    await t.invoke('schedules.update', { id: special.id, cronExpression: '0 12 * * *' });
    expect(warnings()).toHaveLength(1);
  });

  it('does not warn about another stream, a paused schedule, or runs that only touch', async () => {
    await create({ cronExpression: '0 7 * * *', durationMinutes: 60 });
    await create({ streamId: 'stream-2', cronExpression: '0 7 * * *', durationMinutes: 60 });
    await create({ cronExpression: '0 7 * * *', durationMinutes: 60, isActive: false });
    await create({ cronExpression: '0 8 * * *', durationMinutes: 60 });
    expect(warnings()).toEqual([]);
  });
});

describe('schedules.update', () => {
  it('changes only the fields given and re-arms', async () => {
    const dto = await create({ padBeforeSeconds: 30 });
    t.clock.advance(60_000);
    const paused = await update(dto.id, { isActive: false });
    expect(paused).toMatchObject({
      isActive: false,
      padBeforeSeconds: 30,
      cronExpression: '0 6 * * 1-5',
      nextRunTime: null,
      createdAt: stamp,
      updatedAt: new Date(TEST_NOW + 60_000).toISOString(),
    });
    expect(t.reloads).toEqual([dto.id, dto.id]);
    // the log names the schedule by its stream and times, in words (not its id, not isActive)
    const line = t.logs[t.logs.length - 1]!.message;
    expect(line).toMatch(/^The schedule of “[^”]+” \(0 6 \* \* 1-5\) turned off\.$/);
    expect(line).not.toContain(dto.id);
    const moved = await update(dto.id, {
      streamId: 'stream-2',
      cronExpression: '15 8 * * *',
      timezone: 'Europe/Berlin',
      durationMinutes: 30,
      isActive: true,
    });
    expect(moved).toMatchObject({
      streamId: 'stream-2',
      cronExpression: '15 8 * * *',
      timezone: 'Europe/Berlin',
      durationMinutes: 30,
      isActive: true,
      padBeforeSeconds: 30,
    });
    const back = await update(dto.id, { timezone: null });
    expect(back.timezone).toBeNull();
  });

  it('refuses bad input and changes nothing', async () => {
    const dto = await create({ timezone: 'Europe/Berlin' });
    await refused('schedules.update', { id: 'nope', isActive: false }, 'NOT_FOUND', 'id');
    const changes: [field: string, change: Record<string, unknown>][] = [
      ['streamId', { streamId: 'nope' }],
      ['cronExpression', { cronExpression: '99 * * * *' }],
      ['timezone', { timezone: 'Nowhere/Land' }],
      ['durationMinutes', { durationMinutes: 0 }],
      ['maxRetries', { maxRetries: 'many' }],
      ['isActive', { isActive: 1 }],
    ];
    for (const [field, change] of changes) {
      await invalid('schedules.update', { id: dto.id, ...change }, field);
    }
    await invalid('schedules.update', { isActive: false }, 'id');
  });

  it('refuses a change that makes the runs overlap: a longer duration or a denser expression', async () => {
    const dto = await create({ cronExpression: '0 */2 * * *', durationMinutes: 120 });
    const longer = await invalid(
      'schedules.update',
      { id: dto.id, durationMinutes: 121 },
      'durationMinutes',
    );
    expect(longer.message).toMatch(/: 2 hours \(from 00:00 to 02:00\)/);
    await invalid(
      'schedules.update',
      { id: dto.id, cronExpression: '0 * * * *' },
      'durationMinutes',
    );
    // both at once is fine
    expect(
      await update(dto.id, { cronExpression: '0 * * * *', durationMinutes: 60 }),
    ).toMatchObject({ cronExpression: '0 * * * *', durationMinutes: 60 });
  });

  it('a stored schedule with a seconds field (from before the 5-field rule): saving it asks for 5 fields', async () => {
    const legacy = await seedSchedule(t.db, {
      streamId: 'stream-1',
      cronExpression: '0 30 6 * * *',
    });
    const error = await invalid(
      'schedules.update',
      { id: legacy.id, durationMinutes: 30 },
      'cronExpression',
    );
    expect(error.message).toMatch(/"0 30 6 \* \* \*" has 6 fields.*write it as "30 6 \* \* \*"/);
    expect(
      await update(legacy.id, { cronExpression: '30 6 * * *', durationMinutes: 30 }),
    ).toMatchObject({ cronExpression: '30 6 * * *', durationMinutes: 30 });
  });
});

describe('schedules.delete', () => {
  it('deletes, keeps its sessions (scheduleId becomes null) and re-arms', async () => {
    const dto = await create();
    const session = await seedSession(t, { streamId: 'stream-1', scheduleId: dto.id }, false);
    expect(await t.invoke('schedules.delete', { id: dto.id })).toBeUndefined();
    expect(t.reloads).toEqual([dto.id, dto.id]);
    expect(await t.db.reader.countBy(ScheduleEntity, {})).toBe(0);
    expect(await t.db.reader.findOneByOrFail(SessionEntity, { id: session.id })).toMatchObject({
      scheduleId: null,
    });
    await refused('schedules.delete', { id: dto.id }, 'NOT_FOUND', 'id');
  });
});

describe('with the real scheduler', () => {
  /** The real scheduler over the test's database, in `timeZone`, started and set in the context. */
  async function startScheduler(timeZone: string): Promise<Scheduler> {
    const scheduler = new Scheduler({
      db: t.db,
      sessions: t.ctx.sessions,
      events: t.ctx.events,
      clock: t.clock,
      logger: memoryLogger(),
      runtime: t.ctx.runtime,
      timeZone,
      gate: new RecordingGate(t.ctx.recordNow, () => t.ctx.runtime.get().maxConcurrentRecordings),
    });
    t.ctx.scheduler = scheduler;
    await scheduler.start();
    return scheduler;
  }

  it('answers nextRunTime at once, in the schedule zone; null when paused', async () => {
    const scheduler = await startScheduler(t.ctx.settings.timeZone);
    try {
      const dto = await create({ cronExpression: '0 6 * * *', timezone: 'Europe/Berlin' });
      // TEST_NOW is 2026-11-24 06:00 UTC = 07:00 in Berlin
      expect(dto.nextRunTime).toBe('2026-11-25T05:00:00.000Z');
      const listed = (await t.invoke('schedules.list', {})) as ListResult<ScheduleDto>;
      expect(listed.items[0]!.nextRunTime).toBe('2026-11-25T05:00:00.000Z');
      const edited = await update(dto.id, { timezone: 'America/New_York' });
      expect(edited.nextRunTime).toBe('2026-11-24T11:00:00.000Z');
      const paused = await update(dto.id, { isActive: false });
      expect(paused.nextRunTime).toBeNull();
      expect(scheduler.nextRunTime(dto.id)).toBeNull();
      await t.invoke('schedules.update', { id: dto.id, isActive: true });
      expect(scheduler.nextRunTime(dto.id)).toBe('2026-11-24T11:00:00.000Z');
      await t.invoke('schedules.delete', { id: dto.id });
      expect(scheduler.nextRunTime(dto.id)).toBeNull();
    } finally {
      await scheduler.stop();
    }
  });
  it('keeps running a stored schedule with a seconds field (from before the 5-field rule)', async () => {
    const legacy = await seedSchedule(t.db, {
      streamId: 'stream-1',
      cronExpression: '30 0 6 * * *',
    });
    const scheduler = await startScheduler('UTC');
    try {
      // TEST_NOW is 2026-11-24 06:00 UTC: the next 06:00:30 is in 30 s, at its second
      expect(scheduler.nextRunTime(legacy.id)).toBe('2026-11-24T06:00:30.000Z');
      expect(await t.invoke('schedules.get', { id: legacy.id })).toMatchObject({
        cronExpression: '30 0 6 * * *',
        nextRunTime: '2026-11-24T06:00:30.000Z',
      });
    } finally {
      await scheduler.stop();
    }
  });
});
