import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../src/ffmpeg/probe';
import { spawnRunner } from '../src/ffmpeg/process';
import { startFaultServer, type FaultServer } from './fault-server';
import { isPortClosed } from './free-port';
import { startHlsServer } from './hls-server';
import { startIcecast, type Feeder, type IcecastServer, type MountCodec } from './icecast';
import { mp3FrameLength } from './mp3-frames';
import { httpSample, sleep } from './wait';

/** Walks whole MP3 frames from `offset`: how many, and the bytes left after the last whole one. */
function walkFrames(data: Buffer, offset = 0): { frames: number; rest: number } {
  let pos = offset;
  let frames = 0;
  for (;;) {
    const len = mp3FrameLength(data, pos);
    if (len === undefined || pos + len > data.length) break;
    pos += len;
    frames++;
  }
  return { frames, rest: data.length - pos };
}

const ffprobe = (url: string) => probe(spawnRunner, 'ffprobe', url, [], 15_000);

/** An open GET that records when data arrives and when the connection ends. */
function listen(url: string) {
  const arrivals: { at: number; bytes: number }[] = [];
  const chunks: Buffer[] = [];
  let headersAt: number | undefined;
  let closedAt: number | undefined;
  let status = 0;
  const req = request(url, (res) => {
    status = res.statusCode ?? 0;
    headersAt = Date.now();
    res.on('data', (c: Buffer) => {
      arrivals.push({ at: Date.now(), bytes: c.length });
      chunks.push(c);
    });
    res.on('close', () => (closedAt ??= Date.now()));
  });
  req.on('error', () => (closedAt ??= Date.now()));
  req.end();
  return {
    get status() {
      return status;
    },
    get closedAt() {
      return closedAt;
    },
    get headersAt() {
      return headersAt;
    },
    data: () => Buffer.concat(chunks),
    /** Bytes that arrived at or after `since` (and before `until`). */
    bytes: (since = 0, until = Infinity) =>
      arrivals.filter((a) => a.at >= since && a.at < until).reduce((n, a) => n + a.bytes, 0),
    close: () => req.destroy(),
  };
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}

describe('Icecast', () => {
  let ice: IcecastServer;
  const feeders = new Map<MountCodec, Feeder>();
  const codecs: MountCodec[] = ['mp3', 'aac', 'opus', 'vorbis', 'flac'];

  beforeAll(async () => {
    ice = await startIcecast();
    await Promise.all(
      codecs.map(async (codec) => {
        feeders.set(codec, await ice.addMount(`/${codec}`, { codec, name: `Station ${codec}` }));
      }),
    );
  });
  afterAll(() => ice?.stop());

  it.each(codecs)('serves a %s mount that ffprobe reads, with its station name', async (codec) => {
    const result = await ffprobe(ice.url(`/${codec}`));
    expect(result.streams[0]?.codec_name).toBe(codec);
    expect(result.format.tags?.['icy-name']).toBe(`Station ${codec}`);
    const sample = await httpSample(ice.url(codec), 1);
    const type = { mp3: 'audio/mpeg', aac: 'audio/aac' }[codec as string] ?? 'audio/ogg';
    expect(sample.headers['content-type']).toBe(type);
  });

  it('drops the mount and its listeners when the feeder stops, and serves again after start', async () => {
    const feeder = feeders.get('mp3')!;
    const listener = listen(ice.url('/mp3'));
    expect(await waitFor(() => listener.bytes() > 0, 10_000)).toBe(true);
    await feeder.stop();
    expect(await waitFor(() => listener.closedAt !== undefined, 10_000)).toBe(true);
    expect((await httpSample(ice.url('/mp3'))).status).toBe(404);
    await feeder.start();
    const again = await httpSample(ice.url('/mp3'), 4096);
    expect(again.status).toBe(200);
    expect(again.bytes).toBeGreaterThanOrEqual(4096);
  });
});

describe('HLS server', () => {
  it('serves a live AAC HLS stream', async () => {
    const hls = await startHlsServer();
    try {
      const playlist = await fetch(hls.url);
      expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
      const text = await playlist.text();
      expect(text).toContain('#EXTM3U');
      expect(text).not.toContain('#EXT-X-ENDLIST');
      const result = await ffprobe(hls.url);
      expect(result.format.format_name).toBe('hls');
      expect(result.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    } finally {
      await hls.stop();
    }
  });
});

describe('fault server', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer({ name: 'Fault FM' });
  });
  afterAll(() => server?.stop());

  it('serves live MP3 with its name, starting with a ~64 KB burst', async () => {
    const result = await ffprobe(server.url('/live.mp3'));
    expect(result.streams[0]?.codec_name).toBe('mp3');
    expect(result.format.tags?.['icy-name']).toBe('Fault FM');
    const started = Date.now();
    const sample = await httpSample(server.url('/live.mp3'), 60_000, 3000);
    expect(sample.headers['content-type']).toBe('audio/mpeg');
    expect(sample.bytes).toBeGreaterThanOrEqual(60_000);
    expect(Date.now() - started).toBeLessThan(1500); // a burst, not 4 s of real-time audio
  });

  it('answers 404 and 500 on their routes', async () => {
    expect((await httpSample(server.url('/404.mp3'))).status).toBe(404);
    expect((await httpSample(server.url('/500.mp3'))).status).toBe(500);
  });

  it('refuses connections on closedPortUrl()', async () => {
    const port = Number(new URL(server.closedPortUrl()).port);
    expect(await isPortClosed(port)).toBe(true);
  });

  it('drop closes open connections, answers 503, then serves again', async () => {
    const before = server.requests('/drop.mp3');
    const listener = listen(server.url('/drop.mp3'));
    expect(await waitFor(() => listener.bytes() > 0, 10_000)).toBe(true);
    // long enough that the checks below fit inside it on a busy machine; then wait for its end
    server.dropFor(4);
    const droppedAt = Date.now();
    expect(await waitFor(() => listener.closedAt !== undefined, 3000)).toBe(true);
    expect((await httpSample(server.url('/drop.mp3'))).status).toBe(503);
    await sleep(droppedAt + 4100 - Date.now());
    const back = await httpSample(server.url('/drop.mp3'), 1024);
    expect(back.status).toBe(200);
    expect(back.bytes).toBeGreaterThanOrEqual(1024);
    expect(server.requests('/drop.mp3')).toBe(before + 3);
  });

  it('a drop insideFrame ends connections inside a frame, and the next burst starts inside one', async () => {
    const listener = listen(server.url('/drop.mp3'));
    expect(await waitFor(() => listener.bytes() > 20_000, 3000)).toBe(true);
    server.dropFor(1, { insideFrame: true });
    expect(await waitFor(() => listener.closedAt !== undefined, 2000)).toBe(true);
    const received = listener.data();
    const { frames, rest } = walkFrames(received);
    expect(frames).toBeGreaterThan(40);
    // what is left after the last whole frame is the start of one: a header, not all of it
    expect(rest).toBeGreaterThan(4);
    expect(rest).toBeLessThan(mp3FrameLength(received, received.length - rest)!);

    await sleep(1100);
    const back = listen(server.url('/drop.mp3'));
    expect(await waitFor(() => back.bytes() > 8000, 3000)).toBe(true);
    back.close();
    const burst = back.data();
    expect(mp3FrameLength(burst, 0)).toBeUndefined();
    const sync = burst.findIndex((_, i) => walkFrames(burst, i).frames > 10);
    expect(sync).toBeGreaterThan(0);
    expect(sync).toBeLessThan(420);
  });

  it('answers /live.mp3?after=N only N seconds after its first request', async () => {
    const asked = Date.now();
    const late = listen(server.url('/live.mp3?after=1.5'));
    await sleep(500);
    const second = listen(server.url('/live.mp3?after=1.5'));
    expect(await waitFor(() => late.bytes() > 1000 && second.bytes() > 1000, 5000)).toBe(true);
    expect(late.status).toBe(200);
    // both answered when the station came on air, 1.5 s after the first request
    for (const l of [late, second]) {
      expect(l.headersAt! - asked).toBeGreaterThanOrEqual(1450);
      // (not before; how soon after depends on the machine's load)
      expect(l.headersAt! - asked).toBeLessThan(6000);
      l.close();
    }
    const after = Date.now();
    const third = listen(server.url('/live.mp3?after=1.5'));
    expect(await waitFor(() => third.bytes() > 1000, 3000)).toBe(true);
    third.close();
    // on air now: answered without the wait (well under the 1.5 s it would be)
    expect(third.headersAt! - after).toBeLessThan(1450);
  });

  it('stall keeps the connection open but silent, then resumes', async () => {
    const listener = listen(server.url('/stall.mp3'));
    expect(await waitFor(() => listener.bytes() > 0, 10_000)).toBe(true);
    await sleep(200);
    server.stall(3);
    const stalledAt = Date.now();
    await sleep(stalledAt + 3100 - Date.now());
    // nothing arrived in the middle of the stall (by arrival time, so a late timer here cannot
    // count the resumed audio; data sent just before the stall may arrive a little after it)
    expect(listener.bytes(stalledAt + 1000, stalledAt + 2900)).toBe(0);
    expect(listener.closedAt).toBeUndefined();
    const resumedAt = stalledAt + 3000;
    // ~16 KB/s at 128 kb/s
    expect(await waitFor(() => listener.bytes(resumedAt) > 4000, 10_000)).toBe(true);
    listener.close();
  });

  it("stall with then: 'close' closes the stalled connections at its end", async () => {
    const listener = listen(server.url('/stall.mp3'));
    expect(await waitFor(() => listener.bytes() > 0, 3000)).toBe(true);
    server.stall(1, { then: 'close' });
    expect(await waitFor(() => listener.closedAt !== undefined, 10_000)).toBe(true);
  });

  it.each(['pls', 'm3u'])(
    'the .%s playlist lists a dead entry first, then the live one',
    async (kind) => {
      const text = await (await fetch(server.url(`/playlist.${kind}`))).text();
      const urls = text.match(/http:\/\/\S+/g) ?? [];
      expect(urls).toEqual([server.url('/404.mp3'), server.url('/live.mp3')]);
      expect((await httpSample(urls[0]!)).status).toBe(404);
      expect((await ffprobe(urls[1]!)).streams[0]?.codec_name).toBe('mp3');
      const refused = await (await fetch(server.url(`/playlist.${kind}?dead=refused`))).text();
      expect(refused.match(/http:\/\/\S+/g)?.[0]).toBe(server.closedPortUrl());
    },
  );
});
