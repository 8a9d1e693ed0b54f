// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionDto } from '@contract';
import type { ScheduleDto } from '@contract/operations';
import { useSchedulesStore } from '../stores/schedules';
import NextRunsCard from './NextRunsCard.vue';
import { mountPage } from './schedule-editor/test-mount';
import { pageTest } from '../testing/page';
import { scheduleDto } from '@contract/testing/schedule-fixtures';

vi.mock('../cron/time-zones', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../cron/time-zones')>()),
  browserTimeZone: () => 'UTC',
}));

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-24T08:00:00.000Z'); // a Tuesday
const iso = (t: number) => new Date(t).toISOString();

function schedule(id: string, patch: Partial<ScheduleDto> = {}): ScheduleDto {
  return scheduleDto(id, {
    cronExpression: '0 11 * * *',
    timezone: 'Europe/Berlin',
    durationMinutes: 90,
    ...patch,
  });
}

const app = pageTest();
let listed: ScheduleDto[];

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  app.client.list('streams.list', () => [
    { id: 'st-1', name: 'Morning Show' },
    { id: 'st-2', name: 'Jazz Night' },
  ]);
  listed = [
    // 11:00 in Berlin is 10:00 UTC: daily, the first one today
    schedule('daily'),
    // Fridays 22:00 UTC, in the server's zone
    schedule('friday', { streamId: 'st-2', cronExpression: '0 22 * * 5', timezone: null }),
    schedule('paused', { isActive: false, cronExpression: '0 9 * * *' }),
  ];
  app.client.list('schedules.list', () => listed);
  app.client.handle('cron.preview', (input) => {
    const count = input.count as number;
    const runs =
      input.expression === '0 22 * * 5'
        ? [iso(Date.parse('2026-11-27T22:00:00.000Z')), iso(Date.parse('2026-12-04T22:00:00Z'))]
        : Array.from({ length: count }, (_, i) => iso(NOW + 2 * HOUR + i * 24 * HOUR));
    return { nextRuns: runs.slice(0, count), timezone: input.timezone ?? 'UTC', warnings: [] };
  });
});

afterEach(() => {
  vi.useRealTimers();
});

async function open() {
  const page = app.keep(await mountPage(NextRunsCard, '/', app.pinia));
  await flushPromises();
  await flushPromises();
  return page.wrapper;
}

const previews = () => app.client.calls.filter((c) => c.op === 'cron.preview').map((c) => c.input);
const items = (w: VueWrapper, group: string) =>
  w.findAll(`[data-testid="next-runs-${group}"] [data-testid="next-run-item"]`);

describe('NextRunsCard', () => {
  it('lists the runs of the active schedules: today, then the rest of the week', async () => {
    const w = await open();
    expect(previews()).toEqual([
      { expression: '0 11 * * *', timezone: 'Europe/Berlin', count: 8 },
      { expression: '0 22 * * 5', count: 8 },
    ]);
    const today = items(w, 'today');
    expect(today.map((i) => i.attributes('data-at'))).toEqual(['2026-11-24T10:00:00.000Z']);
    expect(today[0]!.text()).toContain('Morning Show');
    expect(today[0]!.text()).toContain('1 h 30 min');
    // on the schedule's clock too, since Berlin reads differently from the user's UTC
    expect(today[0]!.text()).toMatch(/11:00/);
    const week = items(w, 'week');
    // 6 more daily runs within 7 days (8 shown at most) and Friday's
    expect(week.map((i) => i.attributes('data-schedule-id'))).toEqual([
      'daily',
      'daily',
      'daily',
      'friday',
      'daily',
      'daily',
      'daily',
    ]);
    expect(week[3]!.text()).toContain('Jazz Night');
    expect(w.text()).not.toContain('paused');
  });

  it('asks again when a schedule changes, and when a scheduled run starts', async () => {
    const w = await open();
    const before = previews().length;
    app.client.handle('schedules.update', (input) => ({ ...listed[1]!, ...input }));
    await useSchedulesStore().update({ id: 'friday', isActive: false });
    await flushPromises();
    expect(previews().length).toBe(before + 1);
    expect(previews().at(-1)?.expression).toBe('0 11 * * *');
    expect(w.findAll('[data-schedule-id="friday"]')).toHaveLength(0);

    // the 10:00 run starts (a few seconds early): its schedule notes it as its last run
    listed = [schedule('daily', { lastRunTime: '2026-11-24T10:00:00.000Z' })];
    const started: Partial<SessionDto> = { id: 'run-1', scheduleId: 'daily', status: 'RECORDING' };
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    app.client.emit('session', started as SessionDto);
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    expect(app.client.calls.filter((c) => c.op === 'schedules.list').length).toBeGreaterThan(1);
    expect(previews().length).toBe(before + 2);
    expect(items(w, 'today')).toHaveLength(0);
    expect(items(w, 'week')[0]!.attributes('data-at')).toBe('2026-11-25T10:00:00.000Z');
  });

  it('says what to do without schedules', async () => {
    listed = [];
    const w = await open();
    expect(w.get('[data-testid="next-runs-empty"]').text()).toContain('Nothing is scheduled yet');
    expect(w.text()).toContain('Add a schedule');
    expect(previews()).toEqual([]);
  });
});
