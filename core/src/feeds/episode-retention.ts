import type { SessionFilter } from '../db/session-repository';
import type { SessionRecord, StreamRecord } from '../db/records';

// The one rule of which delivered recordings stay on disk for the podcast feeds: with
// CLEANUP_AFTER_TRANSFER on, the last `keepEpisodes` recordings of a stream whose podcast is
// enabled are kept after their delivery (the feed serves them); the older ones go as before.

export interface EpisodeRetentionDeps {
  streams: { get(id: string): Promise<StreamRecord | null> };
  sessions: {
    list(filter: SessionFilter): Promise<{ rows: SessionRecord[]; total: number }>;
  };
}

/** How many recordings a stream keeps for its feed (0: no feed). */
function keepOf(stream: StreamRecord | null): number {
  return stream?.podcast.enabled ? stream.podcast.keepEpisodes : 0;
}

/** A stream's COMPLETED recordings, newest first (the order its feed lists them in). */
async function completed(deps: EpisodeRetentionDeps, streamId: string, limit: number) {
  const { rows } = await deps.sessions.list({ streamId, status: 'COMPLETED', offset: 0, limit });
  return rows;
}

export class EpisodeRetention {
  constructor(private readonly deps: EpisodeRetentionDeps) {}

  /** Whether `session`'s local copy stays after its delivery: it is one of the feed's episodes. */
  async keepsAfterDelivery(session: Pick<SessionRecord, 'id' | 'streamId'>): Promise<boolean> {
    const keep = keepOf(await this.deps.streams.get(session.streamId));
    if (keep === 0) return false;
    return (await completed(this.deps, session.streamId, keep)).some((s) => s.id === session.id);
  }

  /**
   * The delivered recordings of stream `streamId` whose local copy was kept for its feed and
   * that the feed no longer lists (older than its last `keepEpisodes`): their copies go now, as
   * they would have gone at their delivery. Streams without a feed: none (their copies were
   * either removed at delivery or kept by the user's choice).
   */
  async released(streamId: string): Promise<SessionRecord[]> {
    const keep = keepOf(await this.deps.streams.get(streamId));
    if (keep === 0) return [];
    const { rows } = await this.deps.sessions.list({
      streamId,
      status: 'COMPLETED',
      offset: keep,
      limit: 1000,
    });
    return rows.filter((s) => s.transferStatus === 'COMPLETED' && s.outputFilePath !== null);
  }
}
