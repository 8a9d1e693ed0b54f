import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTracked } from './processes';
import { serveDirectory } from './static-server';
import { waitUntil } from './wait';

export interface HlsServer {
  /** The live playlist: `http://127.0.0.1:<port>/live.m3u8`. */
  readonly url: string;
  /** Stops ffmpeg and the HTTP server and removes the temp dir. */
  stop(): Promise<void>;
}

export interface HlsOptions {
  /** Sine tone frequency in Hz (default 440). */
  frequency?: number;
  /** AAC bitrate (default 128). */
  bitrateKbps?: number;
}

/** Number of media segments listed in an HLS media playlist. */
export function countSegments(playlist: string): number {
  return playlist.split('\n').filter((line) => line.trim() && !line.startsWith('#')).length;
}

/**
 * Starts a live HLS stream: ffmpeg encodes a sine tone in real time to AAC in MPEG-TS segments of
 * 2 s (a sliding window of 5, old segments deleted, no end list), written to a temp dir and
 * served over HTTP on 127.0.0.1 and a free port. Resolves once the playlist lists ≥ 2 segments
 * (about 4-5 s after the call).
 */
export async function startHlsServer(options: HlsOptions = {}): Promise<HlsServer> {
  const dir = await mkdtemp(join(tmpdir(), 'asr-hls-'));
  const playlist = join(dir, 'live.m3u8');
  const ffmpeg = spawnTracked('ffmpeg', [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    ...['-re', '-f', 'lavfi', '-i', `sine=frequency=${options.frequency ?? 440}:sample_rate=44100`],
    ...['-ac', '2', '-c:a', 'aac', '-b:a', `${options.bitrateKbps ?? 128}k`],
    ...['-f', 'hls', '-hls_time', '2', '-hls_list_size', '5'],
    ...['-hls_flags', 'delete_segments+omit_endlist+temp_file'],
    ...['-hls_segment_type', 'mpegts', '-hls_segment_filename', join(dir, 'seg%05d.ts')],
    playlist,
  ]);
  const http = await serveDirectory(dir).catch(async (err: unknown) => {
    await ffmpeg.stop();
    await rm(dir, { recursive: true, force: true });
    throw err;
  });
  const stop = async () => {
    await ffmpeg.stop();
    await new Promise<void>((resolve) => {
      http.server.close(() => resolve());
      http.server.closeAllConnections();
    });
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(
      'the HLS playlist to list 2 segments',
      async () => {
        if (ffmpeg.hasExited) throw new Error(`ffmpeg exited: ${ffmpeg.log()}`);
        const text = await readFile(playlist, 'utf8').catch(() => '');
        return countSegments(text) >= 2;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${http.port}/live.m3u8`, stop };
}
