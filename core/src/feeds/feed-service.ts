import { createHash, timingSafeEqual } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { feedPathOf, scheduleIcsPathOf } from '../../contract/podcast';
import type { SessionFilter } from '../db/session-repository';
import type { DestinationRecord, SessionRecord, StreamRecord } from '../db/records';
import { buildFeed, type FeedEpisode } from './build-feed';
import { FeedCovers } from './feed-artwork';
import {
  ALL_FEED_ARTWORK,
  allChannel,
  episodeOf,
  localAudioUrl,
  publicChannel,
  streamChannel,
  type FeedPlace,
} from './feed-content';
import { FeedTokens } from './feed-token';
import { publicEpisodeUrl } from './public-episodes';

export interface FeedServiceDeps {
  streams: { all(): Promise<StreamRecord[]>; get(id: string): Promise<StreamRecord | null> };
  sessions: {
    list(filter: SessionFilter): Promise<{ rows: SessionRecord[]; total: number }>;
    get(id: string): Promise<SessionRecord>;
  };
  /** Where a stream delivers (its `publicBaseUrl` decides where delivered episodes are served). */
  destinations: { get(id: string): Promise<DestinationRecord | null> };
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

/** A stream's feed as uploaded to its destination (issue 14, 3b), with its cover. */
export interface PublicFeed {
  destination: DestinationRecord & { publicBaseUrl: string };
  xml: string;
  /** The cover (a 1400 px JPEG), served beside the feed. */
  cover: Buffer;
  /** How many recordings it lists. */
  episodes: number;
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

/**
 * Where an episode is served, with its exact size: under the destination's `publicBaseUrl` once
 * delivered there; else by the recorder while its MP3 is here (`place`; null: nowhere else).
 */
async function servedAt(
  session: SessionRecord,
  destination: DestinationRecord | null,
  place: FeedPlace | null,
): Promise<{ url: string; bytes: number } | null> {
  const file = await localFile(session.outputFilePath);
  const url = publicEpisodeUrl(destination, session);
  // the delivered file is the local one (the upload checked its size)
  const bytes = file?.bytes ?? session.fileSizeBytes;
  if (url && bytes !== null) return { url, bytes };
  if (!place || !file) return null;
  return { url: localAudioUrl(place, session.id), bytes: file.bytes };
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
   * The recordings a stream's feed lists: of its last `keepEpisodes` completed recordings, those
   * delivered under its destination's `publicBaseUrl` (served there) and those whose MP3 is still
   * here (served by the recorder at `place`; null: a feed outside the recorder lists only the
   * former).
   */
  async episodesOf(stream: StreamRecord, place: FeedPlace | null): Promise<Listed[]> {
    const { rows } = await this.deps.sessions.list({
      streamId: stream.id,
      status: 'COMPLETED',
      offset: 0,
      limit: stream.podcast.keepEpisodes,
    });
    const destination = stream.destinationId
      ? await this.deps.destinations.get(stream.destinationId)
      : null;
    const out: Listed[] = [];
    for (const session of rows) {
      const at = await servedAt(session, destination, place);
      // the size the enclosure states is the file's, exactly
      if (at) out.push({ stream, session: { ...session, fileSizeBytes: at.bytes }, url: at.url });
    }
    return out;
  }

  /**
   * The feed of stream `streamId` as uploaded to its destination, or null (no feed, or the
   * destination has no `publicBaseUrl`). It lists only the recordings delivered there: a podcast
   * app reading the public feed cannot reach the recorder (often at home, behind NAT), and the
   * recorder's addresses carry the feed token, which must not be published.
   */
  async publicFeed(streamId: string): Promise<PublicFeed | null> {
    const stream = await this.deps.streams.get(streamId);
    if (!stream?.podcast.enabled || !stream.destinationId) return null;
    const destination = await this.deps.destinations.get(stream.destinationId);
    const base = destination?.publicBaseUrl;
    if (!destination || !base) return null;
    const listed = await this.episodesOf(stream, null);
    const updatedAt = latest([stream.updatedAt, ...listed.map((l) => l.session.updatedAt)]);
    const episodes = listed.map((l) => episodeOf(stream, l.session, l.url, this.deps.timeZone));
    return {
      destination: { ...destination, publicBaseUrl: base },
      xml: buildFeed(publicChannel(stream, base, updatedAt), episodes),
      cover: await this.deps.covers.cover(stream.id, stream.artworkFile),
      episodes: episodes.length,
    };
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
  destinations: FeedServiceDeps['destinations'];
  configDir: string;
  timeZone: string;
}): FeedService {
  return new FeedService({
    streams: deps.streams,
    sessions: deps.sessions,
    destinations: deps.destinations,
    tokens: new FeedTokens(deps.configDir),
    covers: new FeedCovers(),
    timeZone: deps.timeZone,
  });
}
