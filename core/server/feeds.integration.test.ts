// Podcast feeds through the real engine and HTTP host: MP3s made by ffmpeg as three completed
// recordings of a stream with a podcast, the feed read by Debian's feedparser, each enclosure
// fetched with Range, a wrong token, and the same URLs after a restart and after backup → wipe →
// restore. (No recording: processed files keep this test short.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackupDocument,
  CalendarDto,
  FeedListDto,
  ScheduleDto,
  StreamDto,
} from '../contract/operations';
import { loadSettings, type Settings } from '../src/config/settings';
import { createCore, type Core } from '../src/create-core';
import { completedRecording } from '../test-support/completed-recording';
import { parseFeed } from '../test-support/feed-parser';
import { parseICalendar } from '../test-support/icalendar-parser';
import { buildServer } from './build-server';

let root: string;
let core: Core;
let app: FastifyInstance;
let base: string;
let streamId: string;
const API_KEY = 'feeds-test-api-key-0123456789abcdef';

async function start(settings: Settings): Promise<void> {
  core = await createCore(settings, { env: {} });
  app = await buildServer(core, { rendererDir: join(root, 'no-ui') });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
}
async function stop(): Promise<void> {
  await app.close();
  await core.stop();
}
function settingsIn(dir: string): Settings {
  return loadSettings(
    { DATA_DIR: join(root, dir), API_KEY, ADMIN_PASSWORD: 'feeds test password', TZ: 'UTC' },
    root,
  );
}
const feedsList = async () => (await core.invoke('feeds.list', {})) as FeedListDto;

/** A completed recording of `streamId`, `seconds` of MP3 made by ffmpeg. */
function recording(streamId: string, day: number, seconds: number) {
  return completedRecording(core, {
    streamId,
    day,
    seconds,
    file: join(core.settings.recordingsDir, `show-${day}.mp3`),
    title: `2026-11-0${day} Morning <Show>`,
    extra: { transferStatus: 'SKIPPED' },
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'asr-feeds-'));
  await start(settingsIn('one'));
  const stream = (await core.invoke('streams.create', {
    name: 'Morning <Show> & Friends',
    streamUrl: 'http://127.0.0.1:9/live.mp3',
    artist: 'Radio X',
    album: 'Mornings',
    albumArtist: 'Radio X',
    podcast: { enabled: true, keepEpisodes: 2, category: 'News', language: 'en' },
  })) as StreamDto;
  streamId = stream.id;
  for (const day of [1, 2, 3]) await recording(stream.id, day, 2);
}, 120_000);
afterAll(async () => {
  await stop();
  rmSync(root, { recursive: true, force: true });
});

describe('podcast feeds (real engine and server)', () => {
  it('serves a feed feedparser reads with every element, and each enclosure with Range', async () => {
    const list = await feedsList();
    const feed = list.items.find((f) => f.streamId !== null)!;
    const res = await fetch(base + feed.url);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const parsed = await parseFeed(xml);
    expect(parsed.bozo).toBe(false);
    // Apple's required channel tags
    expect(parsed.feed).toMatchObject({
      title: 'Morning <Show> & Friends',
      language: 'en',
      author: 'Radio X',
      itunes_type: 'episodic',
      podcast_locked: 'yes',
      tags: [{ term: 'News' }],
    });
    expect(String((parsed.feed.image as { href: string }).href)).toMatch(/\/artwork\/.+\.jpg$/);
    expect(parsed.feed.subtitle).toBeTruthy();
    expect(xml).toContain('<itunes:explicit>false</itunes:explicit>');
    expect(parsed.feed.podcast_guid).toMatch(/^[0-9a-f-]{36}$/);
    // keepEpisodes = 2: the last two of three
    expect(parsed.entries.map((e) => e.itunes_episode)).toEqual(['2503', '2502']);
    for (const entry of parsed.entries) {
      expect(entry).toMatchObject({ guidislink: false, itunes_duration: '0:02' });
      expect(entry.title).toMatch(/Morning <Show>/);
      const enclosure = (entry.links as { href: string; length: string; type: string }[])[0]!;
      expect(enclosure.type).toBe('audio/mpeg');
      const whole = Buffer.from(await (await fetch(enclosure.href)).arrayBuffer());
      expect(whole.length).toBe(Number(enclosure.length));
      const part = await fetch(enclosure.href, { headers: { range: 'bytes=10-209' } });
      expect(part.status).toBe(206);
      expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(10, 210))).toBe(true);
    }
    const cover = await fetch((parsed.feed.image as { href: string }).href);
    expect([cover.status, cover.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
  });

  it('answers a wrong token with a bare 404', async () => {
    const feed = (await feedsList()).items[0]!;
    const wrong = feed.url.replace(/\/feeds\/[^/]+\//, `/feeds/${'A'.repeat(32)}/`);
    const res = await fetch(base + wrong);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('{"error":{"code":"NOT_FOUND","message":"Not found."}}');
  });

  it('serves the upcoming runs as iCalendar under the token (python3-icalendar reads it)', async () => {
    const schedule = (await core.invoke('schedules.create', {
      streamId,
      name: 'Breakfast; early',
      cronExpression: '0 6 * * *',
      durationMinutes: 60,
    })) as ScheduleDto;
    const list = await feedsList();
    const token = list.items[0]!.url.split('/')[2]!;
    expect(list.scheduleUrl).toBe(`/feeds/${token}/schedule.ics`);
    const res = await fetch(base + list.scheduleUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const parsed = await parseICalendar(await res.text());
    // the runs of the next 31 days, the same as the calendar's, each called by the schedule's name
    const calendar = (await core.invoke('calendar.upcoming', { days: 31 })) as CalendarDto;
    expect(calendar.items.length).toBeGreaterThanOrEqual(30);
    expect(parsed.events.map((e) => Date.parse(e.start))).toEqual(
      calendar.items.map((r) => Date.parse(r.start)),
    );
    expect(new Set(parsed.events.map((e) => e.summary))).toEqual(
      new Set(['Recording: Breakfast; early']),
    );
    expect(parsed.events[0]!.description).toBe(
      '“Breakfast; early”: records “Morning <Show> & Friends”.',
    );
    // a wrong token: the feeds' bare 404; the API key is not needed and not enough
    const wrong = await fetch(`${base}/feeds/${'A'.repeat(32)}/schedule.ics`, {
      headers: { 'x-api-key': API_KEY },
    });
    expect([wrong.status, await wrong.text()]).toEqual([
      404,
      '{"error":{"code":"NOT_FOUND","message":"Not found."}}',
    ]);
    // a new token: the old calendar URL stops working, the new one works
    const fresh = (await core.invoke('feeds.regenerateToken', {})) as FeedListDto;
    expect(fresh.scheduleUrl).not.toBe(list.scheduleUrl);
    expect((await fetch(base + list.scheduleUrl)).status).toBe(404);
    expect((await fetch(base + fresh.scheduleUrl)).status).toBe(200);
    await core.invoke('schedules.delete', { id: schedule.id });
  });

  it('keeps the same URLs after a restart and after backup → wipe → restore', async () => {
    const before = (await feedsList()).items.map((f) => f.url);
    const backup = (await core.invoke('backup.get', {})) as BackupDocument;
    await stop();
    await start(settingsIn('one'));
    expect((await feedsList()).items.map((f) => f.url)).toEqual(before);
    expect((await fetch(base + before[0]!)).status).toBe(200);
    await stop();
    // a new installation (nothing of the old one) restores the backup
    await start(settingsIn('two'));
    expect((await feedsList()).items.map((f) => f.url)).not.toEqual(before);
    await core.invoke('backup.restore', JSON.parse(JSON.stringify(backup)));
    expect((await feedsList()).items.map((f) => f.url)).toEqual(before);
    expect(readFileSync(join(core.settings.configDir, 'keys', 'feed-token'), 'utf8').trim()).toBe(
      before[0]!.split('/')[2],
    );
  });
});
