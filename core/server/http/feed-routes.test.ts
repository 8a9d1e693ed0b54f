import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PODCAST } from '../../contract/podcast';
import type { Database } from '../../src/db/database';
import { createRepositories } from '../../src/db/repositories';
import { createEventBus } from '../../src/events/event-bus';
import { createFeedService, type FeedService } from '../../src/feeds/feed-service';
import { insertSession } from '../../src/pipeline/session-fixtures';
import { SessionStore } from '../../src/pipeline/session-store';
import { seedStream, testDatabase } from '../../src/pipeline/test-fixtures';
import { systemClock } from '../../src/ports/clock';
import { registerFeedRoutes } from './feed-routes';

let dir: string;
let db: Database;
let app: FastifyInstance;
let feeds: FeedService;
let token: string;
const audio = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feed-routes-'));
  db = await testDatabase();
  await seedStream(db, {
    id: 's1',
    podcast: { ...NO_PODCAST, enabled: true },
    updatedAt: '2026-11-01T00:00:00.000Z',
  });
  const file = join(dir, 'one.mp3');
  await writeFile(file, audio);
  await insertSession(db, { id: 'rec-1', streamId: 's1', outputFilePath: file });
  feeds = createFeedService({
    streams: createRepositories(db).streams,
    sessions: new SessionStore(db, createEventBus(), systemClock),
    destinations: createRepositories(db).destinations,
    configDir: dir,
    timeZone: 'UTC',
  });
  token = (await feeds.list('')).at(-1)!.url.split('/')[2]!;
  app = Fastify();
  registerFeedRoutes(app, feeds, undefined, async () => ({
    text: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    contentType: 'text/calendar; charset=utf-8',
  }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('feed routes', () => {
  it('answers the feed as RSS with ETag and Last-Modified, and 304 to a client that has it', async () => {
    const res = await app.inject({
      url: `/feeds/${token}/s1.xml`,
      headers: { host: 'rec.lan:8666' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.body).toContain(
      `<enclosure url="http://rec.lan:8666/feeds/${token}/audio/rec-1.mp3" length="5000" type="audio/mpeg"/>`,
    );
    const etag = String(res.headers.etag);
    const lastModified = String(res.headers['last-modified']);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(new Date(lastModified).toISOString()).toBe('2026-11-24T06:00:00.000Z');
    const again = await app.inject({
      url: `/feeds/${token}/s1.xml`,
      headers: { host: 'rec.lan:8666', 'if-none-match': etag },
    });
    expect([again.statusCode, again.body]).toEqual([304, '']);
    const since = await app.inject({
      url: `/feeds/${token}/s1.xml`,
      headers: { host: 'rec.lan:8666', 'if-modified-since': lastModified },
    });
    expect(since.statusCode).toBe(304);
    const stale = await app.inject({
      url: `/feeds/${token}/s1.xml`,
      headers: { host: 'rec.lan:8666', 'if-none-match': '"other"' },
    });
    expect(stale.statusCode).toBe(200);
    expect((await app.inject({ url: `/feeds/${token}/all.xml` })).statusCode).toBe(200);
  });

  it('serves an episode with Range (206, the exact bytes), ETag and Last-Modified', async () => {
    const url = `/feeds/${token}/audio/rec-1.mp3`;
    const part = await app.inject({ url, headers: { range: 'bytes=100-1099' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-1099/5000');
    expect(part.rawPayload.equals(audio.subarray(100, 1100))).toBe(true);
    const whole = await app.inject({ url });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/mpeg');
    expect(whole.rawPayload.equals(audio)).toBe(true);
    expect(whole.headers.etag).toBeTruthy();
    expect(whole.headers['last-modified']).toBeTruthy();
  });

  it('serves the calendar of upcoming runs under the token', async () => {
    const res = await app.inject({ url: `/feeds/${token}/schedule.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.body).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  });

  it('serves the cover as a 1400 px square JPEG', async () => {
    const res = await app.inject({ url: `/feeds/${token}/artwork/s1.jpg` });
    expect(res.statusCode).toBe(200);
    const meta = await sharp(res.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1400, 1400]);
  });

  it('answers the same bare 404 to a wrong token, a wrong name and an unknown episode', async () => {
    const wrong = 'A'.repeat(32);
    const urls = [
      `/feeds/${wrong}/s1.xml`,
      `/feeds/${wrong}/all.xml`,
      `/feeds/${wrong}/audio/rec-1.mp3`,
      `/feeds/${wrong}/artwork/s1.jpg`,
      `/feeds/${wrong}/schedule.ics`,
      `/feeds/${token}/schedule.xml`,
      `/feeds/${token}/s1.rss`,
      `/feeds/${token}/nope.xml`,
      `/feeds/${token}/audio/nope.mp3`,
    ];
    for (const url of urls) {
      const res = await app.inject({ url });
      expect([url, res.statusCode, res.body]).toEqual([
        url,
        404,
        '{"error":{"code":"NOT_FOUND","message":"Not found."}}',
      ]);
    }
  });
});
