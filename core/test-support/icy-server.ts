import { createServer, type Socket } from 'node:net';
import { listenOnLoopback } from './free-port';

/** Live audio for the server: what a new listener gets first, then each frame as it goes live. */
export interface IcySource {
  burst(): Buffer;
  subscribe(onFrame: (frame: Buffer) => void): () => void;
}

export interface IcyServerOptions {
  source: IcySource;
  /** Audio bytes between metadata blocks (default 8192); 0 sends no metadata. */
  metaint?: number;
  /** The status line (default Shoutcast's `ICY 200 OK`, which Node's HTTP parser refuses). */
  statusLine?: string;
  contentType?: string;
}

/**
 * A Shoutcast-like server on 127.0.0.1: any request gets `ICY 200 OK` (LF line ends, as old
 * Shoutcast servers send), `icy-metaint` when the listener asked with `Icy-MetaData: 1`, the
 * source's burst, then its live frames, a metadata block after every `metaint` bytes carrying
 * the current title in the bytes given (setTitle: UTF-8, or Latin-1 to test the fallback).
 */
export interface IcyServer {
  readonly url: string;
  /** The title from now on; `latin1` encodes it in Latin-1 instead of UTF-8. */
  setTitle(title: string, encoding?: 'utf8' | 'latin1'): void;
  /** Closes every listener's connection now. */
  dropAll(): void;
  close(): Promise<void>;
}

/** Interleaves audio with ICY metadata blocks (`metaint` audio bytes, then one block). */
export class IcyInterleaver {
  private untilMeta: number;
  constructor(
    private readonly metaint: number,
    private readonly title: () => Buffer,
  ) {
    this.untilMeta = metaint;
  }

  push(audio: Buffer): Buffer {
    if (this.metaint <= 0) return audio;
    const out: Buffer[] = [];
    let pos = 0;
    while (pos < audio.length) {
      const n = Math.min(this.untilMeta, audio.length - pos);
      out.push(audio.subarray(pos, pos + n));
      pos += n;
      this.untilMeta -= n;
      if (this.untilMeta === 0) {
        out.push(metadataBlock(this.title()));
        this.untilMeta = this.metaint;
      }
    }
    return Buffer.concat(out);
  }
}

/** One ICY metadata block: the length byte (× 16), then `StreamTitle='…';` padded with NULs. */
export function metadataBlock(title: Buffer): Buffer {
  const text = Buffer.concat([Buffer.from("StreamTitle='"), title, Buffer.from("';")]);
  const blocks = Math.min(255, Math.ceil(text.length / 16));
  const out = Buffer.alloc(1 + blocks * 16);
  out[0] = blocks;
  text.copy(out, 1, 0, blocks * 16);
  return out;
}

export async function startIcyServer(options: IcyServerOptions): Promise<IcyServer> {
  const metaint = options.metaint ?? 8192;
  let title = Buffer.from('');
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    let request = '';
    let unsubscribe: (() => void) | undefined;
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      unsubscribe?.();
    });
    socket.on('data', (chunk) => {
      if (unsubscribe) return;
      request += chunk.toString('latin1');
      if (!request.includes('\r\n\r\n')) return;
      const wantsMeta = /^icy-metadata:\s*1/im.test(request);
      const head = [
        options.statusLine ?? 'ICY 200 OK',
        'icy-name:Test Shoutcast',
        `content-type:${options.contentType ?? 'audio/mpeg'}`,
        ...(wantsMeta && metaint > 0 ? [`icy-metaint:${metaint}`] : []),
        '',
        '',
      ].join('\n');
      socket.write(head);
      const out = new IcyInterleaver(wantsMeta ? metaint : 0, () => title);
      socket.write(out.push(options.source.burst()));
      unsubscribe = options.source.subscribe((frame) => socket.write(out.push(frame)));
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}/stream`,
    setTitle(t, encoding = 'utf8') {
      title = Buffer.from(t, encoding);
    },
    dropAll() {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A source of synthetic frames paced to the wall clock: frame `i` goes live at
 * `startedAt + i × frameMs`; a new listener first gets the last `burstFrames` live frames. With
 * `frame(i)` writing `i` into the frame's body, a test can tell when each recorded frame was live.
 */
export function pacedFrames(
  frame: (i: number) => Buffer,
  frameMs: number,
  burstFrames: number,
): IcySource & { readonly startedAt: number; stop(): void } {
  const startedAt = Date.now();
  const listeners = new Set<(f: Buffer) => void>();
  let next = 0;
  const release = () => {
    const due = Math.floor((Date.now() - startedAt) / frameMs);
    for (; next <= due; next++) {
      const f = frame(next);
      for (const l of listeners) l(f);
    }
  };
  const timer = setInterval(release, 10);
  return {
    startedAt,
    burst() {
      release();
      const from = Math.max(0, next - burstFrames);
      return Buffer.concat(Array.from({ length: next - from }, (_, k) => frame(from + k)));
    },
    subscribe(onFrame) {
      listeners.add(onFrame);
      return () => listeners.delete(onFrame);
    },
    stop: () => clearInterval(timer),
  };
}
