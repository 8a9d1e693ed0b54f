// @vitest-environment happy-dom
// The Recordings page's rows (which file, scheduled or manual), its search, and acting on
// several recordings at once.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { SessionDto } from '@contract';
import { sessionMatchesFilters as matchesFilters } from '@contract/operations';
import { sessionDto } from '@contract/testing/session-fixtures';
import { newestFirst } from '../../stores/session-order';
import { lastButton, openRoute, pageTest } from '../../testing/page';
import RecordingsView from '../../views/RecordingsView.vue';

const app = pageTest();
let stored: SessionDto[];
let router: Router;

function session(id: string, day: number, patch: Partial<SessionDto> = {}): SessionDto {
  return sessionDto({
    id,
    status: 'COMPLETED',
    transferStatus: 'FAILED',
    startTime: `2026-11-${day}T06:00:00.000Z`,
    endTime: `2026-11-${day}T07:00:00.000Z`,
    durationSeconds: 3600,
    title: `2026-11-${day} Show ${id}`,
    outputFilePath: `/data/recordings/Show ${id}.mp3`,
    ...patch,
  });
}

beforeEach(() => {
  stored = [
    session('a', 24, { scheduleId: 'sched-1' }),
    session('b', 23, { remotePath: '/srv/shows/b-delivered.mp3', transferStatus: 'PENDING' }),
    session('c', 22, { status: 'RECORDING', transferStatus: 'PENDING', outputFilePath: null }),
  ];
  app.client.handle('streams.list', () => ({
    items: [{ id: 'stream-1', name: 'Radio One' }],
    total: 1,
  }));
  app.client.handle('sessions.list', (input) => {
    const filters = input.q ? { q: String(input.q) } : {};
    const all = stored.filter((s) => matchesFilters(s, filters, 'Radio One')).sort(newestFirst);
    return { items: all, total: all.length };
  });
  const Blank = { render: () => h('div') };
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/recordings', name: 'recordings', component: RecordingsView },
      ...['logs', 'streams', 'schedules', 'settings', 'destinations'].map((name) => ({
        path: `/${name}`,
        name,
        component: Blank,
      })),
    ],
  });
});

const row = (id: string) =>
  document.querySelector(`[data-testid="recording-row"][data-session-id="${id}"]`)!;
const ids = () =>
  [...document.querySelectorAll('[data-testid="recording-row"]')].map((r) =>
    r.getAttribute('data-session-id'),
  );
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

async function open(path = '/recordings') {
  app.keep(await openRoute(router, path));
}

async function select(id: string) {
  (row(id).querySelector('[data-testid="recording-select"]') as HTMLElement).click();
  await flushPromises();
}

describe('Recordings rows, search and selection', () => {
  it('says which file each row is, and whether scheduled or manual', async () => {
    await open();
    expect(text(row('a').querySelector('[data-testid="recording-origin"]'))).toBe('Scheduled');
    expect(text(row('a').querySelector('[data-testid="recording-file"]'))).toBe('Show a.mp3');
    expect(text(row('b').querySelector('[data-testid="recording-origin"]'))).toBe('Manual');
    // delivered: the copy's name
    expect(text(row('b').querySelector('[data-testid="recording-file"]'))).toBe('b-delivered.mp3');
    // still recording: no file yet
    expect(row('c').querySelector('[data-testid="recording-file"]')).toBeNull();
    expect(
      row('a').querySelector('[data-testid="recording-select"]')?.getAttribute('aria-label'),
    ).toBe('Select “2026-11-24 Show a”');
  });

  it('?q= searches on the server, and the search box shows it', async () => {
    await open('/recordings?q=delivered');
    expect(app.client.calls.find((c) => c.op === 'sessions.list')?.input).toMatchObject({
      q: 'delivered',
    });
    expect(ids()).toEqual(['b']);
    const box = document.querySelector('[data-testid="filter-search"] input') as HTMLInputElement;
    expect(box.value).toBe('delivered');
    expect(box.getAttribute('aria-label')).toBe('Search recordings: title, stream or file name');
  });

  it('retries the transfers of those selected that can be retried', async () => {
    app.client.handle('sessions.retryTransfer', (input) => ({
      ...stored.find((s) => s.id === input.id)!,
      transferStatus: 'PENDING',
    }));
    await open();
    await select('a');
    await select('b');
    await select('c');
    expect(text(document.querySelector('[data-testid="selection-count"]'))).toBe(
      '3 recordings selected',
    );
    const retry = document.querySelector('[data-testid="bulk-retry"]') as HTMLButtonElement;
    expect(text(retry)).toBe('Retry transfer (2)');
    retry.click();
    await flushPromises();
    const asked = app.client.calls.filter((c) => c.op === 'sessions.retryTransfer');
    expect(asked.map((c) => c.input)).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('asks before deleting several, then names each one the server refused', async () => {
    app.client.handle('sessions.delete', (input) => {
      if (input.id === 'b')
        throw Object.assign(new Error('Session b is being transferred now.'), { code: 'CONFLICT' });
      stored = stored.filter((s) => s.id !== input.id);
      return undefined;
    });
    await open();
    (document.querySelector('[data-testid="recordings-select-all"]') as HTMLElement).click();
    await flushPromises();
    const del = document.querySelector('[data-testid="bulk-delete"]') as HTMLButtonElement;
    expect(text(del)).toBe('Delete (2)'); // the one recording cannot be deleted
    del.click();
    await flushPromises();
    const dialog = document.querySelector('.n-dialog')!;
    expect(text(dialog)).toContain('Delete 2 recordings?');
    expect(text(dialog)).toContain('1 recording selected cannot be deleted now');
    expect(app.client.calls.some((c) => c.op === 'sessions.delete')).toBe(false);
    lastButton('Delete 2 recordings').click();
    await flushPromises();
    expect(app.client.calls.filter((c) => c.op === 'sessions.delete').map((c) => c.input)).toEqual([
      { id: 'a' },
      { id: 'b' },
    ]);
    const failures = document.querySelector('[data-testid="bulk-failures"]');
    expect(text(failures)).toBe('“2026-11-23 Show b”: Session b is being transferred now.');
    expect(text([...document.querySelectorAll('.n-dialog')].at(-1))).toContain(
      'Deleted 1 recording; 1 could not be deleted.',
    );
    expect(ids()).toEqual(['b', 'c']);
    expect(text(document.querySelector('[data-testid="selection-count"]'))).toBe(
      '2 recordings selected',
    );
  });
});
