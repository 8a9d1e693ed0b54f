import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../../../test-support/fault-server';
import { startIcecast, type IcecastServer } from '../../../test-support/icecast';
import { startMp3Broadcast, type Mp3Broadcast } from '../../../test-support/mp3-broadcast';
import { pacedFrames, startIcyServer, type IcyServer } from '../../../test-support/icy-server';
import { windowRecorder, type Recording } from '../../../test-support/record-window';
import { sleep, waitUntil } from '../../../test-support/wait';
import { decodeErrors } from '../../../test-support/decode';
import { radioXTags } from '../../../test-support/test-tags';
import { mp3Frame } from '../../audio-frames/test-frames';
import { detectCapabilities } from '../../ffmpeg/capabilities';
import { locateFfmpeg } from '../../ffmpeg/locate';
import { probe } from '../../ffmpeg/probe';
import { spawnRunner } from '../../ffmpeg/process';
import { memoryLogger } from '../../ports/logger';
import { plainFfmpegMessage } from '../../../contract/ffmpeg-messages';
import { processRecording } from '../../processor/process-recording';
import type { RecordingResult } from '../types';

/*
 * Native capture against real servers: one Icecast fed by ffmpeg (titles set through its admin
 * metadata endpoint; CBR, VBR, MPEG-2 22.05 kHz and ADTS AAC mounts), the fault server cutting
 * connections inside frames, and a Shoutcast-like `ICY 200 OK` server of our own.
 */

const { ffmpeg, ffprobe } = locateFfmpeg();
const FRAME_MS = (1152 / 44100) * 1000;
const tags = radioXTags('Native Test');

let root: string;
let ice: IcecastServer;
let fault: FaultServer;
let broadcast: Mp3Broadcast;
let shoutcast: IcyServer;
let counter = 0;

const record = windowRecorder(() => root, 'native');
/** Native capture, whatever the environment's NATIVE_CAPTURE says. */
const nativeOn = { nativeCapture: true } as const;

/** The processor's MP3 of a recording, and its length by ffprobe. */
async function processed(rec: Recording): Promise<{ path: string; seconds: number }> {
  const out = await processRecording({
    parts: rec.result.parts,
    workDir: rec.partsDir,
    outputDir: join(root, 'out'),
    fileName: `native-${++counter}.mp3`,
    bitrateKbps: 128,
    tags,
    ffmpegPath: ffmpeg,
    ffprobePath: ffprobe,
    runner: spawnRunner,
    logger: memoryLogger(),
    deadAirSeconds: 0,
  });
  const info = await probe(spawnRunner, ffprobe, out.path);
  return { path: out.path, seconds: Number(info.format.duration) };
}

const extensions = (r: RecordingResult) => r.parts.map((p) => extname(p.path));
const gapsOf = (r: RecordingResult) => r.gaps.reduce((t, g) => t + g.seconds, 0);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'asr-native-it-'));
  await detectCapabilities(spawnRunner, ffmpeg);
  // one after the other: whatever started is stopped by afterAll, even when a later one fails
  ice = await startIcecast();
  fault = await startFaultServer();
  broadcast = await startMp3Broadcast();
  shoutcast = await startIcyServer({ source: broadcast, metaint: 8192 });
  await Promise.all([
    ice.addMount('/titles.mp3', { codec: 'mp3' }),
    ice.addMount('/vbr.mp3', { codec: 'mp3', vbrQuality: 4 }),
    ice.addMount('/mpeg2.mp3', { codec: 'mp3', sampleRate: 22050, bitrateKbps: 64 }),
    ice.addMount('/live.aac', { codec: 'aac' }),
    ice.addMount('/live.opus', { codec: 'opus' }),
  ]);
  // let the mounts fill Icecast's 64 KB burst (~4 s at 128 kb/s)
  await sleep(4000);
});

afterAll(async () => {
  await Promise.all([ice?.stop(), fault?.stop(), shoutcast?.close()]);
  await broadcast?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('native capture', () => {
  it("keeps the station's titles, set through Icecast's admin endpoint, within 1 s", async () => {
    await ice.setTitle('/titles.mp3', 'Opening Theme');
    const windowStart = Date.now() + 2500;
    const changes: { at: number; title: string }[] = [];
    const setAt = async (offsetMs: number, title: string) => {
      await sleep(windowStart + offsetMs - Date.now());
      const before = Date.now();
      await ice.setTitle('/titles.mp3', title);
      changes.push({ at: (before + Date.now()) / 2, title });
    };
    const [rec] = await Promise.all([
      record(ice.url('/titles.mp3'), 11, { ...nativeOn, windowStart }),
      setAt(3000, 'Song One - Björk'),
      setAt(7000, 'Song Two'),
    ]);
    const { tracks } = rec.result;
    expect(extensions(rec.result), rec.log).toEqual(['.mp3']);
    expect(
      tracks.map((t) => t.title),
      rec.log,
    ).toEqual(['Opening Theme', 'Song One - Björk', 'Song Two']);
    expect(tracks[0]!.at).toBe(rec.result.windowStart);
    for (const [i, change] of changes.entries()) {
      expect(Math.abs(tracks[i + 1]!.at - change.at), change.title).toBeLessThanOrEqual(1000);
    }
    // the length of the processed MP3: the window, within 0.03 s
    const out = await processed(rec);
    expect(Math.abs(out.seconds - 11)).toBeLessThanOrEqual(0.03);
    expect(await decodeErrors(ffmpeg, out.path)).toBe('');
  });

  it('the fault server cuts inside a frame, again and again: the MP3 decodes without an error', async () => {
    const stop = new AbortController();
    let parts = 0;
    let bytes = 0;
    let bytesWhenFourth: number | undefined;
    let elapsed = 0;
    const recording = record(fault.url('/drop.mp3'), 300, {
      ...nativeOn,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.state !== 'recording') return;
        elapsed = p.elapsedSeconds;
        parts = p.parts;
        bytes = p.bytes;
        if (parts >= 4) bytesWhenFourth ??= p.bytes;
      },
    });
    // the cuts fall inside the window (a part that ended before it opened is not kept)
    await waitUntil('the window open', async () => elapsed >= 1, {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    for (let drop = 1; drop <= 3; drop++) {
      await waitUntil(`audio in part ${drop}`, async () => parts >= drop, {
        timeoutMs: 60_000,
        intervalMs: 100,
      });
      await sleep(1000);
      fault.dropFor(0.5, { insideFrame: true });
    }
    // the fourth part counts once it holds audio: 2 s of it (32 kB at 128 kb/s) after it began
    await waitUntil(
      'audio in the part after the last drop',
      async () => bytesWhenFourth !== undefined && bytes >= bytesWhenFourth + 32_000,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    stop.abort();
    const rec = await recording;
    expect(rec.result.parts.length, rec.log).toBeGreaterThanOrEqual(4);
    expect(new Set(extensions(rec.result))).toEqual(new Set(['.mp3']));
    const out = await processed(rec);
    expect(await decodeErrors(ffmpeg, out.path)).toBe('');
  });

  it('VBR, MPEG-2 22.05 kHz and ADTS AAC: whole frames, the window within 0.03 s, no decode error', async () => {
    const mounts = ['/vbr.mp3', '/mpeg2.mp3', '/live.aac'];
    const recs = await Promise.all(mounts.map((m) => record(ice.url(m), 6, nativeOn)));
    expect(recs.map((r) => extensions(r.result))).toEqual([['.mp3'], ['.mp3'], ['.aac']]);
    for (const [i, rec] of recs.entries()) {
      expect(rec.result.gaps, rec.log).toEqual([]);
      const out = await processed(rec);
      // AAC is encoded to MP3: the encoder pads its last frame (up to 26 ms) on top of the
      // AAC frames kept (23 ms each)
      const tolerance = mounts[i] === '/live.aac' ? 0.06 : 0.03;
      expect(Math.abs(out.seconds - 6), mounts[i]).toBeLessThanOrEqual(tolerance);
      expect(await decodeErrors(ffmpeg, out.path), mounts[i]).toBe('');
    }
    expect(
      (await probe(spawnRunner, ffprobe, recs[1]!.result.parts[0]!.path)).streams[0],
    ).toMatchObject({
      codec_name: 'mp3',
      sample_rate: '22050',
    });
  });

  it("an 'ICY 200 OK' server with a Latin-1 title", async () => {
    shoutcast.setTitle('Motörhead - Ace of Spades (Live à Paris)', 'latin1');
    const rec = await record(shoutcast.url, 4, nativeOn);
    expect(extensions(rec.result), rec.log).toEqual(['.mp3']);
    expect(rec.result.tracks.map((t) => t.title)).toEqual([
      'Motörhead - Ace of Spades (Live à Paris)',
    ]);
    const out = await processed(rec);
    expect(await decodeErrors(ffmpeg, out.path)).toBe('');
  });

  it('the first frame kept was live at the window start, and the frames kept last the window', async () => {
    // frame i carries i in its body and goes live at startedAt + i × FRAME_MS
    const indexed = (i: number) => {
      const f = mp3Frame();
      f.writeUInt32BE(i, 8);
      return f;
    };
    const source = pacedFrames(indexed, FRAME_MS, 300);
    const server = await startIcyServer({ source, metaint: 0, statusLine: 'HTTP/1.0 200 OK' });
    try {
      await sleep(1000);
      const rec = await record(server.url, 5, nativeOn);
      const [part] = rec.result.parts;
      expect(rec.result.parts).toHaveLength(1);
      const file = await readFile(part!.path);
      const kept = part!.frames! - part!.skipFrames!;
      expect(Math.abs(kept * (FRAME_MS / 1000) - 5)).toBeLessThanOrEqual(0.03);
      const first = file.readUInt32BE(part!.skipFrames! * 417 + 8);
      const liveAt = source.startedAt + first * FRAME_MS;
      expect(Math.abs(liveAt - rec.result.windowStart), rec.log).toBeLessThanOrEqual(30);
    } finally {
      source.stop();
      await server.close();
    }
  });
});

/** Seconds the processor keeps of a native recording (frames kept), plus its gaps. */
const keptPlusGaps = (r: RecordingResult) =>
  r.parts.reduce((t, p) => t + p.keepSeconds!, 0) + r.gaps.reduce((t, g) => t + g.seconds, 0);

describe('native capture: the fault paths, as the ffmpeg path shows them (recorder.integration)', () => {
  it('stalls: the I/O timeout or the watchdog ends the part, it reconnects, the gap is kept, the MP3 decodes; failover to a fallback URL', async () => {
    // /stall.mp3 stalls for 8 s at +2 s into the window (the ffmpeg path's test (d))
    const stalls = (async () => {
      await sleep(2500 + 2000);
      fault.stall(8);
    })();
    const [stalled, watchdog, failover] = await Promise.all([
      // the reader's own I/O timeout (5 s, as ffmpeg's) ends the stalled part
      record(fault.url('/stall.mp3'), 14, nativeOn),
      // the watchdog first, with the ffmpeg path's stall timeout of this case (2 s)
      record(fault.url('/stall.mp3'), 14, {
        ...nativeOn,
        tuning: { stallTimeoutMs: 2000, ioTimeoutSeconds: 30 },
      }),
      record([fault.closedPortUrl(), fault.url('/live.mp3')], 8, {
        ...nativeOn,
        maxFailuresPerUrl: 2,
      }),
      stalls,
    ]);
    for (const rec of [stalled, watchdog]) {
      const { result } = rec;
      expect(result.parts.length, rec.log).toBeGreaterThanOrEqual(2);
      expect(new Set(extensions(result)), rec.log).toEqual(new Set(['.mp3']));
      const first = result.parts[0]!;
      expect(Math.abs(first.endedAt - (result.windowStart + 2000)), rec.log).toBeLessThan(1000);
      expect(result.gaps.length, rec.log).toBe(1);
      expect(result.gaps[0]!.seconds, rec.log).toBeGreaterThan(6.5);
      expect(result.gaps[0]!.seconds, rec.log).toBeLessThan(9.5);
      expect(Math.abs(Date.parse(result.gaps[0]!.at) - first.endedAt)).toBeLessThan(100);
      expect(Math.abs(keptPlusGaps(result) - 14), rec.log).toBeLessThan(0.3);
      expect(rec.returnedAt - result.windowEnd).toBeLessThan(2000);
      const out = await processed(rec);
      expect(Math.abs(out.seconds + gapsOf(result) - 14), rec.log).toBeLessThan(0.3);
      expect(await decodeErrors(ffmpeg, out.path)).toBe('');
    }
    expect(stalled.log).toMatch(/Connection timed out: no data for 5 s/);
    expect(watchdog.log).toMatch(/no audio arrived for a while \(stalled\)/);

    const { result } = failover;
    expect(result.parts.length, failover.log).toBeGreaterThanOrEqual(1);
    expect(result.parts.every((p) => p.url === fault.url('/live.mp3'))).toBe(true);
    expect(new Set(extensions(result))).toEqual(new Set(['.mp3']));
    expect(failover.log).toMatch(/native capture/);
    expect(failover.log).toMatch(/switching to fallback URL/);
    // Node's words ("connect ECONNREFUSED 127.0.0.1:1"), told as ffmpeg's are where people read it
    expect(plainFfmpegMessage(result.lastError!).summary).toMatch(
      /^Could not connect to 127\.0\.0\.1:\d+: connection refused\.$/,
    );
    expect(Math.abs(keptPlusGaps(result) - 8), failover.log).toBeLessThan(0.3);
    const out = await processed(failover);
    expect(await decodeErrors(ffmpeg, out.path)).toBe('');
  });

  it('an Ogg/Opus mount is left to ffmpeg, and the log says so', async () => {
    // ffmpeg's progress comes every 2 s: a window of a few reports
    const rec = await record(ice.url('/live.opus'), 8, nativeOn);
    expect(rec.log).toMatch(
      /The native reader cannot read \S+\/live\.opus \(it sends (application|audio)\/ogg\): ffmpeg records it\./,
    );
    expect(extensions(rec.result), rec.log).toEqual(['.mka']);
    expect(rec.result.parts[0]!.codec).toBe('opus');
    expect(rec.result.gaps, rec.log).toEqual([]);
    const out = await processed(rec);
    expect(Math.abs(out.seconds - 8), rec.log).toBeLessThanOrEqual(0.3);
    expect(await decodeErrors(ffmpeg, out.path)).toBe('');
  });
});
