import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childLives, moment, type Moment } from '../../test-support/child-lives';
import { startFaultServer, type FaultServer } from '../../test-support/fault-server';
import { startHlsServer, type HlsServer } from '../../test-support/hls-server';
import { startIcecast, type Feeder, type IcecastServer } from '../../test-support/icecast';
import { TEST_FM_MP3_PROBE } from '../../test-support/probe-answers';
import { freePort } from '../../test-support/free-port';
import { spawnTracked } from '../../test-support/processes';
import { windowRecorder, type RecordFn, type Recording } from '../../test-support/record-window';
import { sleep } from '../../test-support/wait';
import { detectCapabilities } from '../ffmpeg/capabilities';
import { buildCaptureArgs } from '../ffmpeg/capture-args';
import { locateFfmpeg } from '../ffmpeg/locate';
import { runToCompletion, spawnRunner } from '../ffmpeg/process';
import { resolveStreamUrl } from './playlist';
import { probeStream } from './probe-stream';
import type { RecordingProgress, RecordingResult } from './types';
import { assertNetworkUrl, protocolWhitelist } from './url-policy';

const run = promisify(execFile);
const { ffmpeg, ffprobe } = locateFfmpeg();

/** Codec and duration of a file as ffprobe reads it. */
async function inspect(path: string): Promise<{ codec: string; duration: number }> {
  const { stdout } = await run(ffprobe, [
    ...['-v', 'error', '-select_streams', 'a:0'],
    ...['-show_entries', 'stream=codec_name:format=duration', '-of', 'json', path],
  ]);
  const info = JSON.parse(stdout) as {
    streams?: { codec_name?: string }[];
    format?: { duration?: string };
  };
  return { codec: info.streams?.[0]?.codec_name ?? '', duration: Number(info.format?.duration) };
}

/** Seconds of audio the processor will keep: sum of min(media, keepSeconds). */
async function keptSeconds(result: RecordingResult): Promise<number> {
  let total = 0;
  for (const part of result.parts) {
    const { duration } = await inspect(part.path);
    total += Math.min(duration, part.keepSeconds ?? duration);
  }
  return total;
}

const gapSeconds = (r: RecordingResult) => r.gaps.reduce((s, g) => s + g.seconds, 0);

let root: string;
let ice: IcecastServer;
let fault: FaultServer;
let fault2: FaultServer;
let hls: HlsServer;
let dropFeeder: Feeder;

/*
 * These tests are about ffmpeg's captures (Matroska parts, ffmpeg's I/O timeout and progress):
 * the native reader is kept out. Native captures: recorder/native/native-capture.integration.
 */
const recordAny = windowRecorder(() => root, 'it');
const record: RecordFn = (urls, seconds, extra = {}, leadMs) =>
  recordAny(urls, seconds, { nativeCapture: false, ...extra }, leadMs);

/**
 * record(), also telling how much of the time from the window's end (or `from`, e.g. an abort)
 * until it returned was the recorder's own: its children's time (ffmpeg finalizing a part after
 * `q`, ffprobe reading the parts) and the CPU waiting of this process are taken out. Both grow
 * with the machine's load (ffmpeg took up to 4.3 s to start at a load average of 20); the bounds
 * on returning are about the recorder not lingering (a backoff or a timer running past the end).
 */
async function timedRecord(
  urls: string | readonly string[],
  seconds: number,
  extra: Parameters<RecordFn>[2] = {},
  from?: () => Moment | undefined,
): Promise<Recording & { ownAfterMs: number }> {
  const children = childLives();
  const windowStart = Date.now() + 2500;
  const windowEnd = windowStart + seconds * 1000;
  // the CPU waiting so far, as near the window's end as this process gets to look (a look that
  // comes late takes less waiting out, never more)
  let atEnd: Moment | undefined;
  const look = setTimeout(() => (atEnd = moment()), windowEnd - Date.now());
  try {
    const rec = await record(urls, seconds, { runner: children.runner, windowStart, ...extra });
    const returned = { at: rec.returnedAt, waitingMs: moment().waitingMs };
    const start = from?.() ?? {
      at: rec.result.windowEnd,
      waitingMs: (atEnd ?? returned).waitingMs,
    };
    return { ...rec, ownAfterMs: children.ownMs(start, returned) };
  } finally {
    clearTimeout(look);
  }
}

/**
 * A recording's onProgress, and a promise that resolves once two reports of audio arriving have
 * come (or after 30 s, so that a recording that never gets audio fails on its own assertions).
 */
function audioFlowing(): Promise<void> & { onProgress: (p: RecordingProgress) => void } {
  let reports = 0;
  let flowing = () => {};
  const promise = new Promise<void>((resolve) => {
    const giveUp = setTimeout(resolve, 30_000);
    flowing = () => {
      clearTimeout(giveUp);
      resolve();
    };
  });
  return Object.assign(promise, {
    onProgress: (p: RecordingProgress) => {
      if (p.state === 'recording' && ++reports >= 2) flowing();
    },
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'asr-recorder-it-'));
  [ice, fault, fault2, hls] = await Promise.all([
    startIcecast(),
    startFaultServer(),
    startFaultServer(),
    startHlsServer(),
    // learnt once before any window, as the app does at start-up (createCore): on a busy machine
    // it took longer than (a)'s whole window, which then passed with no attempt at all
    detectCapabilities(spawnRunner, ffmpeg),
  ]);
  [, , dropFeeder] = await Promise.all([
    ice.addMount('/live.mp3', { codec: 'mp3', name: 'Test FM' }),
    ice.addMount('/live.aac', { codec: 'aac' }),
    ice.addMount('/drop.mp3', { codec: 'mp3' }),
  ]);
  // let the mounts fill Icecast's 64 KB burst (~4 s at 128 kb/s)
  await sleep(4000);
});

afterAll(async () => {
  await Promise.all([ice?.stop(), fault?.stop(), fault2?.stop(), hls?.stop()]);
  if (root) await rm(root, { recursive: true, force: true });
});

describe('recordWindow against real servers', () => {
  it('(a) records exactly the window of a live Icecast MP3 mount, trimming the burst', async () => {
    const rec = await timedRecord([ice.url('/live.mp3')], 8);
    const { result } = rec;
    expect(result.stoppedEarly).toBe(false);
    expect(result.gaps).toEqual([]);
    expect(result.parts).toHaveLength(1);
    const part = result.parts[0]!;
    const media = await inspect(part.path);
    expect(media.codec).toBe('mp3');
    expect(part.codec).toBe('mp3');
    // the raw capture holds the early connect and the server's burst: longer than the window
    // (by how much depends on how early ffmpeg got connected on a busy machine: 2-6 s idle,
    // 0.6 s seen with two test files at once; the trim below is what matters)
    expect(media.duration).toBeGreaterThan(8 + 0.3);
    expect(part.keepSeconds).toBeCloseTo(8, 1);
    expect(Math.abs((await keptSeconds(result)) - 8)).toBeLessThanOrEqual(0.2);
    expect(rec.ownAfterMs, rec.log).toBeLessThan(1500);
    expect(part.startedAt).toBeLessThan(result.windowStart + 500);
  });

  it('(b) captures AAC from Icecast and from HLS as aac parts', async () => {
    const [aac, fromHls] = await Promise.all([
      record([ice.url('/live.aac')], 6),
      record([hls.url], 8),
    ]);
    for (const [rec, seconds] of [
      [aac, 6],
      [fromHls, 8],
    ] as const) {
      expect(rec.result.parts.length, rec.log).toBeGreaterThanOrEqual(1);
      for (const part of rec.result.parts) {
        expect((await inspect(part.path)).codec).toBe('aac');
        expect(part.codec).toBe('aac');
      }
      expect(
        Math.abs((await keptSeconds(rec.result)) + gapSeconds(rec.result) - seconds),
      ).toBeLessThan(0.3);
    }
    expect(aac.result.gaps).toEqual([]);
  });

  it('(c) reconnects when the source drops for 5 s, records the gap, ends on time', async () => {
    const windowSeconds = 16;
    // when the source was actually gone and back: on a busy machine later than planned (+4 s)
    let droppedAt = 0;
    let backAt = 0;
    const dropped = (async () => {
      await sleep(2500 + 4000);
      droppedAt = Date.now();
      await dropFeeder.stop();
      await sleep(5000);
      await dropFeeder.start();
      backAt = Date.now();
    })();
    // meanwhile, a network blip on a server that keeps broadcasting: its burst fills the gap
    const blip = (async () => {
      await sleep(2500 + 4000);
      fault.dropFor(2);
    })();
    const [rec, blipRec] = await Promise.all([
      timedRecord([ice.url('/drop.mp3')], windowSeconds, { tuning: { stopGraceMs: 2000 } }),
      record([fault.url('/drop.mp3')], 12),
      dropped,
      blip,
    ]);
    const { result } = rec;
    expect(result.parts.length, rec.log).toBeGreaterThanOrEqual(2);
    expect(result.gaps.length, rec.log).toBe(1);
    const gap = result.gaps[0]!;
    // the source was gone 5 s (longer when its feeder was slow to stop and start again): the gap
    // is that outage, plus at most 3.5 s of reconnecting, and begins within -1/+1.5 s of it
    expect(gap.seconds).toBeGreaterThan(3);
    expect(gap.seconds).toBeLessThan((backAt - droppedAt) / 1000 + 3.5);
    const gapAt = Date.parse(gap.at) - droppedAt;
    expect(gapAt).toBeGreaterThan(-1000);
    expect(gapAt).toBeLessThan(1500);
    expect(Math.abs((await keptSeconds(result)) + gapSeconds(result) - windowSeconds)).toBeLessThan(
      0.3,
    );
    expect(rec.ownAfterMs, rec.log).toBeLessThan(1500);
    expect(rec.log).toMatch(/warn Stream dropped/);
    expect(rec.logger.entries.every((e) => e.sessionId === rec.sessionId)).toBe(true);
    // parts never overwrite each other
    const files = (await readdir(rec.partsDir)).sort();
    expect(files).toEqual(result.parts.map((p) => p.path.split('/').pop()).sort());

    // the blip: reconnected, and the burst covered almost all of it
    expect(blipRec.result.parts.length, blipRec.log).toBeGreaterThanOrEqual(2);
    expect(gapSeconds(blipRec.result)).toBeLessThan(1.5);
    expect(fault.requests('/drop.mp3')).toBeGreaterThanOrEqual(3);
  });

  it('(d) stalls: ends and reconnects, salvages a killed part, sees skipped audio; (e) failover', async () => {
    // (e) fails twice on a refused port before it fails over: its window is 8 s and room for
    // three refused attempts as long as one took on this machine just now (1.9 to 5.8 s each
    // were seen at a load average of 22, and the fallback's audio then came after 8 s)
    const refused = Date.now();
    await runToCompletion(spawnRunner, ffmpeg, [
      ...['-hide_banner', '-v', 'error', '-i', fault.closedPortUrl(), '-f', 'null', '-'],
    ]);
    const failoverSeconds = 8 + Math.ceil((3 * (Date.now() - refused)) / 1000);
    // both stall recordings listen on `fault`, whose /stall.mp3 stalls for 8 s at +2 s;
    // the short stall recording listens on `fault2`, stalling 3 s at +3 s
    // the stalls come once each recording has had audio flowing (two reports of it): on a busy
    // machine ffmpeg can take seconds to start, and a part that connects at the stall has no
    // audio before it to end on; and when the stall actually began is what the part's end is
    // compared with (later than planned, +2 s, on a busy machine)
    const flowing = [audioFlowing(), audioFlowing(), audioFlowing()] as const;
    // 20-s windows: after the 8-s stall, wherever it had to begin, there is time left for the
    // part that reconnects to get audio before the window ends (a 14-s one had 1.4 s left when
    // the stall began at +4.6 s, and that part's first report came after its end)
    const stallWindow = 20;
    let stalledAt = 0;
    const stalls = (async () => {
      await sleep(2500 + 2000);
      await flowing[0].then(() => flowing[1]);
      stalledAt = Date.now();
      fault.stall(8);
      await sleep(1000);
      await flowing[2];
      fault2.stall(3);
    })();
    const [stalled, watchdog, short, failover] = await Promise.all([
      // ffmpeg's own I/O timeout (5 s) ends the stalled part cleanly
      timedRecord([fault.url('/stall.mp3')], stallWindow, { onProgress: flowing[0].onProgress }),
      // the recorder's watchdog first: q and one SIGTERM cannot interrupt a blocked read, so the
      // part is killed; 1-s clusters keep what came before
      timedRecord([fault.url('/stall.mp3')], stallWindow, {
        tuning: { stallTimeoutMs: 4000, ioTimeoutSeconds: 30, stopGraceMs: 500 },
        onProgress: flowing[1].onProgress,
      }),
      record([fault2.url('/stall.mp3')], 12, { onProgress: flowing[2].onProgress }),
      record([fault.closedPortUrl(), fault.url('/live.mp3')], failoverSeconds, {
        maxFailuresPerUrl: 2,
      }),
      stalls,
    ]);

    for (const rec of [stalled, watchdog]) {
      const { result } = rec;
      expect(result.parts.length, rec.log).toBeGreaterThanOrEqual(2);
      const first = result.parts[0]!;
      const media = await inspect(first.path);
      expect(media.codec).toBe('mp3');
      // the part holds its audio up to the stall: early connect, burst and ~2 s of the window
      expect(media.duration, rec.log).toBeGreaterThan(5);
      expect(Math.abs(first.endedAt - stalledAt), `${stalledAt}\n${rec.log}`).toBeLessThan(1000);
      // the 8 s of the stall were skipped by the server: one gap of about that, where it began
      expect(result.gaps.length, rec.log).toBe(1);
      expect(result.gaps[0]!.seconds).toBeGreaterThan(6.5);
      expect(result.gaps[0]!.seconds).toBeLessThan(9.5);
      expect(Math.abs(Date.parse(result.gaps[0]!.at) - first.endedAt)).toBeLessThan(100);
      expect(Math.abs((await keptSeconds(result)) + gapSeconds(result) - stallWindow)).toBeLessThan(
        0.3,
      );
      expect(rec.ownAfterMs, rec.log).toBeLessThan(2000);
    }
    expect(stalled.log).toMatch(/Connection timed out/);
    expect(watchdog.log).toMatch(/stalled/);

    // a 3-s stall that resumes stays one part; the skipped audio is a gap inside it
    expect(short.result.parts.length, short.log).toBe(1);
    expect(short.result.gaps.length, short.log).toBe(1);
    expect(short.result.gaps[0]!.seconds).toBeGreaterThan(2);
    expect(short.result.gaps[0]!.seconds).toBeLessThan(4);
    expect(short.result.parts[0]!.keepSeconds).toBeCloseTo(12 - short.result.gaps[0]!.seconds, 1);
    expect(short.log).toMatch(/never arrived/);

    // (e) failover
    const { result } = failover;
    expect(result.parts.length, failover.log).toBeGreaterThanOrEqual(1);
    expect(result.parts.every((p) => p.url === fault.url('/live.mp3'))).toBe(true);
    expect(failover.log).toMatch(/switching to fallback URL/);
    expect(result.lastError).toMatch(/Connection refused/i);
    expect(
      Math.abs((await keptSeconds(result)) + gapSeconds(result) - failoverSeconds),
    ).toBeLessThan(0.3);
  });

  it('(f) refuses local URLs, and ffmpeg itself refuses local inputs under the whitelist', async () => {
    for (const url of ['file:///etc/passwd', 'concat:a|b', 'pipe:0', 'data:audio/mpeg,xx']) {
      expect(() => assertNetworkUrl(url)).toThrowError(
        expect.objectContaining({ code: 'UNSUPPORTED_URL_SCHEME' }),
      );
      await expect(record([url], 2)).rejects.toMatchObject({ code: 'UNSUPPORTED_URL_SCHEME' });
    }
    const local = join(root, 'local.mp3');
    await run(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=d=1',
      '-c:a',
      'libmp3lame',
      local,
    ]);
    const whitelist = protocolWhitelist(fault.url('/live.mp3'));
    for (const input of [`file:${local}`, local, `subfile:,start,0,end,100,:${local}`]) {
      const refused = await runToCompletion(spawnRunner, ffmpeg, [
        ...['-hide_banner', '-protocol_whitelist', whitelist, '-i', input, '-f', 'null', '-'],
      ]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/not on whitelist/);
    }

    // an HLS playlist served over http cannot smuggle a local segment in
    const playlistDir = await mkdtemp(join(root, 'evil-'));
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      res.end(`#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:1,\nfile://${local}\n#EXT-X-ENDLIST\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const address = server.address() as { port: number };
      const url = `http://127.0.0.1:${address.port}/evil.m3u8`;
      const caps = await detectCapabilities(spawnRunner, ffmpeg);
      const out = join(playlistDir, 'part-001.mka');
      const evil = await runToCompletion(
        spawnRunner,
        ffmpeg,
        buildCaptureArgs({ url, caps, outputPath: out }),
        { timeoutMs: 15_000 },
      );
      expect(evil.code).not.toBe(0);
      const created = await inspect(out).catch(() => ({ duration: NaN, codec: '' }));
      expect(created.codec).toBe('');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('(g) stops at once on abort, leaving finalized parts', async () => {
    const controller = new AbortController();
    const abort: { moment?: Moment } = {};
    const recording = timedRecord(
      [ice.url('/live.mp3')],
      10,
      { signal: controller.signal },
      () => abort.moment,
    );
    await sleep(2500 + 4000);
    abort.moment = moment();
    const abortedAt = abort.moment.at;
    controller.abort();
    const rec = await recording;
    expect(rec.result.stoppedEarly).toBe(true);
    expect(rec.ownAfterMs, rec.log).toBeLessThan(1500);
    expect(rec.result.windowEnd - abortedAt).toBeLessThan(50);
    expect(rec.result.parts.length).toBeGreaterThanOrEqual(1);
    for (const part of rec.result.parts) {
      const media = await inspect(part.path);
      expect(media.codec).toBe('mp3');
      expect(media.duration).toBeGreaterThan(4);
    }
    // the window up to the abort: 4 s as planned, more when this process woke late to abort
    const untilAbort = (abortedAt - rec.result.windowStart) / 1000;
    expect(Math.abs((await keptSeconds(rec.result)) - untilAbort)).toBeLessThan(0.3);
  });
});

describe('RTMP against a real ffmpeg RTMP server', () => {
  it('records an RTMP stream (rtmp options and whitelist accepted by ffmpeg)', async () => {
    const port = await freePort();
    const url = `rtmp://127.0.0.1:${port}/live/radio`;
    // ffmpeg itself serves one RTMP client in listen mode
    const server = spawnTracked(ffmpeg, [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-c:a', 'aac'],
      ...['-f', 'flv', '-listen', '1', url],
    ]);
    try {
      await sleep(1000);
      const rec = await record([url], 5, {}, 1500);
      expect(rec.result.parts.length, rec.log).toBe(1);
      expect((await inspect(rec.result.parts[0]!.path)).codec).toBe('aac');
      expect(Math.abs((await keptSeconds(rec.result)) + gapSeconds(rec.result) - 5)).toBeLessThan(
        0.3,
      );
    } finally {
      await server.stop(1000);
    }
  });
});

describe('playlists and probing against real servers', () => {
  it('resolves PLS and M3U playlists to their first live entry', async () => {
    await expect(resolveStreamUrl(fault.url('/playlist.pls'))).resolves.toEqual({
      url: fault.url('/live.mp3'),
      kind: 'entry',
    });
    await expect(resolveStreamUrl(`${fault.url('/playlist.m3u')}?dead=refused`)).resolves.toEqual({
      url: fault.url('/live.mp3'),
      kind: 'entry',
    });
    await expect(resolveStreamUrl(hls.url)).resolves.toMatchObject({ kind: 'hls', url: hls.url });
    await expect(resolveStreamUrl(ice.url('/live.mp3'))).resolves.toEqual({
      url: ice.url('/live.mp3'),
      kind: 'direct',
    });
  });

  it('records through a playlist URL', async () => {
    const rec = await record([fault.url('/playlist.pls')], 4);
    expect(rec.result.parts[0]!.url).toBe(fault.url('/live.mp3'));
    expect((await inspect(rec.result.parts[0]!.path)).codec).toBe('mp3');
  });

  it('probes streams: codec, bitrate, rate, channels and the station name', async () => {
    const deps = { runner: spawnRunner, ffprobePath: ffprobe };
    const started = Date.now();
    const [mp3, aac, viaPls, dead, refused] = await Promise.all([
      probeStream(ice.url('/live.mp3'), deps),
      probeStream(ice.url('/live.aac'), deps),
      probeStream(fault.url('/playlist.pls'), deps),
      probeStream(fault.url('/404.mp3'), deps),
      probeStream(fault.closedPortUrl(), deps),
    ]);
    expect(Date.now() - started).toBeLessThan(11_000);
    expect(mp3).toEqual(TEST_FM_MP3_PROBE);
    expect(aac).toMatchObject({ ok: true, codec: 'aac', sampleRate: 44100, channels: 2 });
    expect(viaPls).toMatchObject({ ok: true, codec: 'mp3', name: 'Fault Test FM' });
    expect(dead).toMatchObject({ ok: false, codec: null, error: expect.stringMatching(/404/) });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/refused/i) });
  });
});
