import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_PODCAST } from '../../contract/podcast';
import type { Database } from '../db/database';
import type { SessionRecord } from '../db/records';
import { createRepositories } from '../db/repositories';
import { createEventBus } from '../events/event-bus';
import { SessionStore } from '../pipeline/session-store';
import { insertSession } from '../pipeline/session-fixtures';
import { seedDestination, seedStream, testDatabase } from '../pipeline/test-fixtures';
import { systemClock } from '../ports/clock';
import { parseFeed } from '../../test-support/feed-parser';
import { FeedCovers } from './feed-artwork';
import { FeedService } from './feed-service';
import { FeedTokens } from './feed-token';

let dir: string;
let db: Database;
let feeds: FeedService;
let token: string;
const origin = 'http://127.0.0.1:8666';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feed-service-'));
  db = await testDatabase();
  const repos = createRepositories(db);
  const tokens = new FeedTokens(dir);
  token = await tokens.current();
  feeds = new FeedService({
    streams: repos.streams,
    sessions: new SessionStore(db, createEventBus(), systemClock),
    destinations: repos.destinations,
    tokens,
    covers: new FeedCovers(),
    timeZone: 'UTC',
  });
});
afterEach(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

/** A completed recording of `streamId` on day `day` of November, its MP3 `bytes` long (or gone). */
async function recording(
  streamId: string,
  day: number,
  bytes: number | null,
  extra: Partial<SessionRecord> = {},
) {
  const file = join(dir, `${streamId}-${day}.mp3`);
  if (bytes !== null) await writeFile(file, Buffer.alloc(bytes, day));
  const start = `2026-11-${String(day).padStart(2, '0')}T06:00:00.000Z`;
  return insertSession(db, {
    id: `${streamId}-${day}`,
    streamId,
    startTime: start,
    updatedAt: start,
    outputFilePath: file,
    fileSizeBytes: 1, // the feed states the file's own size
    ...extra,
  });
}

describe('FeedService', () => {
  it("lists an enabled stream's last keepEpisodes recordings that are still here, newest first, with their exact sizes", async () => {
    await seedStream(db, {
      id: 's1',
      podcast: { ...NO_PODCAST, enabled: true, keepEpisodes: 3 },
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    await recording('s1', 1, 1000);
    await recording('s1', 2, 2000);
    await recording('s1', 3, null); // cleaned up before the feed existed
    await recording('s1', 4, 4000);
    await recording('s1', 5, 5000);
    const feed = await feeds.feed(token, 's1', origin);
    const parsed = await parseFeed(feed!.xml);
    expect(parsed.entries.map((e) => e.id)).toEqual(['s1-5', 's1-4']);
    expect(parsed.entries.map((e) => (e.links as { length: string }[])[0]?.length)).toEqual([
      '5000',
      '4000',
    ]);
    expect((parsed.entries[0]?.links as { href: string }[])[0]?.href).toBe(
      `${origin}/feeds/${token}/audio/s1-5.mp3`,
    );
    expect(feed!.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(feed!.lastModified.toISOString()).toBe('2026-11-05T06:00:00.000Z');
    // the same content: the same ETag; a new recording: another
    expect((await feeds.feed(token, 's1', origin))!.etag).toBe(feed!.etag);
    await recording('s1', 6, 600);
    expect((await feeds.feed(token, 's1', origin))!.etag).not.toBe(feed!.etag);
  });

  it('answers nothing to a wrong token, a stream without a feed, or an unknown stream', async () => {
    await seedStream(db, { id: 's1', podcast: { ...NO_PODCAST, enabled: true } });
    await seedStream(db, { id: 's2' });
    const s = await recording('s2', 1, 100);
    expect(await feeds.feed('x'.repeat(32), 's1', origin)).toBeNull();
    expect(await feeds.feed(token, 's2', origin)).toBeNull();
    expect(await feeds.feed(token, 'nope', origin)).toBeNull();
    expect(await feeds.audio(token, s.id)).toBeNull();
    expect(await feeds.audio(token, 'nope')).toBeNull();
    expect(await feeds.cover('x'.repeat(32), 's1')).toBeNull();
    expect(await feeds.cover(token, 's2')).toBeNull();
  });

  it('serves the audio of an enabled stream, merges every enabled stream in all.xml, and lists the feeds', async () => {
    await seedStream(db, { id: 'a', name: 'Alpha', podcast: { ...NO_PODCAST, enabled: true } });
    await seedStream(db, {
      id: 'b',
      name: 'Beta',
      podcast: { ...NO_PODCAST, enabled: true, title: 'B show' },
    });
    await seedStream(db, { id: 'c', name: 'Gamma' });
    await recording('a', 1, 10);
    await recording('b', 2, 20);
    await recording('c', 3, 30);
    expect(await feeds.audio(token, 'b-2')).toMatchObject({ bytes: 20 });
    const all = await parseFeed((await feeds.feed(token, null, origin))!.xml);
    expect(all.entries.map((e) => e.id)).toEqual(['b-2', 'a-1']);
    expect(await feeds.list(origin)).toEqual([
      { streamId: 'a', title: 'Alpha', url: `${origin}/feeds/${token}/a.xml` },
      { streamId: 'b', title: 'B show', url: `${origin}/feeds/${token}/b.xml` },
      { streamId: null, title: 'All recordings', url: `${origin}/feeds/${token}/all.xml` },
    ]);
  });

  it("with the destination's publicBaseUrl: delivered episodes are served there, the others by the recorder; the uploaded feed lists only the delivered ones", async () => {
    await seedDestination(db, {
      id: 'd1',
      remoteDir: '/srv/pod',
      publicBaseUrl: 'https://example.org/pod',
    });
    await seedStream(db, {
      id: 's1',
      destinationId: 'd1',
      podcast: { ...NO_PODCAST, enabled: true },
    });
    const delivered = { transferStatus: 'COMPLETED' as const };
    await recording('s1', 1, 1000, { ...delivered, remotePath: '/srv/pod/Morning Show 1.mp3' });
    await recording('s1', 2, 2000);
    // delivered, its local copy removed: its size is the session's
    await recording('s1', 3, null, {
      ...delivered,
      remotePath: '/srv/pod/three.mp3',
      fileSizeBytes: 3000,
    });
    const links = (xml: string) =>
      parseFeed(xml).then((f) =>
        f.entries.map((e) => {
          const link = (e.links as { href: string; length: string }[])[0];
          return [e.id, link?.href, link?.length];
        }),
      );

    expect(await links((await feeds.feed(token, 's1', origin))!.xml)).toEqual([
      ['s1-3', 'https://example.org/pod/three.mp3', '3000'],
      ['s1-2', `${origin}/feeds/${token}/audio/s1-2.mp3`, '2000'],
      ['s1-1', 'https://example.org/pod/Morning%20Show%201.mp3', '1000'],
    ]);
    const pub = await feeds.publicFeed('s1');
    expect(pub?.destination.id).toBe('d1');
    expect(pub?.episodes).toBe(2);
    expect(pub?.xml).not.toContain(token);
    expect(await links(pub!.xml)).toEqual([
      ['s1-3', 'https://example.org/pod/three.mp3', '3000'],
      ['s1-1', 'https://example.org/pod/Morning%20Show%201.mp3', '1000'],
    ]);
    const channel = (await parseFeed(pub!.xml)).feed;
    expect(channel.image).toMatchObject({ href: 'https://example.org/pod/feed.jpg' });
    expect(pub!.cover.subarray(0, 2).toString('hex')).toBe('ffd8'); // a JPEG
    // no publicBaseUrl, or no feed: nothing to upload
    await seedDestination(db, { id: 'd2', publicBaseUrl: null });
    await seedStream(db, {
      id: 's2',
      destinationId: 'd2',
      podcast: { ...NO_PODCAST, enabled: true },
    });
    await seedStream(db, { id: 's3', destinationId: 'd1' });
    expect(await feeds.publicFeed('s2')).toBeNull();
    expect(await feeds.publicFeed('s3')).toBeNull();
  });
});
