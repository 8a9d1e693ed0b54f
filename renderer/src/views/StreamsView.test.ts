// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { StreamDto } from '@contract/operations';
import StreamsView from './StreamsView.vue';
import { mountInProviders, pageTest } from '../testing/page';
import { streamDto } from '@contract/testing/stream-fixtures';

const app = pageTest();
let streams: StreamDto[];

function stream(id: string, patch: Partial<StreamDto> = {}): StreamDto {
  return streamDto(id, {
    name: 'Morning Show',
    artist: 'Radio X',
    album: 'Mornings',
    albumArtist: 'Radio X',
    genre: 'Talk',
    ...patch,
  });
}

async function mountView(): Promise<VueWrapper> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/destinations', name: 'destinations', component: { render: () => null } },
    ],
  });
  const wrapper = app.keep(mountInProviders(StreamsView, [router]));
  await flushPromises();
  return wrapper;
}

const inBody = <T extends HTMLElement = HTMLElement>(selector: string) =>
  document.body.querySelector<T>(selector);

/** Waits for teleported content (drawers, dialogs) to appear. */
async function waitFor(selector: string): Promise<HTMLElement> {
  for (let i = 0; i < 50; i++) {
    const el = inBody(selector);
    if (el) return el;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${selector} did not appear`);
}

beforeEach(() => {
  streams = [];
  app.client.list('streams.list', () => streams);
  app.client.list('destinations.list', () => []);
  app.client.list('feeds.list', () => [
    { streamId: null, title: 'All recordings', url: '/feeds/t/all.xml' },
  ]);
});

describe('StreamsView', () => {
  it('with no streams, says what to do and opens the editor for a new one', async () => {
    const view = await mountView();
    expect(view.get('[data-testid="streams-empty"]').text()).toContain('Add the station');
    await view.get('[data-testid="empty-add-stream"]').trigger('click');
    const editor = await waitFor('[data-testid="stream-editor"]');
    expect(editor.textContent).toContain('Add a stream');
    expect(inBody('[data-testid="delete-stream"]')).toBeNull();
  });

  it('lists streams with their artwork thumbnail, refreshed when the artwork changes', async () => {
    streams = [
      stream('s1', { artworkUrl: '/api/streams/s1/artwork' }),
      stream('s2', { name: 'Night Talk' }),
    ];
    const view = await mountView();
    const rows = view.findAll('[data-testid="stream-row"]');
    expect(rows.map((r) => r.attributes('data-stream-id'))).toEqual(['s1', 's2']);
    const thumb = rows[0]!.get('[data-testid="stream-artwork"]');
    expect(thumb.attributes('src')).toBe('/api/streams/s1/artwork?v=2026-11-24T06%3A00%3A00.000Z');
    expect(thumb.attributes('alt')).toBe('Artwork of Morning Show');
    expect(rows[1]!.find('[data-testid="stream-artwork"]').exists()).toBe(false);
    expect(rows[1]!.get('[data-testid="stream-delivery"]').text()).toBe('Kept on this machine');
  });

  it("opens a stream's editor with its values", async () => {
    streams = [stream('s1', { fallbackUrls: ['https://backup.example.com/live'] })];
    const view = await mountView();
    await view.get('[data-testid="edit-stream"]').trigger('click');
    const editor = await waitFor('[data-testid="stream-editor"]');
    expect(editor.getAttribute('data-stream-id')).toBe('s1');
    const value = (id: string) => inBody<HTMLInputElement>(`[data-testid="${id}"]`)!.value;
    expect(value('stream-name-input')).toBe('Morning Show');
    expect(value('stream-genre-input')).toBe('Talk');
    expect(value('fallback-url-input')).toBe('https://backup.example.com/live');
  });

  it('asks before deleting, naming what goes with the stream, then deletes with cascade', async () => {
    streams = [stream('s1')];
    app.client.handle('schedules.list', () => ({ items: [], total: 1 }));
    app.client.handle('sessions.list', () => ({ items: [], total: 3 }));
    app.client.handle('streams.delete', () => {
      streams = [];
    });
    const view = await mountView();
    await view.get('[data-testid="edit-stream"]').trigger('click');
    (await waitFor('[data-testid="delete-stream"]')).click();
    const confirm = await waitFor('[data-testid="confirm-delete-stream"]');
    const dialog = confirm.closest('.n-dialog');
    expect(dialog?.textContent).toContain('Delete “Morning Show”?');
    expect(dialog?.textContent).toContain('Its 1 schedule and 3 recordings are deleted with it');
    expect(app.client.calls.map((c) => c.op)).not.toContain('streams.delete');
    confirm.click();
    await flushPromises();
    expect(app.client.calls.find((c) => c.op === 'streams.delete')?.input).toEqual({
      id: 's1',
      cascade: true,
    });
    expect(view.findAll('[data-testid="stream-row"]')).toHaveLength(0);
  });
});
