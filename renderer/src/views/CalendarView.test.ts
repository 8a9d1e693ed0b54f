// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalendarDto, CalendarRunDto } from '@contract/operations';
import { byTestId, click, mountInProviders, pageTest } from '../testing/page';
import CalendarView from './CalendarView.vue';

vi.mock('../cron/time-zones', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../cron/time-zones')>()),
  browserTimeZone: () => 'UTC',
}));

const NOW = Date.parse('2026-11-24T08:00:00.000Z');
const TOKEN = 'T'.repeat(32);

function run(title: string, streamName: string, start: string): CalendarRunDto {
  const end = new Date(Date.parse(start) + 3_600_000).toISOString();
  return {
    scheduleId: `sch-${title}`,
    streamId: 'st-1',
    title,
    streamName,
    scheduledAt: start,
    start,
    end,
    sameStreamClash: false,
    overLimit: false,
  };
}

const app = pageTest();

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  const calendar: CalendarDto = {
    from: new Date(NOW).toISOString(),
    to: new Date(NOW + 7 * 86_400_000).toISOString(),
    timezone: 'UTC',
    maxConcurrentRecordings: 2,
    truncated: false,
    items: [
      run('Breakfast', 'Radio One', '2026-11-24T10:00:00.000Z'),
      run('Radio Two', 'Radio Two', '2026-11-24T12:00:00.000Z'),
    ],
  };
  app.client.handle('calendar.upcoming', () => calendar);
  app.client.handle('feeds.list', () => ({
    items: [],
    total: 0,
    scheduleUrl: `/feeds/${TOKEN}/schedule.ics`,
  }));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function open() {
  const wrapper = app.keep(mountInProviders(CalendarView, [app.pinia]));
  await flushPromises();
  await flushPromises();
  return wrapper;
}

describe('Calendar page', () => {
  it('calls a run by its schedule’s name, with the stream beside it when they differ', async () => {
    const w = await open();
    const runs = w.findAll('[data-testid="calendar-run"]').map((r) => r.text());
    expect(runs).toHaveLength(2);
    expect(runs[0]).toContain('Breakfast');
    expect(runs[0]).toContain('Radio One');
    // a run without a schedule name says its stream's name once
    expect(runs[1]!.match(/Radio Two/g)).toHaveLength(1);
  });

  it('shows the calendar feed’s address on this server and copies it', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await open();
    const url = `${window.location.origin}/feeds/${TOKEN}/schedule.ics`;
    expect(byTestId('calendar-feed-url').textContent).toBe(url);
    await click('calendar-feed-copy');
    expect(writeText).toHaveBeenCalledWith(url);
  });

  it('says so when the address cannot be read', async () => {
    app.client.handle('feeds.list', () => {
      throw new Error('offline');
    });
    await open();
    expect(byTestId('calendar-feed-error').textContent).toContain(
      'The calendar address could not be read',
    );
  });
});
