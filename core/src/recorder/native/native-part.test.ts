import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startIcyServer, type IcyServer, type IcySource } from '../../../test-support/icy-server';
import { mp3Frame } from '../../audio-frames/test-frames';
import { FrameScanner } from '../../audio-frames/frame-scanner';
import { systemClock } from '../../ports/clock';
import { runNativePart, type NativeOutcome } from './native-part';

/** Synthetic MP3 frames: a burst of 40, then one every 26 ms. */
function frameSource(bytes: () => Buffer = () => mp3Frame()): IcySource & { stop(): void } {
  const listeners = new Set<(f: Buffer) => void>();
  const timer = setInterval(() => {
    for (const l of listeners) l(bytes());
  }, 26);
  return {
    burst: () => Buffer.concat(Array.from({ length: 40 }, bytes)),
    subscribe(onFrame) {
      listeners.add(onFrame);
      return () => listeners.delete(onFrame);
    },
    stop: () => clearInterval(timer),
  };
}

let dir: string;
let server: IcyServer | undefined;
let source: ReturnType<typeof frameSource> | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'native-part-'));
});
afterEach(async () => {
  source?.stop();
  await server?.close();
  server = source = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Records from `url` until `stopAfterMs` (or the part ends by itself). */
async function record(url: string, stopAfterMs: number): Promise<NativeOutcome> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), stopAfterMs);
  try {
    return await runNativePart({
      url,
      partPath: join(dir, 'part-001.mka'),
      clock: systemClock,
      stop: stop.signal,
      connectTimeoutMs: 5000,
      stallTimeoutMs: 5000,
    });
  } finally {
    clearTimeout(timer);
  }
}

describe('runNativePart', () => {
  it('reads an ICY 200 OK stream: whole frames to .mp3, metadata out, titles in', async () => {
    source = frameSource();
    // metaint 100: every frame is cut by metadata blocks, at different places
    server = await startIcyServer({ source, metaint: 100 });
    server.setTitle('Motörhead - Ace of Spades', 'latin1');
    setTimeout(() => server?.setTitle('Björk – Jóga'), 500).unref();
    const outcome = await record(server.url, 1200);
    if (!('run' in outcome)) throw new Error(outcome.fallback);
    const { run } = outcome;
    expect(run.reason).toBe('stopped');
    expect(run.path).toBe(join(dir, 'part-001.mp3'));
    expect(run.codec).toBe('mp3');
    const file = await readFile(run.path!);
    expect(file.length).toBe(run.frames * 417);
    // nothing but frames: a scanner finds exactly as many, and skips nothing
    const scanner = new FrameScanner(['mp3']);
    expect(scanner.push(file).frames).toHaveLength(run.frames);
    expect(scanner.skippedBytes).toBe(0);
    expect(run.mediaSeconds).toBeCloseTo((run.frames * 1152) / 44100, 6);
    expect(run.frames).toBeGreaterThan(40);
    const titles = [...new Set(run.titles.map((t) => t.title))];
    expect(titles).toEqual(['Motörhead - Ace of Spades', 'Björk – Jóga']);
  });

  it('leaves an Ogg stream to ffmpeg', async () => {
    source = frameSource();
    server = await startIcyServer({ source, contentType: 'application/ogg' });
    expect(await record(server.url, 3000)).toEqual({ fallback: 'it sends application/ogg' });
  });

  it('leaves a stream without frames to ffmpeg', async () => {
    source = frameSource(() => Buffer.alloc(4096, 0x4f));
    server = await startIcyServer({ source, contentType: 'application/octet-stream' });
    expect(await record(server.url, 8000)).toEqual({
      fallback: 'no MP3 or ADTS frames in its first 64 KiB',
    });
  });

  it('ends by itself when the server closes, keeping the frames it had', async () => {
    source = frameSource();
    server = await startIcyServer({ source, statusLine: 'HTTP/1.0 200 OK' });
    setTimeout(() => server?.dropAll(), 400).unref();
    const outcome = await record(server.url, 5000);
    if (!('run' in outcome)) throw new Error(outcome.fallback);
    expect(outcome.run.reason).toBe('exited');
    expect(outcome.run.endMessage).toBe('the server closed the connection');
    expect(outcome.run.frames).toBeGreaterThan(40);
  });

  it("ends a connection that sends nothing for ioTimeoutMs, as ffmpeg's I/O timeout does", async () => {
    source = frameSource();
    const silent: IcySource = { burst: source.burst, subscribe: () => () => undefined };
    server = await startIcyServer({ source: silent });
    const stop = new AbortController();
    const outcome = await runNativePart({
      url: server.url,
      partPath: join(dir, 'part-001.mka'),
      clock: systemClock,
      stop: stop.signal,
      connectTimeoutMs: 5000,
      stallTimeoutMs: 5000,
      ioTimeoutMs: 300,
    });
    if (!('run' in outcome)) throw new Error(outcome.fallback);
    expect(outcome.run.reason).toBe('exited');
    expect(outcome.run.endMessage).toBe('Connection timed out: no data for 0.3 s');
    expect(outcome.run.frames).toBe(40);
  });

  it('says what a refused connection answered', async () => {
    const outcome = await record('http://127.0.0.1:1/x', 3000);
    if (!('run' in outcome)) throw new Error(outcome.fallback);
    expect(outcome.run.reason).toBe('exited');
    expect(outcome.run.audioStartedAt).toBeUndefined();
    expect(outcome.run.endMessage).toMatch(/ECONNREFUSED/);
  });
});
