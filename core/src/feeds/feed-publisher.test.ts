import { describe, expect, it } from 'vitest';
import type { DestinationRecord } from '../db/records';
import { memoryLogger } from '../ports/logger';
import type { RemoteFile } from '../transfer/replace-remote-files';
import { FeedPublisher } from './feed-publisher';
import type { PublicFeed } from './feed-service';

const destination = {
  id: 'd1',
  name: 'Web server',
  publicBaseUrl: 'https://example.org/pod',
} as PublicFeed['destination'];
const feed: PublicFeed = {
  destination,
  xml: '<rss>ü</rss>',
  cover: Buffer.from([0xff, 0xd8]),
  episodes: 2,
};

function publisher(publicFeed: PublicFeed | null, replaceError?: Error) {
  const logger = memoryLogger();
  const uploads: { destination: DestinationRecord; files: RemoteFile[] }[] = [];
  const p = new FeedPublisher({
    feeds: { publicFeed: async () => publicFeed },
    replace: async (d, files) => {
      uploads.push({ destination: d, files });
      if (replaceError) throw replaceError;
    },
    logger,
  });
  return { p, logger, uploads };
}

describe('FeedPublisher', () => {
  it("uploads the stream's public feed and its cover, and says where it is", async () => {
    const { p, logger, uploads } = publisher(feed);
    await p.afterDelivery({ id: 'rec-1', streamId: 's1' });
    expect(uploads).toEqual([
      {
        destination,
        files: [
          { name: 'feed.jpg', bytes: feed.cover },
          { name: 'feed.xml', bytes: Buffer.from('<rss>ü</rss>', 'utf8') },
        ],
      },
    ]);
    expect(logger.entries.map((e) => [e.level, e.message, e.sessionId])).toEqual([
      [
        'info',
        'Podcast feed published on Web server: https://example.org/pod/feed.xml (2 episodes).',
        'rec-1',
      ],
    ]);
  });

  it('does nothing for a stream without a public feed', async () => {
    const { p, logger, uploads } = publisher(null);
    await p.afterDelivery({ id: 'rec-1', streamId: 's1' });
    expect(uploads).toEqual([]);
    expect(logger.entries).toEqual([]);
  });

  it('a failed upload is logged in plain words and never thrown', async () => {
    const { p, logger } = publisher(feed, new Error('Permission denied on /srv/pod/feed.xml.'));
    await expect(p.afterDelivery({ id: 'rec-1', streamId: 's1' })).resolves.toBeUndefined();
    expect(logger.entries.map((e) => [e.level, e.message])).toEqual([
      [
        'warn',
        'The podcast feed was not uploaded to Web server: Permission denied on /srv/pod/feed.xml. ' +
          'The recording itself was delivered; the feed is uploaded again after the next delivery.',
      ],
    ]);
  });
});
