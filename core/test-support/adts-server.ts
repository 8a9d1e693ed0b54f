import { createServer, type ServerResponse } from 'node:http';
import { spawnTracked } from './processes';

/**
 * A live AAC (ADTS) server whose connect burst can start with a false frame header, as an
 * Icecast burst that starts inside a frame now and then does: a 12-bit sync word followed by a
 * plausible header (22050 Hz, 3 channels, 8176 bytes), which ffmpeg's ADTS reader takes for a
 * frame and its capture for the stream's configuration, then the burst from inside a frame.
 * Otherwise like a station: `Content-Type: audio/aac`, no length, a ~4 s burst of whole frames,
 * then frames paced to the wall clock (the encoded minute loops).
 */
export interface AdtsServer {
  /** `http://127.0.0.1:<port>/live.aac` */
  readonly url: string;
  /** Connections so far. */
  readonly connections: number;
  /** Connections that got the false frame header. */
  readonly falseHeadersSent: number;
  stop(): Promise<void>;
}

export interface AdtsServerOptions {
  /**
   * Which connections get the false frame header first, by their number (1-based) and the
   * client's User-Agent (ffmpeg's starts with `Lavf`). Default: the first connection.
   */
  falseHeaderOn?: (connection: number, userAgent: string) => boolean;
}

const FRAME_MS = (1024 * 1000) / 44100;
const BURST_FRAMES = Math.round(4000 / FRAME_MS);

/** An ADTS header that is not one: 22050 Hz, 3 channels, 8176 bytes, after a few stray bytes. */
export function falseAdtsHeader(): Buffer {
  const length = 8176;
  const h = Buffer.from([0x12, 0x34, 0xff, 0xf1, 0, 0, 0, 0, 0xfc]);
  h[4] = (1 << 6) | (7 << 2) | (3 >> 2); // AAC LC, sampling index 7 (22050 Hz), channels bit 2
  h[5] = ((3 & 3) << 6) | ((length >> 11) & 3);
  h[6] = (length >> 3) & 0xff;
  h[7] = ((length & 7) << 5) | 0x1f;
  return h;
}

function splitAdts(data: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let at = 0;
  while (at + 7 <= data.length && data[at] === 0xff && (data[at + 1]! & 0xf6) === 0xf0) {
    const len = ((data[at + 3]! & 0x03) << 11) | (data[at + 4]! << 3) | (data[at + 5]! >> 5);
    if (len < 7 || at + len > data.length) break;
    frames.push(data.subarray(at, at + len));
    at += len;
  }
  return frames;
}

/** Starts the server on 127.0.0.1 and a free port, once its minute of AAC is encoded. */
export async function startAdtsServer(options: AdtsServerOptions = {}): Promise<AdtsServer> {
  const falseHeaderOn = options.falseHeaderOn ?? ((n: number) => n === 1);
  const chunks: Buffer[] = [];
  const encoder = spawnTracked(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi'],
      ...['-i', 'anoisesrc=duration=60:sample_rate=44100:amplitude=0.2:seed=7'],
      ...['-ac', '2', '-c:a', 'aac', '-b:a', '128k', '-f', 'adts', 'pipe:1'],
    ],
    { onStdout: (c) => chunks.push(Buffer.from(c)) },
  );
  await encoder.exited;
  const frames = splitAdts(Buffer.concat(chunks));
  if (encoder.child.exitCode !== 0 || frames.length < 1000) {
    throw new Error(`encoding the AAC minute failed: ${encoder.log()}`);
  }
  const startedAt = performance.now();
  // frames "on air" so far, counted from before the start so that the first burst is full
  const onAir = () => BURST_FRAMES + Math.floor((performance.now() - startedAt) / FRAME_MS);
  const frame = (i: number) => frames[i % frames.length]!;
  const listeners = new Map<ServerResponse, number>();
  let connections = 0;
  let falseHeadersSent = 0;

  const server = createServer((req, res) => {
    connections += 1;
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, { 'Content-Type': 'audio/aac', Connection: 'close', 'icy-name': 'ADTS' });
    const now = onAir();
    const burst = [];
    for (let i = now - BURST_FRAMES; i < now; i++) burst.push(frame(i));
    const whole = Buffer.concat(burst);
    // the false header, then the burst from inside its first frame
    if (falseHeaderOn(connections, req.headers['user-agent'] ?? '')) {
      falseHeadersSent += 1;
      res.write(Buffer.concat([falseAdtsHeader(), whole.subarray(123)]));
    } else res.write(whole);
    listeners.set(res, now);
    res.on('close', () => listeners.delete(res));
  });
  const timer = setInterval(() => {
    const now = onAir();
    for (const [res, sent] of listeners) {
      const out = [];
      for (let i = sent; i < now; i++) out.push(frame(i));
      if (out.length) res.write(Buffer.concat(out));
      listeners.set(res, now);
    }
  }, 20);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/live.aac`,
    get connections() {
      return connections;
    },
    get falseHeadersSent() {
      return falseHeadersSent;
    },
    async stop() {
      clearInterval(timer);
      for (const res of listeners.keys()) res.destroy();
      listeners.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
