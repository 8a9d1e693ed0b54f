import { localClockTime } from '../../contract/alerts';
import { formatDuration } from '../../contract/notifications';
import { feedArtworkPathOf, feedAudioPathOf, feedPathOf } from '../../contract/podcast';
import type { SessionRecord, StreamRecord } from '../db/records';
import { podcastGuid, type FeedChannel, type FeedEpisode } from './build-feed';
import { PUBLIC_COVER_NAME, PUBLIC_FEED_NAME, publicFileUrl } from './public-episodes';

// What a feed says, from the stream and its sessions: pure, so the words and the addresses are
// tested without a server.

/** Where a feed's addresses start, and the words' time zone. */
export interface FeedPlace {
  /** `https://recorder.example.org` (no trailing slash): the feed's own server. */
  origin: string;
  token: string;
  /** The app's TZ: an episode's window is told in it. */
  timeZone: string;
}

/** The description when the stream's podcast has none. */
function defaultDescription(stream: StreamRecord): string {
  return `Recordings of ${stream.name} (${stream.album}, ${stream.artist}), made by Audio Stream Recorder.`;
}

/** Where a channel says it is: the feed itself, its `link`, its cover. */
type ChannelAddresses = Pick<FeedChannel, 'selfUrl' | 'link' | 'imageUrl'>;

/** The channel of one stream's feed at `addresses`. */
function channelOf(
  stream: StreamRecord,
  addresses: ChannelAddresses,
  updatedAt: Date,
): FeedChannel {
  const p = stream.podcast;
  return {
    title: p.title ?? stream.name,
    description: p.description ?? defaultDescription(stream),
    author: p.author ?? stream.artist,
    ...addresses,
    language: p.language ?? 'en',
    category: p.category ?? 'Music',
    explicit: p.explicit,
    guid: podcastGuid(`audio-stream-recorder/streams/${stream.id}`),
    updatedAt,
  };
}

/** The channel of one stream's feed as the recorder serves it. */
export function streamChannel(
  stream: StreamRecord,
  place: FeedPlace,
  updatedAt: Date,
): FeedChannel {
  return channelOf(
    stream,
    {
      selfUrl: place.origin + feedPathOf(place.token, stream.id),
      link: place.origin + '/',
      imageUrl: place.origin + feedArtworkPathOf(place.token, stream.id),
    },
    updatedAt,
  );
}

/**
 * The channel of one stream's feed as uploaded to its destination: it and its cover beside the
 * recordings under `publicBaseUrl` (same podcast:guid as the recorder's feed: the same podcast).
 */
export function publicChannel(
  stream: StreamRecord,
  publicBaseUrl: string,
  updatedAt: Date,
): FeedChannel {
  return channelOf(
    stream,
    {
      selfUrl: publicFileUrl(publicBaseUrl, PUBLIC_FEED_NAME),
      link: publicBaseUrl + '/',
      imageUrl: publicFileUrl(publicBaseUrl, PUBLIC_COVER_NAME),
    },
    updatedAt,
  );
}

/** The name of the feed of every enabled stream's cover (no stream has that id: ids are UUIDs). */
export const ALL_FEED_ARTWORK = 'all';

/** The channel of the feed of every enabled stream. */
export function allChannel(place: FeedPlace, updatedAt: Date): FeedChannel {
  return {
    title: 'All recordings',
    description: 'Every podcast feed of this Audio Stream Recorder in one.',
    author: 'Audio Stream Recorder',
    selfUrl: place.origin + feedPathOf(place.token, null),
    link: place.origin + '/',
    language: 'en',
    category: 'Music',
    explicit: false,
    imageUrl: place.origin + feedArtworkPathOf(place.token, ALL_FEED_ARTWORK),
    guid: podcastGuid('audio-stream-recorder/all'),
    updatedAt,
  };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * An episode's description: the stream, the window in the app's time zone, and the gaps and
 * silences, if any ("Morning Show, 2026-11-24 07:00–09:00 (Europe/Berlin). 2 gaps without audio
 * (1 min in all). 1 silence (12 min in all), from 07:41.").
 */
export function episodeDescription(
  stream: Pick<StreamRecord, 'name'>,
  s: Pick<
    SessionRecord,
    'startTime' | 'endTime' | 'plannedDurationSeconds' | 'gaps' | 'silences' | 'tracks'
  >,
  timeZone: string,
): string {
  const start = new Date(s.startTime);
  const end = s.endTime
    ? new Date(s.endTime)
    : new Date(start.getTime() + s.plannedDurationSeconds * 1000);
  const window = `${localClockTime(start, timeZone)}–${localClockTime(end, timeZone, start)}`;
  const parts = [`${stream.name}, ${window} (${timeZone}).`];
  if (s.gaps.length > 0) {
    const total = s.gaps.reduce((sum, g) => sum + g.seconds, 0);
    const at = s.gaps.map((g) => localClockTime(new Date(g.at), timeZone, start)).join(', ');
    parts.push(
      `${count(s.gaps.length, 'gap', 'gaps')} without audio (${formatDuration(total)} in all), at ${at}.`,
    );
  }
  if (s.silences.length > 0) {
    const total = s.silences.reduce((sum, g) => sum + g.seconds, 0);
    const at = s.silences.map((g) => localClockTime(new Date(g.at), timeZone, start)).join(', ');
    parts.push(
      `${count(s.silences.length, 'silence', 'silences')} (${formatDuration(total)} in all), at ${at}.`,
    );
  }
  if (s.gaps.length === 0 && s.silences.length === 0) parts.push('No gaps, no silences.');
  // the station's titles (native capture), each at its local time: plain text, escaped by the
  // XML writer like every other station text
  const tracks = s.tracks ?? [];
  if (tracks.length > 0) {
    const list = tracks.map((t) => `${localClockTime(new Date(t.at), timeZone, start)} ${t.title}`);
    parts.push(`Tracklist: ${list.join('; ')}.`);
  }
  return parts.join(' ');
}

/** One recording as an item; `url`: where its MP3 is served. */
export function episodeOf(
  stream: StreamRecord,
  s: SessionRecord,
  url: string,
  timeZone: string,
): FeedEpisode {
  return {
    id: s.id,
    title: s.title ?? `${s.startTime.slice(0, 10)} ${stream.name}`,
    publishedAt: new Date(s.startTime),
    url,
    bytes: s.fileSizeBytes ?? 0,
    durationSeconds: s.durationSeconds ?? s.plannedDurationSeconds,
    episode: s.trackNumber,
    description: episodeDescription(stream, s, timeZone),
  };
}

/** Where the recorder itself serves a session's MP3. */
export function localAudioUrl(place: FeedPlace, sessionId: string): string {
  return place.origin + feedAudioPathOf(place.token, sessionId);
}
