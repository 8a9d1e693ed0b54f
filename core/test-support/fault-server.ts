import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closedPortUrl as findClosedPortUrl } from './free-port';
import { startMp3Broadcast, type Mp3BroadcastOptions } from './mp3-broadcast';
import { mp3FrameLength } from './mp3-frames';

export interface FaultServerOptions extends Mp3BroadcastOptions {
  /** Station name sent as `icy-name` (default `Fault Test FM`). */
  name?: string;
}

export interface DropOptions {
  /**
   * Close each connection inside an MP3 frame (it gets the first part of the next frame, then the
   * connection ends), and until the next drop start the burst of new connections inside a frame,
   * as Icecast's does. Default: connections end, and bursts start, on frame boundaries.
   */
  insideFrame?: boolean;
}

export interface StallOptions {
  /** What happens when the stall ends: live data resumes (default), or the connections close. */
  then?: 'resume' | 'close';
}

/**
 * A live MP3 server with switchable faults. Every stream route serves the same live audio
 * (`Content-Type: audio/mpeg`, `icy-name`, no Content-Length, connection closed at the end),
 * each new listener first getting a burst of the last ~64 KB, like Icecast.
 *
 * Routes:
 * - `/live.mp3`: always works. `/live.mp3?after=3` is a station slow to answer: it answers
 *   (headers and all) only 3 s after the first request for that exact URL (query included);
 *   requests before then wait until then, later ones are answered at once.
 * - `/drop.mp3`: see dropFor().
 * - `/stall.mp3`: see stall().
 * - `/404.mp3` → 404, `/500.mp3` → 500 (any other path: 404).
 * - `/playlist.pls`, `/playlist.m3u`: two entries, a dead one FIRST (`/404.mp3`; with
 *   `?dead=refused` a URL on a closed port), then `/live.mp3`.
 */
export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** `baseUrl` + `path` (a leading slash is optional). */
  url(path: string): string;
  /** An http URL on a port where nothing listens: connections are refused. */
  closedPortUrl(): string;
  /**
   * Closes every open `/drop.mp3` connection now, and answers `/drop.mp3` with 503 for
   * `seconds`; then it serves again (new connections get the burst, then live audio).
   */
  dropFor(seconds: number, options?: DropOptions): void;
  /**
   * For `seconds`, `/stall.mp3` connections stay open but receive nothing (audio of that time is
   * skipped, not delivered late). Connections opened during the stall get their headers but no
   * burst. Afterwards live data resumes, or with `{ then: 'close' }` the stalled connections close.
   */
  stall(seconds: number, options?: StallOptions): void;
  /** How many requests `path` (e.g. `/drop.mp3`) has received so far. */
  requests(path: string): number;
  /** Stops ffmpeg, closes all connections and the server. */
  stop(): Promise<void>;
}

type Route = 'live' | 'drop' | 'stall';
const routes: Record<string, Route> = {
  '/live.mp3': 'live',
  '/drop.mp3': 'drop',
  '/stall.mp3': 'stall',
};

/** Starts the fault server on 127.0.0.1 and a free port; resolves once audio is ready. */
export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const name = options.name ?? 'Fault Test FM';
  const bitrate = options.bitrateKbps ?? 128;
  const refusedUrl = await findClosedPortUrl('/dead.mp3');
  const broadcast = await startMp3Broadcast(options);
  const clients = new Map<ServerResponse, Route>();
  const counts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let droppedUntil = 0;
  let dropInsideFrame = false;
  /** Connections to close inside the next frame. */
  const cutting = new Set<ServerResponse>();
  let stalledUntil = 0;
  /** When each slow `?after=` URL answers (see the routes). */
  const onAir = new Map<string, number>();
  let baseUrl = '';

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const send = (res: ServerResponse, data: Buffer) => {
    // a listener that does not read is cut off, as Icecast does past its queue size
    if (res.writableLength > 1024 * 1024) res.destroy();
    else res.write(data);
  };

  const unsubscribe = broadcast.subscribe((frame) => {
    const stalled = Date.now() < stalledUntil;
    for (const [res, route] of clients) {
      if (cutting.has(res)) {
        // a header and 60 % of the frame: the reader is left with an incomplete frame
        clients.delete(res);
        cutting.delete(res);
        res.end(frame.subarray(0, Math.floor(frame.length * 0.6)));
        continue;
      }
      if (route === 'stall' && stalled) continue;
      send(res, frame);
    }
  });

  /** The burst for a new connection: whole frames, or from the middle of the first one. */
  const burstFor = (route: Route): Buffer => {
    const burst = broadcast.burst();
    if (!(route === 'drop' && dropInsideFrame)) return burst;
    return burst.subarray(Math.floor((mp3FrameLength(burst, 0) ?? 0) / 2));
  };

  const playlist = (kind: 'pls' | 'm3u', dead: string): string => {
    const live = `${baseUrl}/live.mp3`;
    if (kind === 'pls') {
      return (
        `[playlist]\nNumberOfEntries=2\n` +
        `File1=${dead}\nTitle1=Dead entry\nLength1=-1\n` +
        `File2=${live}\nTitle2=${name}\nLength2=-1\nVersion=2\n`
      );
    }
    return `#EXTM3U\n#EXTINF:-1,Dead entry\n${dead}\n#EXTINF:-1,${name}\n${live}\n`;
  };

  const serveStream = (req: IncomingMessage, res: ServerResponse, route: Route) => {
    if (res.destroyed) return;
    // Icecast-like: no Content-Length and no chunked encoding; the body ends when the socket does
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, {
      'Content-Type': 'audio/mpeg',
      'Cache-Control': 'no-cache, no-store',
      Connection: 'close',
      'icy-name': name,
      'icy-br': String(bitrate),
      'icy-pub': '0',
    });
    if (req.method === 'HEAD') return void res.end();
    res.flushHeaders();
    if (!(route === 'stall' && Date.now() < stalledUntil)) send(res, burstFor(route));
    clients.set(res, route);
    res.on('close', () => {
      clients.delete(res);
      cutting.delete(res);
    });
  };

  const server = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://x');
    counts.set(pathname, (counts.get(pathname) ?? 0) + 1);
    const route = routes[pathname];
    if (pathname === '/500.mp3') return void res.writeHead(500).end('server error\n');
    if (pathname === '/playlist.pls' || pathname === '/playlist.m3u') {
      const dead = searchParams.get('dead') === 'refused' ? refusedUrl : `${baseUrl}/404.mp3`;
      const kind = pathname.endsWith('.pls') ? 'pls' : 'm3u';
      res.writeHead(200, { 'Content-Type': kind === 'pls' ? 'audio/x-scpls' : 'audio/x-mpegurl' });
      return void res.end(playlist(kind, dead));
    }
    if (!route) return void res.writeHead(404).end('not found\n');
    if (route === 'drop' && Date.now() < droppedUntil) {
      return void res.writeHead(503).end('source dropped\n');
    }
    const after = Number(searchParams.get('after') ?? 0);
    if (route === 'live' && after > 0) {
      const key = req.url ?? '';
      if (!onAir.has(key)) onAir.set(key, Date.now() + after * 1000);
      const wait = onAir.get(key)! - Date.now();
      if (wait > 0) return void later(wait, () => serveStream(req, res, route));
    }
    serveStream(req, res, route);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  }).catch(async (err: unknown) => {
    await broadcast.stop();
    throw err;
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;

  const closeRoute = (route: Route) => {
    for (const [res, r] of clients) if (r === route) res.destroy();
  };

  return {
    baseUrl,
    url: (path) => `${baseUrl}/${path.replace(/^\/+/, '')}`,
    closedPortUrl: () => refusedUrl,
    dropFor(seconds, dropOptions = {}) {
      droppedUntil = Date.now() + seconds * 1000;
      dropInsideFrame = dropOptions.insideFrame ?? false;
      if (!dropInsideFrame) return closeRoute('drop');
      for (const [res, r] of clients) if (r === 'drop') cutting.add(res);
    },
    stall(seconds, stallOptions = {}) {
      stalledUntil = Date.now() + seconds * 1000;
      if (stallOptions.then === 'close') later(seconds * 1000, () => closeRoute('stall'));
    },
    requests: (path) => counts.get(`/${path.replace(/^\/+/, '')}`) ?? 0,
    async stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      unsubscribe();
      for (const res of clients.keys()) res.destroy();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await broadcast.stop();
    },
  };
}
