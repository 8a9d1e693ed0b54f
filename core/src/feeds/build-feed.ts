import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

// One podcast feed as RSS 2.0 with the iTunes and Podcasting 2.0 namespaces, built with
// xmlbuilder2 (every text and attribute escaped by the library, never concatenated).

export const ITUNES_NS = 'http://www.itunes.com/dtds/podcast-1.0.dtd';
export const PODCAST_NS = 'https://podcastindex.org/namespace/1.0';
const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** What the channel says about itself. */
export interface FeedChannel {
  title: string;
  description: string;
  author: string;
  /** Where the feed itself is (atom:link rel=self) and the channel's `link`. */
  selfUrl: string;
  link: string;
  /** `en`, `de-AT`. */
  language: string;
  /** One of Apple's categories. */
  category: string;
  explicit: boolean;
  /** The cover: a square JPEG of at least 1400 px. */
  imageUrl: string;
  /** podcast:guid: stays the same for the life of the feed. */
  guid: string;
  /** The last change: lastBuildDate. */
  updatedAt: Date;
}

/** One recording. */
export interface FeedEpisode {
  /** The session id: the item's guid (not a permalink). */
  id: string;
  title: string;
  /** The window's start: pubDate. */
  publishedAt: Date;
  /** The MP3's address and exact size in bytes. */
  url: string;
  bytes: number;
  durationSeconds: number;
  /** itunes:episode (the track number); null: none. */
  episode: number | null;
  description: string;
}

/** RFC 822 date as RSS wants it (`Tue, 24 Nov 2026 06:00:00 GMT`). */
export function rssDate(date: Date): string {
  return date.toUTCString();
}

/** `1:02:03` or `2:03` (itunes:duration takes seconds or H:MM:SS). */
export function itunesDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * podcast:guid as the Podcasting 2.0 namespace defines it: a UUID v5 in the namespace
 * ead4c236-bf58-58c6-a2c6-a6b28d128cb6. Named here by `name` (a stable name of the feed, not its
 * URL, which changes with the token).
 */
export function podcastGuid(name: string): string {
  const ns = Buffer.from('ead4c236bf5858c6a2c6a6b28d128cb6', 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function addChannel(channel: XMLBuilder, c: FeedChannel): void {
  channel.ele('title').txt(c.title);
  channel.ele('link').txt(c.link);
  channel.ele('description').txt(c.description);
  channel.ele('language').txt(c.language);
  channel.ele('lastBuildDate').txt(rssDate(c.updatedAt));
  channel.ele('generator').txt('Audio Stream Recorder');
  channel.ele(ATOM_NS, 'atom:link', { href: c.selfUrl, rel: 'self', type: 'application/rss+xml' });
  const image = channel.ele('image');
  image.ele('url').txt(c.imageUrl);
  image.ele('title').txt(c.title);
  image.ele('link').txt(c.link);
  channel.ele(ITUNES_NS, 'itunes:author').txt(c.author);
  channel.ele(ITUNES_NS, 'itunes:summary').txt(c.description);
  channel.ele(ITUNES_NS, 'itunes:type').txt('episodic');
  channel.ele(ITUNES_NS, 'itunes:explicit').txt(c.explicit ? 'true' : 'false');
  channel.ele(ITUNES_NS, 'itunes:image', { href: c.imageUrl });
  channel.ele(ITUNES_NS, 'itunes:category', { text: c.category });
  const owner = channel.ele(ITUNES_NS, 'itunes:owner');
  owner.ele(ITUNES_NS, 'itunes:name').txt(c.author);
  channel.ele(PODCAST_NS, 'podcast:guid').txt(c.guid);
  channel.ele(PODCAST_NS, 'podcast:locked').txt('yes');
}

function addItem(channel: XMLBuilder, e: FeedEpisode): void {
  const item = channel.ele('item');
  item.ele('title').txt(e.title);
  item.ele('guid', { isPermaLink: 'false' }).txt(e.id);
  item.ele('pubDate').txt(rssDate(e.publishedAt));
  item.ele('description').txt(e.description);
  item.ele('enclosure', { url: e.url, length: String(e.bytes), type: 'audio/mpeg' });
  item.ele(ITUNES_NS, 'itunes:title').txt(e.title);
  item.ele(ITUNES_NS, 'itunes:duration').txt(itunesDuration(e.durationSeconds));
  if (e.episode !== null) item.ele(ITUNES_NS, 'itunes:episode').txt(String(e.episode));
  item.ele(ITUNES_NS, 'itunes:episodeType').txt('full');
}

/** The feed's XML (UTF-8), items in the order given (newest first). */
export function buildFeed(channel: FeedChannel, episodes: readonly FeedEpisode[]): string {
  const rss = create({ version: '1.0', encoding: 'UTF-8' }).ele('rss', {
    version: '2.0',
    'xmlns:itunes': ITUNES_NS,
    'xmlns:podcast': PODCAST_NS,
    'xmlns:atom': ATOM_NS,
  });
  const ch = rss.ele('channel');
  addChannel(ch, channel);
  for (const e of episodes) addItem(ch, e);
  return rss.end({ prettyPrint: true });
}
