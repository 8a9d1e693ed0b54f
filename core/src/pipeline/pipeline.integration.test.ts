// The whole pipeline against real programs: Icecast fed live by ffmpeg, a live HLS server, an
// OpenSSH server with its own host key, ffmpeg/ffprobe. Checks results with ffprobe.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../contract';
import { loadSettings } from '../config/settings';
import { createCore, type Core } from '../create-core';
import { DestinationEntity } from '../db/entities/schemas';
import { probe } from '../ffmpeg/probe';
import { spawnRunner } from '../ffmpeg/process';
import { normalizeArtwork } from '../processor/artwork';
import { startHlsServer, type HlsServer } from '../../test-support/hls-server';
import { startIcecast, type Feeder, type IcecastServer } from '../../test-support/icecast';
import { startSshd, type SshdServer } from '../../test-support/sshd';
import { sleep, waitUntil } from '../../test-support/wait';
import { decodeErrors } from '../../test-support/decode';
import { seedSshdDestination, seedStream } from './test-fixtures';

let icecast: IcecastServer;
let mp3Feeder: Feeder;
let hls: HlsServer;
let sshd: SshdServer;
let core: Core;
let dir: string;
const logs: LogEntry[] = [];

async function ffprobe(file: string) {
  return probe(spawnRunner, 'ffprobe', file);
}

async function recordAndWait(streamId: string, seconds: number, stopAfterMs?: number) {
  // start on the next whole second, as a schedule would, so the connect can happen just before
  const start = Math.ceil((Date.now() + 500) / 1000) * 1000;
  const run = await core.recordNow({
    streamId,
    scheduleId: null,
    windowStart: start,
    windowEnd: start + seconds * 1000,
  });
  if (stopAfterMs !== undefined) {
    await waitUntil(
      'recording',
      async () => (await core.sessions.get(run.session.id)).status === 'RECORDING',
      {
        timeoutMs: 10_000,
      },
    );
    await sleep(start + stopAfterMs - Date.now());
    core.active.stop(run.session.id);
  }
  const done = await run.done;
  return { done, start };
}

async function waitForTransfer(id: string, timeoutMs = 30_000) {
  await waitUntil(
    'transfer settled',
    async () => ['COMPLETED', 'FAILED'].includes((await core.sessions.get(id)).transferStatus),
    {
      timeoutMs,
    },
  );
  return core.sessions.get(id);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asr-pipeline-'));
  [icecast, hls, sshd] = await Promise.all([startIcecast(), startHlsServer(), startSshd()]);
  mp3Feeder = await icecast.addMount('/live.mp3', {
    codec: 'mp3',
    bitrateKbps: 128,
    name: 'Test FM',
  });
  await icecast.addMount('/live.aac', { codec: 'aac', bitrateKbps: 96 });
  // let Icecast's 64 KB burst buffer fill, so the connect-time burst is really there to trim
  await sleep(4500);
  const settings = loadSettings(
    { DATA_DIR: join(dir, 'data'), TZ: 'Europe/Berlin', LOG_LEVEL: 'debug' },
    dir,
  );
  core = await createCore(settings, {
    onLog: (e) => logs.push(e),
    retryDelayMs: () => 1500,
    env: { MIN_FREE_DISK_MB: '0' },
  });
  await seedSshdDestination(core.db, settings.configDir, sshd);
  const art = await normalizeArtwork(
    await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#c33' } })
      .png()
      .toBuffer(),
  );
  const artworkFile = join(settings.artworkDir, 'mp3.jpg');
  writeFileSync(artworkFile, art);
  const common = {
    artist: 'Test Artist',
    album: 'Test Album',
    albumArtist: 'Test Station',
    genre: 'Talk',
    destinationId: 'sftp',
  };
  await seedStream(core.db, {
    ...common,
    id: 'mp3',
    name: 'Morning Show',
    streamUrl: icecast.url('/live.mp3'),
    artworkFile,
  });
  await seedStream(core.db, {
    ...common,
    id: 'aac',
    name: 'AAC Show',
    streamUrl: icecast.url('/live.aac'),
  });
  await seedStream(core.db, { ...common, id: 'hls', name: 'HLS Show', streamUrl: hls.url });
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await Promise.allSettled([icecast?.stop(), hls?.stop(), sshd?.dispose()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('live stream → tagged MP3 → SFTP', () => {
  it('records 20 s of a live MP3 mount, tags it, and delivers it; the local copy is removed', async () => {
    const { done, start } = await recordAndWait('mp3', 20);
    expect(done.errorMessage).toBeNull();
    expect(done.status).toBe('COMPLETED');
    const s = await waitForTransfer(done.id);
    expect(s.transferStatus).toBe('COMPLETED');
    expect(s.outputFilePath).toBeNull();
    expect(readdirSync(core.settings.recordingsDir)).toEqual([]);
    const remote = sshd.localPathOf(s.remotePath!);
    expect(existsSync(remote)).toBe(true);
    expect(readdirSync(join(sshd.remoteRoot, 'shows')).filter((f) => f.endsWith('.part'))).toEqual(
      [],
    );
    expect(statSync(remote).size).toBe(s.fileSizeBytes);

    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
      new Date(start),
    );
    expect(s.remotePath).toBe(join(sshd.remoteRoot, 'shows', `${date} Morning Show.mp3`));
    const info = await ffprobe(remote);
    const duration = Number(info.format.duration);
    expect(Math.abs(duration - 20)).toBeLessThanOrEqual(0.2);
    expect(Math.abs((s.durationSeconds ?? 0) - 20)).toBeLessThanOrEqual(0.2);
    const tags = info.format.tags ?? {};
    const days = Math.round(
      (Date.parse(`${date}T00:00:00Z`) - Date.parse('2020-01-01T00:00:00Z')) / 86_400_000,
    );
    expect(tags).toMatchObject({
      title: `${date} Morning Show`,
      track: String(days),
      artist: 'Test Artist',
      album: 'Test Album',
      album_artist: 'Test Station',
      genre: 'Talk',
    });
    expect(tags.date).toMatch(new RegExp(`^${date.slice(0, 4)}`));
    expect(s).toMatchObject({
      title: `${date} Morning Show`,
      trackNumber: days,
      gaps: [],
      partial: false,
    });
    const audio = info.streams.find((x) => x.codec_type === 'audio');
    expect(audio?.codec_name).toBe('mp3');
    // stream copy: the source's 128 kb/s, not the stream's 192 kb/s encode setting
    expect(Math.round(Number(audio?.bit_rate) / 1000)).toBe(128);
    const cover = info.streams.find((x) => x.disposition?.attached_pic === 1);
    expect(cover?.codec_name).toBe('mjpeg');
    expect(cover?.tags?.comment).toBe('Cover (front)');
    expect(Number((cover as { width?: number }).width)).toBe(1000);
    // decodes from end to end
    expect(await decodeErrors('ffmpeg', remote)).toBe('');
    // the host key was pinned on this first success
    const dest = await core.db.reader.findOneByOrFail(DestinationEntity, { id: 'sftp' });
    expect(dest.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
  });

  it.each([
    ['aac', 'AAC Show'],
    ['hls', 'HLS Show'],
  ])('turns the %s stream into an MP3 the same way', async (streamId, name) => {
    const { done } = await recordAndWait(streamId, 8);
    expect(done.errorMessage).toBeNull();
    const s = await waitForTransfer(done.id);
    expect(s.transferStatus).toBe('COMPLETED');
    expect(s.remotePath).toMatch(new RegExp(`${name}\\.mp3$`));
    const info = await ffprobe(sshd.localPathOf(s.remotePath!));
    const audio = info.streams.find((x) => x.codec_type === 'audio');
    expect(audio?.codec_name).toBe('mp3');
    expect(Math.abs(Number(audio?.bit_rate) / 1000 - 192)).toBeLessThan(8);
    expect(Math.abs(Number(info.format.duration) - 8)).toBeLessThanOrEqual(0.3);
    expect(info.format.tags?.title).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2} ${name}$`));
  });

  it('keeps one file when the source drops for ~5 s mid-recording, records the gap, and ends on time', async () => {
    const recording = recordAndWait('mp3', 18);
    await sleep(5000);
    await mp3Feeder.stop();
    await sleep(5000);
    await mp3Feeder.start();
    const { done, start } = await recording;
    expect(done.status).toBe('COMPLETED');
    expect(Date.parse(done.endTime!) - (start + 18_000)).toBeLessThan(1000);
    expect(done.gaps.length).toBeGreaterThanOrEqual(1);
    const gapSeconds = done.gaps.reduce((t, g) => t + g.seconds, 0);
    expect(gapSeconds).toBeGreaterThan(3);
    expect(gapSeconds).toBeLessThan(9);
    const s = await waitForTransfer(done.id);
    const info = await ffprobe(sshd.localPathOf(s.remotePath!));
    // the file holds the audio that was there: the window less the gap
    expect(Math.abs(Number(info.format.duration) + gapSeconds - 18)).toBeLessThanOrEqual(0.5);
    expect(
      logs.some(
        (l) => l.sessionId === done.id && /reconnect|new part|failed|ended/i.test(l.message),
      ),
    ).toBe(true);
  });

  it('stopping a recording early yields a valid, tagged MP3 of what was captured', async () => {
    const { done } = await recordAndWait('mp3', 30, 6000);
    expect(done.status).toBe('COMPLETED');
    expect(done.partial).toBe(true);
    expect(done.durationSeconds).toBeGreaterThan(5);
    expect(done.durationSeconds).toBeLessThan(7.5);
    const s = await waitForTransfer(done.id);
    const remote = sshd.localPathOf(s.remotePath!);
    const info = await ffprobe(remote);
    expect(
      Math.abs(Number(info.format.duration) - (done.durationSeconds ?? 0)),
    ).toBeLessThanOrEqual(0.2);
    expect(info.format.tags?.title).toMatch(/Morning Show$/);
    await decodeErrors('ffmpeg', remote); // ffmpeg decodes it (exit code 0)
  });

  it('retries while the SSH server is down, keeps the file, and delivers once it is back', async () => {
    await sshd.stop();
    const { done } = await recordAndWait('mp3', 4);
    expect(done.status).toBe('COMPLETED');
    await waitUntil('first attempt', async () => (await core.sessions.get(done.id)).attempts >= 1, {
      timeoutMs: 20_000,
    });
    const waiting = await core.sessions.get(done.id);
    expect(waiting.transferStatus).toBe('PENDING');
    expect(waiting.errorMessage).toMatch(/unreachable|refused/i);
    expect(existsSync(waiting.outputFilePath!)).toBe(true);
    await sshd.start();
    const s = await waitForTransfer(done.id);
    expect(s.transferStatus).toBe('COMPLETED');
    expect(s.attempts).toBeGreaterThanOrEqual(2);
    expect(existsSync(sshd.localPathOf(s.remotePath!))).toBe(true);
    expect(existsSync(waiting.outputFilePath!)).toBe(false);
  });

  it('refuses a changed host key and keeps the recording', async () => {
    await sshd.stop();
    await sshd.regenerateHostKey();
    await sshd.start();
    const before = readdirSync(join(sshd.remoteRoot, 'shows')).length;
    const { done } = await recordAndWait('mp3', 5);
    expect(done.status).toBe('COMPLETED');
    const s = await waitForTransfer(done.id);
    expect(s.transferStatus).toBe('FAILED');
    expect(s.errorMessage).toMatch(/host key/i);
    expect(existsSync(s.outputFilePath!)).toBe(true);
    expect(readdirSync(join(sshd.remoteRoot, 'shows')).length).toBe(before);
  });
});
