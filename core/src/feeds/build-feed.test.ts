import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { NO_PODCAST } from '../../contract/podcast';
import { parseFeed } from '../../test-support/feed-parser';
import { sessionRecord } from '../pipeline/session-fixtures';
import { streamRecord } from '../pipeline/test-fixtures';
import { buildFeed, itunesDuration, podcastGuid } from './build-feed';
import { episodeDescription, episodeOf, streamChannel, type FeedPlace } from './feed-content';

const stream = streamRecord({
  name: 'Morning <Show> & "Friends"',
  streamUrl: 'https://radio.example/live.mp3',
  artist: 'Radio X',
  album: 'Mornings',
  albumArtist: 'Radio X',
  podcast: { ...NO_PODCAST, enabled: true, category: 'News', language: 'de-AT', explicit: true },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});
const place: FeedPlace = {
  origin: 'https://rec.example.org',
  token: 'tok_tok_tok_tok_tok_tok_tok_tok_',
  timeZone: 'Europe/Berlin',
};

describe('buildFeed', () => {
  it('writes RSS 2.0 with the iTunes and Podcasting 2.0 tags that feedparser reads back; station text escaped', async () => {
    const session = sessionRecord({
      id: 'sess-1',
      streamId: stream.id,
      status: 'COMPLETED',
      title: '2026-11-24 Morning <Show> & "Friends"',
      startTime: '2026-11-24T06:00:00.000Z',
      endTime: '2026-11-24T08:00:00.000Z',
      durationSeconds: 7200.4,
      trackNumber: 2519,
      fileSizeBytes: 123456,
      gaps: [{ at: '2026-11-24T06:30:00.000Z', seconds: 12 }],
      silences: [],
    });
    const url = 'https://rec.example.org/feeds/x/audio/sess-1.mp3';
    const xml = buildFeed(streamChannel(stream, place, new Date('2026-11-24T08:01:00Z')), [
      episodeOf(stream, session, url, place.timeZone),
    ]);
    expect(xml).toContain('<title>Morning &lt;Show&gt; &amp; "Friends"</title>');
    // Apple's values are true/false; feedparser 6 only maps the older yes/clean, so read it here
    expect(xml).toContain('<itunes:explicit>true</itunes:explicit>');
    const parsed = await parseFeed(xml);
    expect(parsed.bozo).toBe(false);
    expect(parsed.version).toBe('rss20');
    expect(parsed.feed).toMatchObject({
      title: stream.name,
      link: 'https://rec.example.org/',
      language: 'de-AT',
      author: 'Radio X',
      itunes_type: 'episodic',
      image: {
        href: 'https://rec.example.org/feeds/tok_tok_tok_tok_tok_tok_tok_tok_/artwork/stream-1.jpg',
      },
      tags: [{ term: 'News', scheme: 'http://www.itunes.com/' }],
      podcast_guid: podcastGuid('audio-stream-recorder/streams/stream-1'),
      podcast_locked: 'yes',
    });
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]).toMatchObject({
      title: session.title,
      id: 'sess-1',
      guidislink: false,
      published: 'Tue, 24 Nov 2026 06:00:00 GMT',
      itunes_duration: '2:00:00',
      itunes_episode: '2519',
      links: [{ rel: 'enclosure', href: url, length: '123456', type: 'audio/mpeg' }],
    });
    expect(parsed.entries[0]?.summary).toContain('1 gap without audio (12 s in all), at 07:30.');
  });

  it('makes podcast:guid a UUID v5 in the Podcasting 2.0 namespace (as the uuid package computes it)', () => {
    const ns = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';
    expect(podcastGuid('podcastindex.org/namespace/1.0')).toBe(
      uuidv5('podcastindex.org/namespace/1.0', ns),
    );
    expect(podcastGuid('x')).not.toBe(podcastGuid('y'));
  });

  it('tells durations as H:MM:SS', () => {
    expect(itunesDuration(59.6)).toBe('1:00');
    expect(itunesDuration(3725)).toBe('1:02:05');
  });
});

/** A recording of 06:00–08:00 UTC on 2026-11-24, without gaps or silences. */
function morningWindow(extra: Parameters<typeof sessionRecord>[0] = {}) {
  return sessionRecord({
    startTime: '2026-11-24T06:00:00.000Z',
    endTime: '2026-11-24T08:00:00.000Z',
    gaps: [],
    silences: [],
    ...extra,
  });
}

describe('episodeDescription', () => {
  it('tells the stream, the window in the app zone, gaps and silences', () => {
    const base = morningWindow();
    expect(episodeDescription({ name: 'Morning Show' }, base, 'Europe/Berlin')).toBe(
      'Morning Show, 2026-11-24 07:00–09:00 (Europe/Berlin). No gaps, no silences.',
    );
    const rough = {
      ...base,
      gaps: [
        { at: '2026-11-24T06:10:00.000Z', seconds: 30 },
        { at: '2026-11-24T06:20:00.000Z', seconds: 30 },
      ],
      silences: [{ at: '2026-11-24T06:41:00.000Z', seconds: 720 }],
    };
    expect(episodeDescription({ name: 'Morning Show' }, rough, 'Europe/Berlin')).toBe(
      'Morning Show, 2026-11-24 07:00–09:00 (Europe/Berlin). 2 gaps without audio (1 min in all), at 07:10, 07:20. 1 silence (12 min in all), at 07:41.',
    );
  });

  it('lists the station titles (native capture) at their local times', () => {
    const withTracks = morningWindow({
      tracks: [
        { at: '2026-11-24T06:00:00.000Z', title: 'Intro <b>' },
        { at: '2026-11-24T06:31:00.000Z', title: 'Miles Davis – So What' },
      ],
    });
    expect(episodeDescription({ name: 'Morning Show' }, withTracks, 'Europe/Berlin')).toBe(
      'Morning Show, 2026-11-24 07:00–09:00 (Europe/Berlin). No gaps, no silences. Tracklist: 07:00 Intro <b>; 07:31 Miles Davis – So What.',
    );
  });
});
