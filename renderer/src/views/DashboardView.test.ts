// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionDto } from '@contract';
import { mountPage } from '../components/schedule-editor/test-mount';
import { pageTest } from '../testing/page';
import { useSessionsStore } from '../stores/sessions';
import { useSystemStore } from '../stores/system';
import DashboardView from './DashboardView.vue';

const app = pageTest();

beforeEach(() => {
  app.client.list('streams.list', () => [{ id: 'st-1', name: 'Morning Show' }]);
  app.client.list('schedules.list', () => []);
});

describe('DashboardView', () => {
  it('shows what records, the health, the alerts and the next runs at a glance', async () => {
    const sessions = useSessionsStore();
    sessions.apply({
      id: 'failed-1',
      streamId: 'st-1',
      scheduleId: null,
      status: 'FAILED',
      transferStatus: 'SKIPPED',
      startTime: '2026-11-24T06:00:00.000Z',
      errorMessage: 'The stream could not be reached.',
      attempts: 0,
      gaps: [],
    } as unknown as SessionDto);
    sessions.loaded = true;
    useSystemStore().status = {
      version: '1.0.0',
      uptimeSeconds: 60,
      ffmpeg: { path: '/usr/bin/ffmpeg', version: '6.1' },
      disk: { path: '/data', freeBytes: 50e9, totalBytes: 100e9 },
      memory: { rssBytes: 1 },
      activeRecordings: 0,
      maxConcurrentRecordings: 3,
    } as never;
    const page = app.keep(await mountPage(DashboardView, '/', app.pinia));
    await flushPromises();
    const w = page.wrapper;
    const cards = w.findAll('[data-testid$="-card"]').map((c) => c.attributes('data-testid'));
    // the main column, then the health column (a phone shows health right after "Recording now")
    expect(cards).toEqual([
      'in-progress-card',
      'next-runs-card',
      'recent-card',
      'system-card',
      'alerts-card',
    ]);
    expect(w.get('[data-testid="ffmpeg"]').text()).toContain('6.1');
    expect(w.get('[data-testid="disk"]').text()).toContain('50 GB free of 100 GB');
    expect(w.get('[data-testid="alert-item"]').attributes('data-session-id')).toBe('failed-1');
    expect(w.get('[data-testid="next-runs-empty"]').text()).toContain('Nothing is scheduled yet');
  });

  it('"Recent recordings" counts what it lists: not the one still recording', async () => {
    const sessions = useSessionsStore();
    const base = { streamId: 'st-1', scheduleId: null, attempts: 1, gaps: [], errorMessage: null };
    sessions.apply({
      ...base,
      id: 'done-1',
      status: 'COMPLETED',
      transferStatus: 'SKIPPED',
      startTime: '2026-11-24T06:00:00.000Z',
    } as unknown as SessionDto);
    sessions.apply({
      ...base,
      id: 'live-1',
      status: 'RECORDING',
      transferStatus: 'PENDING',
      startTime: '2026-11-24T08:00:00.000Z',
    } as unknown as SessionDto);
    sessions.total = 2;
    sessions.loaded = true;
    const page = app.keep(await mountPage(DashboardView, '/', app.pinia));
    await flushPromises();
    const w = page.wrapper;
    expect(w.findAll('[data-testid="recent-session"]')).toHaveLength(1);
    expect(w.get('[data-testid="recent-count"]').text()).toBe('1 in all All recordings');
  });
});
