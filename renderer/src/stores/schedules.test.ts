import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionDto } from '@contract';
import type { ScheduleDto } from '@contract/operations';
import { ApiError } from '../api/api-error';
import type { FakeClient } from '../testing/fake-client';
import { storeTest } from '../testing/store-test';
import { UPCOMING_FIRST_COUNT, useSchedulesStore } from './schedules';
import { sessionDto } from '@contract/testing/session-fixtures';
import { scheduleDto } from '@contract/testing/schedule-fixtures';

function schedule(id: string, patch: Partial<ScheduleDto> = {}): ScheduleDto {
  return scheduleDto(id, {
    streamId: 'stream-1',
    cronExpression: '0 6 * * *',
    timezone: 'Europe/Berlin',
    nextRunTime: '2026-11-25T05:00:00.000Z',
    ...patch,
  });
}

function session(id: string, patch: Partial<SessionDto> = {}): SessionDto {
  return sessionDto({ id, status: 'RECORDING', plannedDurationSeconds: 60, ...patch });
}

const NOW = Date.parse('2026-11-24T06:00:00.000Z');
const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();

const app = storeTest();
let client: FakeClient;
let listed: ScheduleDto[];

beforeEach(() => {
  client = app.client;
  listed = [schedule('a'), schedule('b', { streamId: 'stream-2', isActive: false })];
  client.handle('schedules.list', () => ({ items: listed, total: listed.length }));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('schedules store', () => {
  it('loads the schedules and groups them by stream', async () => {
    const store = useSchedulesStore();
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.items.map((s) => s.id)).toEqual(['a', 'b']);
    expect([...store.byStream.keys()]).toEqual(['stream-1', 'stream-2']);
    expect(store.active.map((s) => s.id)).toEqual(['a']);
  });

  it('keeps the error of a failed load and what it had', async () => {
    const store = useSchedulesStore();
    await store.load();
    client.handle('schedules.list', () => {
      throw new ApiError('NETWORK_ERROR', 'down');
    });
    await store.load();
    expect(store.error).toMatch(/cannot be reached/);
    expect(store.items.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('creates, updates and deletes, keeping the list current', async () => {
    client.handle('schedules.create', (input) =>
      schedule('c', { ...(input as Partial<ScheduleDto>) }),
    );
    client.handle('schedules.update', (input) => ({
      ...listed[0]!,
      ...(input as Partial<ScheduleDto>),
    }));
    client.handle('schedules.delete', () => undefined);
    const store = useSchedulesStore();
    await store.load();

    await store.create({
      streamId: 'stream-2',
      cronExpression: '30 6 * * 1-5',
      timezone: 'Europe/Berlin',
      durationMinutes: 90,
    });
    expect(store.items.map((s) => [s.id, s.cronExpression])).toEqual([
      ['a', '0 6 * * *'],
      ['b', '0 6 * * *'],
      ['c', '30 6 * * 1-5'],
    ]);

    await store.update({ id: 'a', durationMinutes: 30 });
    expect(client.calls.at(-1)).toEqual({
      op: 'schedules.update',
      input: { id: 'a', durationMinutes: 30 },
    });
    expect(store.byId.get('a')?.durationMinutes).toBe(30);
    expect(store.items.map((s) => s.id)).toEqual(['a', 'b', 'c']);

    await store.remove('b');
    expect(client.calls.at(-1)).toEqual({ op: 'schedules.delete', input: { id: 'b' } });
    expect(store.items.map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('a refused create leaves the list as it was and rejects with the field', async () => {
    client.refuse('schedules.create', 'The cron expression "x" is not valid.', 'cronExpression');
    const store = useSchedulesStore();
    await store.load();
    await expect(
      store.create({ streamId: 'stream-1', cronExpression: 'x', durationMinutes: 5 }),
    ).rejects.toMatchObject({ field: 'cronExpression' });
    expect(store.items.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('the active switch moves at once, sends only isActive, and goes back when refused', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    client.handle('schedules.update', async (input) => {
      await gate;
      return { ...listed[0]!, isActive: input.isActive as boolean, nextRunTime: null };
    });
    const store = useSchedulesStore();
    await store.load();
    const pausing = store.setActive('a', false);
    expect(store.byId.get('a')?.isActive).toBe(false);
    expect(store.byId.get('a')?.nextRunTime).toBeNull();
    expect(store.toggling.a).toBe(true);
    release();
    await pausing;
    expect(client.calls.at(-1)).toEqual({
      op: 'schedules.update',
      input: { id: 'a', isActive: false },
    });
    expect(store.toggling.a).toBeUndefined();

    client.handle('schedules.update', () => {
      throw new ApiError('NOT_FOUND', 'Schedule a does not exist.');
    });
    await expect(store.setActive('a', true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.byId.get('a')?.isActive).toBe(false);
  });

  it('asks for the coming week of every active schedule, more runs only when needed', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    listed = [
      schedule('daily', { cronExpression: '0 6 * * *', streamId: 's1' }),
      schedule('often', { cronExpression: '0 */2 * * *', timezone: null, streamId: 's2' }),
      schedule('paused', { isActive: false }),
    ];
    const daily = Array.from({ length: UPCOMING_FIRST_COUNT }, (_, i) =>
      iso(NOW + (i + 1) * 24 * HOUR - HOUR),
    );
    const every2h = (count: number) =>
      Array.from({ length: count }, (_, i) => iso(NOW + (i + 1) * 2 * HOUR));
    client.handle('cron.preview', (input) => ({
      nextRuns: input.expression === '0 6 * * *' ? daily : every2h(input.count as number),
      timezone: (input.timezone as string | undefined) ?? 'UTC',
      warnings: [],
    }));
    const store = useSchedulesStore();
    await store.load();
    await store.loadUpcoming();

    const previews = client.calls.filter((c) => c.op === 'cron.preview').map((c) => c.input);
    expect(previews).toEqual([
      { expression: '0 6 * * *', timezone: 'Europe/Berlin', count: UPCOMING_FIRST_COUNT },
      { expression: '0 */2 * * *', count: UPCOMING_FIRST_COUNT },
      // 8 runs every 2 h end within the week: the most the preview gives
      { expression: '0 */2 * * *', count: 50 },
    ]);
    // daily: 7 of its 8 runs are within 7 days; every 2 h: all 50 (100 h)
    expect(store.upcoming.filter((r) => r.scheduleId === 'daily')).toHaveLength(7);
    expect(store.upcoming.filter((r) => r.scheduleId === 'often')).toHaveLength(50);
    expect(store.upcoming.some((r) => r.scheduleId === 'paused')).toBe(false);
    const times = store.upcoming.map((r) => r.at);
    expect([...times].sort()).toEqual(times);
    expect(store.upcoming[0]).toEqual({
      scheduleId: 'often',
      streamId: 's2',
      at: iso(NOW + 2 * HOUR),
      durationMinutes: 60,
      timezone: null,
    });
  });

  it('leaves out a run that already started (lastRunTime), and tells a failed preview', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    // the session of the 06:00:05 run starts a few seconds early: the run is still ahead
    listed = [
      schedule('a', { lastRunTime: iso(NOW + 5000) }),
      schedule('gone', { cronExpression: '0 7 * * *' }),
    ];
    client.handle('cron.preview', (input) => {
      if (input.expression === '0 7 * * *') throw new ApiError('INTERNAL', 'Preview broke.');
      return { nextRuns: [iso(NOW + 5000), iso(NOW + 24 * HOUR)], timezone: 'UTC', warnings: [] };
    });
    const store = useSchedulesStore();
    await store.load();
    await store.loadUpcoming();
    expect(store.upcoming.map((r) => r.at)).toEqual([iso(NOW + 24 * HOUR)]);
    expect(store.upcomingError).toBe('Preview broke.');
    expect(store.upcomingLoaded).toBe(true);
  });

  it('the upcoming key changes with what changes the runs, not with other edits', async () => {
    const store = useSchedulesStore();
    await store.load();
    const key = store.upcomingKey;
    store.items[0] = { ...store.items[0]!, durationMinutes: 90 };
    expect(store.upcomingKey).toBe(key);
    store.items[0] = { ...store.items[0]!, lastRunTime: '2026-11-24T05:00:00.000Z' };
    expect(store.upcomingKey).not.toBe(key);
    const key2 = store.upcomingKey;
    store.items[1] = { ...store.items[1]!, isActive: true };
    expect(store.upcomingKey).not.toBe(key2);
  });

  it('reloads once shortly after scheduled runs start, and when the event stream reopens', async () => {
    vi.useFakeTimers();
    const store = useSchedulesStore();
    const off = store.subscribe();
    const second = store.subscribe();
    await vi.runAllTimersAsync();
    const lists = () => client.calls.filter((c) => c.op === 'schedules.list').length;
    expect(lists()).toBe(1);

    // a manual recording and a later state of a known run change nothing
    client.emit('session', session('manual'));
    client.emit('session', session('run-1', { scheduleId: 'a', status: 'SCHEDULED' }));
    client.emit('session', session('run-1', { scheduleId: 'a', status: 'RECORDING' }));
    client.emit('session', session('run-2', { scheduleId: 'b', status: 'RECORDING' }));
    await vi.advanceTimersByTimeAsync(299);
    expect(lists()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(lists()).toBe(2);
    client.emit('session', session('run-1', { scheduleId: 'a', status: 'COMPLETED' }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lists()).toBe(2);

    client.setConnection('open');
    await vi.advanceTimersByTimeAsync(0);
    expect(lists()).toBe(3);

    // both subscribers gone: no more reloads
    off();
    off();
    client.emit('session', session('run-3', { scheduleId: 'a' }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lists()).toBe(4);
    second();
    client.emit('session', session('run-4', { scheduleId: 'a' }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lists()).toBe(4);

    // following again while the stream is open (and loaded) loads nothing by itself
    const again = store.subscribe();
    await vi.advanceTimersByTimeAsync(0);
    expect(lists()).toBe(4);
    client.emit('session', session('run-5', { scheduleId: 'a' }));
    await vi.advanceTimersByTimeAsync(300);
    expect(lists()).toBe(5);
    again();
  });
});
