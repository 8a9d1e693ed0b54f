// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { StreamDto } from '@contract/operations';
import { feedsOf, shownUrls, withFeed } from '../../testing/feeds';
import { click, lastButton, mountInProviders, pageTest } from '../../testing/page';
import FeedTokenCard from './FeedTokenCard.vue';
import PodcastFeedsCard from './PodcastFeedsCard.vue';

const app = pageTest();
let token: string;
let streams: StreamDto[];

const feeds = () => feedsOf(streams, token);

/** The Settings card beside the Streams page's list (one store between them). */
function mountCards() {
  const Page = defineComponent({ setup: () => () => [h(PodcastFeedsCard), h(FeedTokenCard)] });
  return app.keep(mountInProviders(Page));
}

beforeEach(() => {
  token = 'tok-1';
  streams = [];
  app.client.list('feeds.list', feeds);
  app.client.handle('feeds.regenerateToken', () => {
    token = 'tok-2';
    return { items: feeds(), total: feeds().length };
  });
});

describe('FeedTokenCard', () => {
  it('makes new feed URLs after a warning that the old ones stop working; the list shows the new ones', async () => {
    streams = [withFeed('s1', 'Morning Show')];
    mountCards();
    await flushPromises();
    expect(shownUrls()[0]).toBe(`${location.origin}/feeds/tok-1/s1.xml`);

    await click('feed-token-regenerate');
    expect(document.body.textContent).toContain('the old URLs stop working at once');
    expect(app.client.calls.map((c) => c.op)).not.toContain('feeds.regenerateToken');
    lastButton('Make new feed URLs').click();
    await flushPromises();

    expect(app.client.calls.map((c) => c.op)).toContain('feeds.regenerateToken');
    expect(shownUrls()).toEqual([
      `${location.origin}/feeds/tok-2/s1.xml`,
      `${location.origin}/feeds/tok-2/all.xml`,
    ]);
    await vi.waitFor(() => expect(document.body.textContent).toContain('New feed URLs were made'));
  });

  it('Cancel keeps the URLs', async () => {
    streams = [withFeed('s1', 'Morning Show')];
    mountCards();
    await flushPromises();
    await click('feed-token-regenerate');
    lastButton('Cancel').click();
    await flushPromises();
    expect(app.client.calls.map((c) => c.op)).not.toContain('feeds.regenerateToken');
    expect(shownUrls()[0]).toBe(`${location.origin}/feeds/tok-1/s1.xml`);
  });
});
