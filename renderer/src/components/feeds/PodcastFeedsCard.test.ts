// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamDto } from '@contract/operations';
import { streamDto } from '@contract/testing/stream-fixtures';
import { useStreamsStore } from '../../stores/streams';
import { feedsOf, shownUrls, withFeed } from '../../testing/feeds';
import { byTestId, maybe, mountInProviders, pageTest } from '../../testing/page';
import PodcastFeedsCard from './PodcastFeedsCard.vue';

const app = pageTest();
let token: string;
let streams: StreamDto[];

const feeds = () => feedsOf(streams, token);

function mountCard() {
  return app.keep(mountInProviders(PodcastFeedsCard));
}

beforeEach(() => {
  token = 'tok-1';
  streams = [];
  app.client.list('feeds.list', feeds);
});

describe('PodcastFeedsCard', () => {
  it('without a stream feed, says how to make one (and lists no feed of them all)', async () => {
    streams = [streamDto('s1', { name: 'Morning Show' })];
    mountCard();
    await flushPromises();
    expect(byTestId('feeds-empty').textContent).toContain('switch on “Publish as a podcast”');
    expect(maybe('feed-row')).toBeNull();
  });

  it("lists each stream's feed, then the feed of them all, with absolute URLs", async () => {
    streams = [withFeed('s1', 'Morning Show'), withFeed('s2', 'Night Talk')];
    mountCard();
    await flushPromises();
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="feed-row"]')];
    expect(rows.map((r) => r.querySelector('h3')?.textContent)).toEqual([
      'Morning Show',
      'Night Talk',
      'All recordings',
    ]);
    expect(shownUrls()).toEqual([
      `${location.origin}/feeds/tok-1/s1.xml`,
      `${location.origin}/feeds/tok-1/s2.xml`,
      `${location.origin}/feeds/tok-1/all.xml`,
    ]);
    expect(rows.every((r) => r.querySelector('[data-testid="feed-copy"]'))).toBe(true);
    expect(rows.every((r) => r.querySelector('[data-testid="feed-qr-toggle"]'))).toBe(true);
  });

  it('loads the list again when a stream is saved with its podcast switched on', async () => {
    streams = [streamDto('s1', { name: 'Morning Show' })];
    const store = useStreamsStore();
    app.client.list('streams.list', () => streams);
    await store.load();
    mountCard();
    await flushPromises();
    expect(maybe('feeds-empty')).not.toBeNull();
    streams = [withFeed('s1', 'Morning Show')];
    app.client.handle('streams.update', () => streams[0]);
    const { name, streamUrl, artist, album, albumArtist } = streams[0]!;
    await store.update({
      id: 's1',
      name,
      streamUrl,
      artist,
      album,
      albumArtist,
      podcast: { enabled: true },
    });
    await vi.waitFor(() => expect(shownUrls()).toHaveLength(2));
    expect(shownUrls()[0]).toBe(`${location.origin}/feeds/tok-1/s1.xml`);
  });
});
