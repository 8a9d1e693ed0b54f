import type { DestinationRecord, SessionRecord } from '../db/records';
import type { Logger } from '../ports/logger';
import type { RemoteFile } from '../transfer/replace-remote-files';
import type { FeedService } from './feed-service';
import { PUBLIC_COVER_NAME, PUBLIC_FEED_NAME, publicFileUrl } from './public-episodes';

export interface FeedPublisherDeps {
  feeds: Pick<FeedService, 'publicFeed'>;
  /** Puts `files` in the destination's remote folder, each replacing the file of its name. */
  replace: (destination: DestinationRecord, files: RemoteFile[]) => Promise<unknown>;
  logger: Logger;
}

/**
 * Publishes a stream's podcast feed on its destination (issue 14, 3b): after each delivery to a
 * destination with a `publicBaseUrl`, the stream's feed goes up as `<remoteDir>/feed.xml` (its
 * cover beside it as `feed.jpg`), each replacing the old one atomically. A failure is logged in
 * plain words and never undoes the delivery: the next delivery uploads the feed again.
 */
export class FeedPublisher {
  constructor(private readonly deps: FeedPublisherDeps) {}

  /** After `session` was delivered: uploads its stream's public feed, if it has one. Never throws. */
  async afterDelivery(session: Pick<SessionRecord, 'id' | 'streamId'>): Promise<void> {
    const meta = { sessionId: session.id };
    let where = 'its destination';
    try {
      const feed = await this.deps.feeds.publicFeed(session.streamId);
      if (!feed) return;
      where = feed.destination.name;
      await this.deps.replace(feed.destination, [
        { name: PUBLIC_COVER_NAME, bytes: feed.cover },
        { name: PUBLIC_FEED_NAME, bytes: Buffer.from(feed.xml, 'utf8') },
      ]);
      const url = publicFileUrl(feed.destination.publicBaseUrl, PUBLIC_FEED_NAME);
      this.deps.logger.info(
        `Podcast feed published on ${where}: ${url} (${feed.episodes} episode${feed.episodes === 1 ? '' : 's'}).`,
        meta,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn(
        `The podcast feed was not uploaded to ${where}: ${message} The recording itself was ` +
          'delivered; the feed is uploaded again after the next delivery.',
        meta,
      );
    }
  }
}
