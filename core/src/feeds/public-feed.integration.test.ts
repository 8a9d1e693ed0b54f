// The feed published on the destination (issue 14, 3b), through the real engine and the test's
// real OpenSSH server: with publicBaseUrl set, each delivery puts feed.xml (and its cover) next
// to the MP3s; a tiny HTTP server serves the remote folder as that publicBaseUrl; Debian's
// feedparser reads the feed, each enclosure is fetched from there with its exact length, and the
// next delivery replaces the feed (two items, no .part left). MP3s made by ffmpeg stand for
// recordings (no recording: processed files keep this test short).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../contract';
import type { DestinationDto } from '../../contract/operations/destinations';
import type { StreamDto } from '../../contract/operations/streams';
import { loadSettings } from '../config/settings';
import { createCore, type Core } from '../create-core';
import { completedRecording } from '../../test-support/completed-recording';
import { parseFeed, type ParsedFeed } from '../../test-support/feed-parser';
import { startSshd, type SshdServer } from '../../test-support/sshd';
import { serveDirectory } from '../../test-support/static-server';
import { waitUntil } from '../../test-support/wait';

let root: string;
let core: Core;
let sshd: SshdServer;
let web: { server: Server; port: number };
let publicBaseUrl: string;
let remoteDir: string;
let streamId: string;
const logs: LogEntry[] = [];

/** A completed recording of the stream, `seconds` of MP3 made by ffmpeg, due for delivery now. */
async function recording(day: number, seconds: number) {
  const s = await completedRecording(core, {
    streamId,
    day,
    seconds,
    file: join(core.settings.recordingsDir, `2026-11-0${day} Morning Show.mp3`),
    title: `2026-11-0${day} Morning Show`,
    extra: { nextTransferAt: new Date().toISOString() },
  });
  core.transfers.kick();
  return s.id;
}

/** The feed on the SSH server once it lists `items` recordings. */
function feedWith(items: number): Promise<ParsedFeed> {
  return waitUntil(
    `feed.xml with ${items} item(s) on the SSH server`,
    async () => {
      const path = join(remoteDir, 'feed.xml');
      if (!existsSync(path)) return false;
      const parsed = await parseFeed(readFileSync(path, 'utf8'));
      return parsed.entries.length === items ? parsed : false;
    },
    { timeoutMs: 120_000, intervalMs: 300 },
  );
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'asr-public-feed-'));
  sshd = await startSshd();
  web = await serveDirectory(sshd.remoteRoot);
  publicBaseUrl = `http://127.0.0.1:${web.port}/podcasts`;
  remoteDir = join(sshd.remoteRoot, 'podcasts');
  const settings = loadSettings({ DATA_DIR: join(root, 'data'), TZ: 'UTC' }, root);
  // debug: the log would say so if the server's posix-rename were not used
  core = await createCore(settings, { env: { LOG_LEVEL: 'debug' }, onLog: (e) => logs.push(e) });
  const destination = (await core.invoke('destinations.create', {
    name: 'Web server',
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    remoteDir,
    privateKey: sshd.privateKey,
    publicBaseUrl: `${publicBaseUrl}/`,
  })) as DestinationDto;
  expect(destination.publicBaseUrl).toBe(publicBaseUrl);
  const stream = (await core.invoke('streams.create', {
    name: 'Morning Show',
    streamUrl: 'http://127.0.0.1:9/live.mp3',
    artist: 'Radio X',
    album: 'Mornings',
    albumArtist: 'Radio X',
    destinationId: destination.id,
    podcast: { enabled: true, keepEpisodes: 5, category: 'News', language: 'en' },
  })) as StreamDto;
  streamId = stream.id;
}, 120_000);

afterAll(async () => {
  await core?.stop();
  await new Promise((resolve) => web?.server.close(resolve));
  await sshd?.dispose();
  rmSync(root, { recursive: true, force: true });
}, 60_000);

/** Each enclosure fetched from the public web server: its whole length is the enclosure's. */
async function expectServedUnderPublicBaseUrl(feed: ParsedFeed): Promise<void> {
  for (const entry of feed.entries) {
    const enclosure = (entry.links as { href: string; length: string; type: string }[])[0]!;
    expect(enclosure.type).toBe('audio/mpeg');
    expect(enclosure.href.startsWith(`${publicBaseUrl}/`)).toBe(true);
    const res = await fetch(enclosure.href);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(Number(enclosure.length));
  }
}

describe('the podcast feed published on the destination (real engine, real sshd)', () => {
  it('arrives as feed.xml next to the MP3 after a delivery, its enclosures served under publicBaseUrl', async () => {
    const first = await recording(1, 2);
    const feed = await feedWith(1);
    expect(feed.bozo).toBe(false);
    expect(feed.feed).toMatchObject({
      title: 'Morning Show',
      language: 'en',
      itunes_type: 'episodic',
    });
    expect((feed.feed.image as { href: string }).href).toBe(`${publicBaseUrl}/feed.jpg`);
    const session = await core.sessions.get(first);
    expect(session.transferStatus).toBe('COMPLETED');
    expect(feed.entries.map((e) => e.id)).toEqual([first]);
    expect((feed.entries[0]?.links as { href: string }[])[0]?.href).toBe(
      `${publicBaseUrl}/2026-11-01%20Morning%20Show.mp3`,
    );
    expect(readdirSync(remoteDir).sort()).toEqual([
      '2026-11-01 Morning Show.mp3',
      'feed.jpg',
      'feed.xml',
    ]);
    await expectServedUnderPublicBaseUrl(feed);
    const cover = await fetch(`${publicBaseUrl}/feed.jpg`);
    expect(cover.status).toBe(200);
    expect(
      Buffer.from(await cover.arrayBuffer())
        .subarray(0, 2)
        .toString('hex'),
    ).toBe('ffd8');
  }, 180_000);

  it('is replaced after the next delivery: two items, no .part left behind', async () => {
    const before = readFileSync(join(remoteDir, 'feed.xml'), 'utf8');
    const second = await recording(2, 3);
    const feed = await feedWith(2);
    expect(readFileSync(join(remoteDir, 'feed.xml'), 'utf8')).not.toBe(before);
    expect(feed.entries[0]?.id).toBe(second);
    expect(readdirSync(remoteDir).filter((f) => f.endsWith('.part'))).toEqual([]);
    await expectServedUnderPublicBaseUrl(feed);
    const published = logs.filter((e) => e.message.startsWith('Podcast feed published'));
    expect(published.map((e) => e.message)).toEqual([
      `Podcast feed published on Web server: ${publicBaseUrl}/feed.xml (1 episode).`,
      `Podcast feed published on Web server: ${publicBaseUrl}/feed.xml (2 episodes).`,
    ]);
    expect(logs.filter((e) => /podcast feed was not uploaded/.test(e.message))).toEqual([]);
    expect(logs.filter((e) => /lacks posix-rename/.test(e.message))).toEqual([]);
  }, 180_000);
});
