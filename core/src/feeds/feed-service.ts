import { createHash, timingSafeEqual } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { feedPathOf, scheduleIcsPathOf } from '../../contract/podcast';
import type { SessionFilter } from '../db/session-repository';
import type { SessionRecord, StreamRecord } from '../db/records';
import { buildFeed, type FeedEpisode } from './build-feed';
import { FeedCovers } from './feed-artwork';
import {
  ALL_FEED_ARTWORK,
  allChannel,
  episodeOf,
  localAudioUrl,
  streamChannel,
  type FeedPlace,
} from './feed-content';
import { FeedTokens } from './feed-token';

export interface FeedServiceDeps {
  streams: { all(): Promise<StreamRecord[]>; get(id: string): Promise<StreamRecord | null> };
  sessions: {
    list(filter: SessionFilter): Promise<{ rows: SessionRecord[]; total: number }>;
    get(id: string): Promise<SessionRecord>;
  };
  tokens: FeedTokens;
  covers: FeedCovers;
  /** The app's TZ (episode descriptions). */
  timeZone: string;
}

/** A built feed with what a cache needs. */
export interface BuiltFeed {
  xml: string;
  /** A strong ETag (quoted), the digest of the XML. */
  etag: string;
  /** The newest change among the stream(s) and the listed recordings. */
  lastModified: Date;
}

/** A recording's file as the feeds serve it. */
export interface FeedAudio {
  filePath: string;
  bytes: number;
  modifiedAt: Date;
}

/** One entry of `GET /api/feeds`. */
export interface FeedListItem {
  streamId: string | null;
  title: string;
  url: string;
}

/** The episodes of one stream, with where each is served. */
interface Listed {
  stream: StreamRecord;
  session: SessionRecord;
  url: string;
}

function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

async function localFile(path: string | null): Promise<FeedAudio | null> {
  if (!path) return null;
  try {
    const s = await stat(path);
    return s.isFile() ? { filePath: path, bytes: s.size, modifiedAt: s.mtime } : null;
  } catch {
    return null;
  }
}

const latest = (dates: readonly string[]) =>
  new Date(Math.max(0, ...dates.map((d) => Date.parse(d)).filter((n) => Number.isFinite(n))));

/**
 * The podcast feeds: which recordings each enabled stream's feed lists (its last `keepEpisodes`
 * completed recordings whose MP3 is still here), the feeds' XML, their audio and covers. Every
 * answer needs the current token; a wrong token or a stream without a feed is null (the host
 * answers 404 and says nothing else).
 */
export class FeedService {
  constructor(private readonly deps: FeedServiceDeps) {}

  /** True when `given` is the current token. */
  async accepts(given: string): Promise<boolean> {
    return sameToken(given, await this.deps.tokens.current());
  }

  /** A new token: every old feed and episode URL stops working at once. */
  regenerateToken(): Promise<string> {
    return this.deps.tokens.regenerate();
  }

  /** `GET /api/feeds`: the feed of every enabled stream (by name), then the one of them all. */
  async list(origin: string): Promise<FeedListItem[]> {
    const token = await this.deps.tokens.current();
    const streams = (await this.deps.streams.all())
      .filter((s) => s.podcast.enabled)
      .sort((a, b) => a.name.localeCompare(b.name));
    return [
      ...streams.map((s) => ({
        streamId: s.id,
        title: s.podcast.title ?? s.name,
        url: origin + feedPathOf(token, s.id),
      })),
      { streamId: null, title: 'All recordings', url: origin + feedPathOf(token, null) },
    ];
  }

  /** The address of the iCalendar feed of upcoming runs (`/feeds/<token>/schedule.ics`). */
  async scheduleUrl(origin: string): Promise<string> {
    return origin + scheduleIcsPathOf(await this.deps.tokens.current());
  }

  /** The feed of stream `streamId` (null: of every enabled stream), or null. */
  async feed(token: string, streamId: string | null, origin: string): Promise<BuiltFeed | null> {
    if (!(await this.accepts(token))) return null;
    const place: FeedPlace = { origin, token, timeZone: this.deps.timeZone };
    let streams: StreamRecord[];
    if (streamId === null) {
      streams = (await this.deps.streams.all()).filter((s) => s.podcast.enabled);
    } else {
      const stream = await this.deps.streams.get(streamId);
      if (!stream?.podcast.enabled) return null;
      streams = [stream];
    }
    const listed: Listed[] = [];
    for (const stream of streams) listed.push(...(await this.episodesOf(stream, place)));
    listed.sort((a, b) => b.session.startTime.localeCompare(a.session.startTime));
    const lastModified = latest([
      ...streams.map((s) => s.updatedAt),
      ...listed.map((l) => l.session.updatedAt),
    ]);
    const channel =
      streamId === null
        ? allChannel(place, lastModified)
        : streamChannel(streams[0] as StreamRecord, place, lastModified);
    const episodes: FeedEpisode[] = listed.map((l) =>
      episodeOf(l.stream, l.session, l.url, place.timeZone),
    );
    const xml = buildFeed(channel, episodes);
    const etag = `"${createHash('sha256').update(xml).digest('base64url').slice(0, 32)}"`;
    return { xml, etag, lastModified };
  }

  /**
   * The recordings a stream's feed lists: of its last `keepEpisodes` completed recordings,
   * those whose MP3 is still here.
   */
  async episodesOf(stream: StreamRecord, place: FeedPlace): Promise<Listed[]> {
    const { rows } = await this.deps.sessions.list({
      streamId: stream.id,
      status: 'COMPLETED',
      offset: 0,
      limit: stream.podcast.keepEpisodes,
    });
    const out: Listed[] = [];
    for (const session of rows) {
      const file = await localFile(session.outputFilePath);
      if (!file) continue;
      // the size the enclosure states is the file's, exactly
      out.push({
        stream,
        session: { ...session, fileSizeBytes: file.bytes },
        url: localAudioUrl(place, session.id),
      });
    }
    return out;
  }

  /** The MP3 of a recording that a feed lists, or null. */
  async audio(token: string, sessionId: string): Promise<FeedAudio | null> {
    if (!(await this.accepts(token))) return null;
    const session = await this.deps.sessions.get(sessionId).catch(() => null);
    if (!session || session.status !== 'COMPLETED') return null;
    const stream = await this.deps.streams.get(session.streamId);
    if (!stream?.podcast.enabled) return null;
    return localFile(session.outputFilePath);
  }

  /** The cover of a feed (`streamId` ALL_FEED_ARTWORK: of them all), a 1400 px JPEG, or null. */
  async cover(token: string, streamId: string): Promise<Buffer | null> {
    if (!(await this.accepts(token))) return null;
    if (streamId === ALL_FEED_ARTWORK) return this.deps.covers.cover(ALL_FEED_ARTWORK, null);
    const stream = await this.deps.streams.get(streamId);
    if (!stream?.podcast.enabled) return null;
    return this.deps.covers.cover(stream.id, stream.artworkFile);
  }
}

/** The feeds of an engine: its streams and sessions, the token under CONFIG_DIR, TZ. */
export function createFeedService(deps: {
  streams: FeedServiceDeps['streams'];
  sessions: FeedServiceDeps['sessions'];
  configDir: string;
  timeZone: string;
}): FeedService {
  return new FeedService({
    streams: deps.streams,
    sessions: deps.sessions,
    tokens: new FeedTokens(deps.configDir),
    covers: new FeedCovers(),
    timeZone: deps.timeZone,
  });
}
