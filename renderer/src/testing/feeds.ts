// Test support for the podcast feed cards: feeds as the server lists them, and what they show.
import type { FeedDto, StreamDto } from '@contract/operations';
import { NO_PODCAST } from '@contract/podcast';
import { streamDto } from '@contract/testing/stream-fixtures';

/** The feeds as the server lists them: each enabled stream's, then the one of them all. */
export function feedsOf(streams: readonly StreamDto[], token: string): FeedDto[] {
  return [
    ...streams
      .filter((s) => s.podcast.enabled)
      .map((s) => ({ streamId: s.id, title: s.name, url: `/feeds/${token}/${s.id}.xml` })),
    { streamId: null, title: 'All recordings', url: `/feeds/${token}/all.xml` },
  ];
}

/** A stream published as a podcast. */
export const withFeed = (id: string, name: string): StreamDto =>
  streamDto(id, { name, podcast: { ...NO_PODCAST, enabled: true } });

/** The feed URLs the page lists, in order. */
export const shownUrls = () =>
  [...document.querySelectorAll('[data-testid="feed-row"] [data-testid="feed-url"]')].map(
    (el) => el.textContent,
  );
