// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionDto } from '@contract';
import type { AlertPayload } from '@contract/alerts';
import { useSessionsStore } from '../stores/sessions';
import { pageTest } from '../testing/page';
import AlertsCard from './AlertsCard.vue';
import { mountPage } from './schedule-editor/test-mount';
import { deadAirMorningShow, sessionDto } from '@contract/testing/session-fixtures';

function session(id: string, patch: Partial<SessionDto> = {}): SessionDto {
  return sessionDto({
    id,
    streamId: 'st-1',
    status: 'COMPLETED',
    transferStatus: 'COMPLETED',
    plannedDurationSeconds: 60,
    durationSeconds: 60,
    ...patch,
  });
}

const app = pageTest();
let recent: AlertPayload[] = [];

beforeEach(() => {
  app.client.handle('streams.list', () => ({
    items: [{ id: 'st-1', name: 'Morning Show' }],
    total: 1,
  }));
  app.client.handle('alerts.recent', () => ({ items: recent, total: recent.length }));
});

afterEach(() => {
  recent = [];
});

async function open(sessions: SessionDto[]) {
  const store = useSessionsStore();
  sessions.forEach((s) => store.apply(s));
  store.loaded = true;
  const page = app.keep(await mountPage(AlertsCard, '/', app.pinia));
  await flushPromises();
  return { w: page.wrapper, store };
}

describe('AlertsCard', () => {
  it('lists failed sessions and failed or retrying deliveries, newest first, linked to each', async () => {
    const { w } = await open([
      session('ok'),
      session('recording', { status: 'RECORDING', transferStatus: 'PENDING' }),
      session('waiting', { transferStatus: 'PENDING', attempts: 0 }),
      session('no-destination', { transferStatus: 'SKIPPED' }),
      session('missed', {
        status: 'FAILED',
        transferStatus: 'SKIPPED',
        startTime: '2026-11-24T09:00:00.000Z',
        errorMessage: 'Missed: the app was off.',
        stopReason: 'missed',
      }),
      session('broken', {
        status: 'FAILED',
        startTime: '2026-11-24T08:00:00.000Z',
        errorMessage: 'The stream could not be reached.',
      }),
      session('undelivered', {
        transferStatus: 'FAILED',
        startTime: '2026-11-24T07:00:00.000Z',
        attempts: 10,
        errorMessage: 'Transfer failed: refused.',
      }),
      session('retrying', {
        transferStatus: 'PENDING',
        startTime: '2026-11-24T06:30:00.000Z',
        attempts: 2,
        errorMessage: 'Transfer attempt 2 failed: timeout. It is tried again automatically.',
      }),
    ]);
    const items = w.findAll('[data-testid="alert-item"]');
    expect(items.map((i) => [i.attributes('data-session-id'), i.attributes('data-kind')])).toEqual([
      ['missed', 'missed'],
      ['broken', 'failed'],
      ['undelivered', 'transfer-failed'],
      ['retrying', 'transfer-retry'],
    ]);
    expect(items[3]!.text()).toContain('Delivery retrying');
    expect(items[3]!.text()).toContain('Transfer attempt 2 failed: timeout.');
    expect(items[1]!.get('[data-testid="alert-link"]').attributes('href')).toBe(
      '/recordings?session=broken',
    );
    expect(w.get('[data-testid="alerts-all-failed"]').attributes('href')).toBe(
      '/recordings?status=FAILED',
    );
  });

  it('lists a recording that holds dead air, saying how much of its window was silent', async () => {
    const { w } = await open([
      session('quiet', deadAirMorningShow()),
      // silences, but none long enough to be dead air: not a problem
      session('short', { silences: [{ at: '2026-11-24T06:10:00.000Z', seconds: 20 }] }),
    ]);
    const items = w.findAll('[data-testid="alert-item"]');
    expect(items.map((i) => [i.attributes('data-session-id'), i.attributes('data-kind')])).toEqual([
      ['quiet', 'dead-air'],
    ]);
    expect(items[0]!.text()).toContain('Dead air');
    expect(items[0]!.text()).toContain('2026-11-24 Morning Show');
    expect(items[0]!.text()).toMatch(
      /\d\d:\d\d–\d\d:\d\d: 12 min of silence \(10 % of the window\), longest 8 min at \d\d:\d\d\./,
    );
    // a recorded session is not a failure: no "All failed" link for it
    expect(w.find('[data-testid="alerts-all-failed"]').exists()).toBe(false);
  });

  it('follows the sessions live: a delivery that goes through leaves the list', async () => {
    const retrying = session('retrying', { transferStatus: 'PENDING', attempts: 1 });
    const { w } = await open([retrying]);
    expect(w.findAll('[data-testid="alert-item"]')).toHaveLength(1);
    // as the sessions store applies the server's `session` event
    useSessionsStore().apply({ ...retrying, transferStatus: 'COMPLETED', attempts: 2 });
    await flushPromises();
    expect(w.findAll('[data-testid="alert-item"]')).toHaveLength(0);
    expect(w.get('[data-testid="alerts-empty"]').text()).toContain('No problems');
    // a success state: a tick, not the empty-inbox icon
    expect(w.find('[data-testid="alerts-ok-icon"]').exists()).toBe(true);
  });

  it('lists pre-flight failures and a low disk (the alerts no session shows), live, newest first', async () => {
    recent = [
      {
        event: 'disk.low',
        at: '2026-11-24T05:00:00.000Z',
        message: 'Only 200 MB free for /rec (less than 500 MB): recordings may fail.',
      },
      {
        event: 'recording.failed',
        at: '2026-11-24T05:30:00.000Z',
        message: 'shown from its session, not from the alert',
      },
    ];
    const { w } = await open([
      session('broken', {
        status: 'FAILED',
        startTime: '2026-11-24T06:00:00.000Z',
        errorMessage: 'The stream could not be reached.',
      }),
    ]);
    const kinds = () =>
      w.findAll('[data-testid="alert-item"]').map((i) => i.attributes('data-kind'));
    expect(kinds()).toEqual(['failed', 'disk-low']);
    expect(w.text()).not.toContain('shown from its session');

    // as the server's `alert` event arrives
    app.client.emit('alert', {
      event: 'preflight.failed',
      at: '2026-11-24T06:50:00.000Z',
      message: 'Morning Show starts at 07:00: the stream answers 404.',
      stream: { id: 'st-1', name: 'Morning Show' },
    });
    await flushPromises();
    expect(kinds()).toEqual(['preflight-failed', 'failed', 'disk-low']);
    const check = w.findAll('[data-testid="alert-item"]')[0]!;
    expect(check.text()).toContain('Check failed');
    expect(check.text()).toContain('Morning Show starts at 07:00: the stream answers 404.');
    expect(check.get('[data-testid="alert-link"]').attributes('href')).toBe('/streams');
  });
});
