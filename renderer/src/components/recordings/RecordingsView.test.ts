// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Router } from 'vue-router';
import type { LogEntry, SessionDto } from '@contract';
import { sessionMatchesFilters as matchesFilters } from '@contract/operations';
import { newestFirst } from '../../stores/session-order';
import { openRoute, pageTest } from '../../testing/page';
import RecordingsView from '../../views/RecordingsView.vue';
import { testRouter } from '../schedule-editor/test-mount';
import { sessionDto } from '@contract/testing/session-fixtures';

function session(id: string, patch: Partial<SessionDto> = {}): SessionDto {
  return sessionDto({
    id,
    status: 'COMPLETED',
    transferStatus: 'SKIPPED',
    endTime: '2026-11-24T07:00:00.000Z',
    durationSeconds: 3600,
    ...patch,
  });
}

const app = pageTest();
let stored: SessionDto[];
let logLines: LogEntry[];
let router: Router;

beforeEach(() => {
  stored = [
    session('kept', {
      title: '2026-11-24 Morning Show',
      outputFilePath: '/recordings/2026-11-24 Morning Show.mp3',
      fileSizeBytes: 57_600_000,
      gaps: [{ at: '2026-11-24T06:10:00.000Z', seconds: 4 }],
    }),
    session('failed', {
      startTime: '2026-11-23T06:00:00.000Z',
      status: 'FAILED',
      errorMessage: 'Missed: the app was not running.',
      stopReason: 'missed',
    }),
  ];
  logLines = [
    {
      time: '2026-11-24T06:00:01.000Z',
      level: 'info',
      message: 'Recording started.',
      sessionId: 'kept',
    },
  ];
  app.client.handle('streams.list', () => ({
    items: [{ id: 'stream-1', name: 'Radio One' }],
    total: 1,
  }));
  app.client.handle('sessions.list', (input) => {
    const all = stored
      .filter((s) =>
        matchesFilters(s, {
          ...(input.status ? { status: input.status as SessionDto['status'] } : {}),
          ...(input.delivery ? { delivery: input.delivery as 'failing' } : {}),
        }),
      )
      .sort(newestFirst);
    return { items: all, total: all.length };
  });
  app.client.handle('sessions.get', (input) => {
    const found = stored.find((s) => s.id === input.id);
    if (!found) throw new Error('not found');
    return found;
  });
  app.client.handle('logs.list', (input) => ({
    items: logLines.filter((l) => l.sessionId === input.sessionId).reverse(),
  }));
  router = testRouter(RecordingsView, '/recordings');
});

async function open(path: string) {
  app.keep(await openRoute(router, path));
}

const rows = () => [...document.querySelectorAll('[data-testid="recording-row"]')];
const row = (id: string) =>
  document.querySelector(`[data-testid="recording-row"][data-session-id="${id}"]`);
const q = (selector: string) => document.querySelector(selector);

describe('RecordingsView', () => {
  it('lists the sessions newest first, with status, size and actions', async () => {
    await open('/recordings');
    expect(rows().map((r) => r.getAttribute('data-session-id'))).toEqual(['kept', 'failed']);
    const kept = row('kept')!;
    expect(kept.textContent).toContain('2026-11-24 Morning Show');
    expect(kept.textContent).toContain('58 MB');
    expect(kept.querySelector('[data-testid="recording-download"]')?.getAttribute('href')).toBe(
      '/api/sessions/kept/audio',
    );
    // no local file: nothing to play or download
    expect(row('failed')!.querySelector('[data-testid="recording-download"]')).toBeNull();
    expect(q('[data-testid="recordings-count"]')?.textContent).toContain('2 recordings');
  });

  it('?status=FAILED sets the status filter: the list asks for it and shows it', async () => {
    await open('/recordings?status=FAILED');
    expect(app.client.calls.find((c) => c.op === 'sessions.list')?.input).toMatchObject({
      status: 'FAILED',
    });
    expect(rows().map((r) => r.getAttribute('data-session-id'))).toEqual(['failed']);
    expect(q('[data-testid="filter-status"]')?.textContent).toContain('Failed');
    // the select's focusable part is named for screen readers
    const focusable = q('[data-testid="filter-status"] [tabindex="0"]');
    expect(focusable?.getAttribute('aria-label')).toBe('Status');
    const days = [...document.querySelectorAll('[data-testid="filter-dates"] input')];
    expect(days.map((input) => input.getAttribute('aria-label'))).toEqual([
      'Started on: first day',
      'Started on: last day',
    ]);
  });

  it('?delivery=failing lists the transfers that keep failing, coloured as a problem', async () => {
    stored.push(
      session('stuck', {
        transferStatus: 'PENDING',
        attempts: 6,
        outputFilePath: '/recordings/stuck.mp3',
        nextTransferAt: new Date(Date.now() + 3 * 60_000 + 500).toISOString(),
        errorMessage:
          'Transfer attempt 6 failed: connect ECONNREFUSED. It is tried again automatically.',
      }),
      session('retry', { transferStatus: 'PENDING', attempts: 1 }),
    );
    await open('/recordings?delivery=failing');
    expect(app.client.calls.find((c) => c.op === 'sessions.list')?.input).toMatchObject({
      delivery: 'failing',
    });
    expect(rows().map((r) => r.getAttribute('data-session-id'))).toEqual(['stuck']);
    expect(q('[data-testid="filter-delivery"]')?.textContent).toContain('Transfer keeps failing');
    const tag = row('stuck')!.querySelector('[data-testid="transfer-status"]')!;
    expect(tag.textContent?.trim()).toBe('Transfer keeps failing');
    expect(tag.getAttribute('data-type')).toBe('error');
    // its detail says when the next attempt is, as people say it (never ISO text)
    (row('stuck')!.querySelector('[data-testid="recording-open"]') as HTMLElement).click();
    await flushPromises();
    expect(q('[data-testid="recording-next-transfer"]')?.textContent).toMatch(/next in 3 min/);
    expect(q('[data-testid="recording-detail"]')?.textContent).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('a transfer retried once is routine (not red)', async () => {
    stored.push(session('retry', { transferStatus: 'PENDING', attempts: 1 }));
    await open('/recordings');
    const tag = row('retry')!.querySelector('[data-testid="transfer-status"]')!;
    expect(tag.textContent?.trim()).toBe('Transfer retrying');
    expect(tag.getAttribute('data-type')).toBe('warning');
  });

  it('a session event moves a row from RECORDING to COMPLETED, live', async () => {
    stored.unshift(
      session('live', {
        status: 'RECORDING',
        transferStatus: 'PENDING',
        startTime: '2026-11-25T06:00:00.000Z',
        endTime: null,
        durationSeconds: null,
      }),
    );
    await open('/recordings');
    expect(row('live')?.getAttribute('data-status')).toBe('RECORDING');
    expect(row('live')?.querySelector('[data-testid="recording-progress"]')).not.toBeNull();
    app.client.emit('session', { ...stored[0]!, status: 'COMPLETED', transferStatus: 'COMPLETED' });
    await flushPromises();
    expect(row('live')?.getAttribute('data-status')).toBe('COMPLETED');
    expect(row('live')?.getAttribute('data-transfer-status')).toBe('COMPLETED');
    expect(row('live')?.querySelector('[data-testid="recording-progress"]')).toBeNull();
  });

  it('a transfer-progress event moves the bar to bytes of total', async () => {
    stored[0] = { ...stored[0]!, transferStatus: 'IN_PROGRESS' };
    await open('/recordings');
    expect(row('kept')?.querySelector('[data-testid="transfer-bytes"]')?.textContent).toContain(
      'Transferring…',
    );
    app.client.emit('transfer-progress', {
      sessionId: 'kept',
      bytes: 14_400_000,
      totalBytes: 57_600_000,
    });
    await flushPromises();
    const bar = row('kept')!.querySelector('[data-testid="transfer-progress"]')!;
    expect(bar.getAttribute('data-bytes')).toBe('14400000');
    expect(
      bar.querySelector('[data-testid="transfer-bytes"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('14 MB of 58 MB (25%)');
    expect(bar.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('25');
  });

  it('?session=<id> opens its detail: player, facts, gaps and live log lines', async () => {
    await open('/recordings?session=kept');
    const detail = q('[data-testid="recording-detail"]');
    expect(detail?.getAttribute('data-session-id')).toBe('kept');
    const audio = q('[data-testid="recording-audio"]') as HTMLAudioElement | null;
    expect(audio?.getAttribute('src')).toBe('/api/sessions/kept/audio');
    expect(audio?.getAttribute('preload')).toBe('none');
    expect(q('[data-testid="recording-marks"]')?.textContent).toContain('4 s without audio');
    const lines = () =>
      [
        ...document.querySelectorAll('[data-testid="recording-detail"] [data-testid="log-line"]'),
      ].map((l) => l.textContent);
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toContain('Recording started.');
    app.client.emit('log', {
      time: '2026-11-24T07:00:02.000Z',
      level: 'info',
      message: 'Saved as MP3.',
      sessionId: 'kept',
    });
    app.client.emit('log', {
      time: '2026-11-24T07:00:03.000Z',
      level: 'info',
      message: 'Someone else.',
      sessionId: 'failed',
    });
    await flushPromises();
    expect(lines()).toHaveLength(2);
    expect(lines()[1]).toContain('Saved as MP3.');
  });

  it('opening a row puts ?session=<id> in the URL; closing takes it out', async () => {
    await open('/recordings?status=FAILED');
    (row('failed')!.querySelector('[data-testid="recording-open"]') as HTMLElement).click();
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ status: 'FAILED', session: 'failed' });
    expect(q('[data-testid="recording-detail"]')?.getAttribute('data-session-id')).toBe('failed');
    // no MP3 of a missed run: it says so and what to do
    expect(q('[data-testid="recording-audio"]')).toBeNull();
    expect(q('[data-testid="recording-next-step"]')?.textContent).toContain('Keep the app running');
    (q('[data-testid="recording-detail-close"]') as HTMLElement).click();
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ status: 'FAILED' });
  });

  it('a failed recording with no audio says so: no "no gaps", no "Partial: no", ffmpeg in plain words', async () => {
    const raw =
      'No audio was received from http://127.0.0.1:18890/live during the whole window (4 attempts). Last error: ffmpeg ended (exit code 1): [tcp @ 0x55aa] Connection to tcp://127.0.0.1:18890 failed: Connection refused. Check the stream URL and that the station is on air.';
    stored.push(
      session('dead', {
        startTime: '2026-11-22T06:00:00.000Z',
        status: 'FAILED',
        transferStatus: 'SKIPPED',
        durationSeconds: null,
        errorMessage: raw,
        stopReason: 'source-failed',
      }),
    );
    await open('/recordings?session=dead');
    const detail = q('[data-testid="recording-detail"]')!;
    expect(detail.textContent).not.toContain('without interruption');
    expect(q('[data-testid="recording-no-gaps"]')?.textContent).toContain('No audio was received');
    expect(q('[data-testid="recording-partial"]')?.textContent).toBe('Nothing was recorded');
    // the button is named as it is in the stream editor
    expect(q('[data-testid="recording-next-step"]')?.textContent).toContain('“Test stream”');
    expect(q('[data-testid="recording-next-step"]')?.textContent).not.toContain('Probe');
    const message = q('[data-testid="recording-error-message"]')!;
    expect(message.querySelector('[data-testid="plain-summary"]')?.textContent).toContain(
      'Last error: Could not connect to 127.0.0.1:18890: connection refused.',
    );
    expect(message.textContent).not.toContain('[tcp @');
    (message.querySelector('[data-testid="message-details-toggle"]') as HTMLElement).click();
    await flushPromises();
    expect(message.querySelector('[data-testid="message-details"]')?.textContent).toBe(raw);
  });

  it('delete asks first, saying the local file goes too; only then deletes', async () => {
    app.client.handle('sessions.delete', (input) => {
      stored = stored.filter((s) => s.id !== input.id);
      return undefined;
    });
    await open('/recordings');
    (row('kept')!.querySelector('[data-testid="recording-delete"]') as HTMLElement).click();
    await flushPromises();
    const dialog = q('.n-dialog');
    expect(dialog?.textContent).toContain('local MP3 file is deleted');
    expect(app.client.calls.some((c) => c.op === 'sessions.delete')).toBe(false);
    const confirm = [...dialog!.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Delete recording and local file'),
    );
    confirm!.click();
    await flushPromises();
    expect(app.client.calls.filter((c) => c.op === 'sessions.delete').map((c) => c.input)).toEqual([
      { id: 'kept' },
    ]);
    expect(rows().map((r) => r.getAttribute('data-session-id'))).toEqual(['failed']);
  });

  it('says what to do when there are no recordings, and when filters hide them all', async () => {
    stored = [];
    await open('/recordings');
    expect(q('[data-testid="recordings-empty"]')?.textContent).toContain('Record a stream now');
    await router.replace('/recordings?status=RECORDING');
    await flushPromises();
    expect(q('[data-testid="recordings-empty-filtered"]')?.textContent).toContain('Clear filters');
  });
});
