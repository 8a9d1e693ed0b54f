import { isAppError } from '../../contract';
import type { StreamProbeDto } from '../../contract/operations/streams';
import { FORMAT_PROBE_BYTES } from '../ffmpeg/capture-args';
import type { ProcessRunner } from '../ffmpeg/process';
import { probe, type ProbeResult } from '../ffmpeg/probe';
import { resolveStreamUrl, type ResolvedStream } from './playlist';
import { assertNetworkUrl, protocolWhitelist, sourceFamily } from './url-policy';

/** The answer of `POST /api/streams/probe` (the contract's type). */
export type StreamProbe = StreamProbeDto;

export interface ProbeStreamDeps {
  runner: ProcessRunner;
  ffprobePath: string;
  /** The whole probe's time budget (default 10 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Playlist resolution (default resolveStreamUrl); tests replace it. */
  resolve?: (
    url: string,
    options: { timeoutMs: number; userAgent?: string },
  ) => Promise<ResolvedStream>;
  now?: () => number;
}

/**
 * ffprobe input options: only network protocols, and a bounded wait for data. An HTTP stream's
 * format is told from its first FORMAT_PROBE_BYTES, unless `fullFormatProbe` (ffprobe's default).
 */
export function probeInputArgs(url: string, timeoutMs: number, fullFormatProbe = false): string[] {
  const family = sourceFamily(url);
  const timeoutUs = String(Math.round(timeoutMs * 1000));
  const args = ['-protocol_whitelist', protocolWhitelist(url)];
  if (family === 'rtsp') args.push('-rtsp_transport', 'tcp');
  else args.push('-rw_timeout', timeoutUs);
  if (family === 'http' && !fullFormatProbe) {
    args.push('-formatprobesize', String(FORMAT_PROBE_BYTES));
  }
  return args;
}

/** ffprobe found no format in what it read: a stream joined inside a frame or after junk. */
const NO_FORMAT_FOUND = /Invalid data found when processing input/;

function positive(value: string | number | undefined): number | null {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function tag(tags: Record<string, string> | undefined, ...names: string[]): string | undefined {
  if (!tags) return undefined;
  for (const [key, value] of Object.entries(tags)) {
    if (names.includes(key.toLowerCase()) && value.trim()) return value.trim();
  }
  return undefined;
}

/** Reads codec, bitrate, sample rate, channels and station name from ffprobe's answer. */
export function summarizeProbe(info: ProbeResult): StreamProbe {
  const audio = info.streams.find((s) => s.codec_type === 'audio');
  if (!audio) {
    return {
      ok: false,
      codec: null,
      bitrateKbps: null,
      sampleRate: null,
      channels: null,
      error: 'The stream carries no audio.',
    };
  }
  const bitsPerSecond =
    positive(audio.bit_rate) ??
    (info.streams.length === 1 ? positive(info.format.bit_rate) : null) ??
    (positive(tag(info.format.tags, 'icy-br')) ?? 0) * 1000;
  const result: StreamProbe = {
    ok: true,
    codec: audio.codec_name ?? null,
    bitrateKbps: bitsPerSecond ? Math.round(bitsPerSecond / 1000) : null,
    sampleRate: positive(audio.sample_rate),
    channels: positive(audio.channels),
  };
  const name = tag(info.format.tags, 'icy-name', 'ice-name');
  if (name) result.name = name;
  return result;
}

/** ffprobe's words about a playlist's entry, without the entry's URL (fetched content). */
function withoutEntryUrls(message: string): string {
  return message.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, "(the playlist's entry)");
}

function failed(error: string): StreamProbe {
  return { ok: false, codec: null, bitrateKbps: null, sampleRate: null, channels: null, error };
}

/**
 * Probes a stream URL within about `timeoutMs` (10 s): the URL policy first (a refused URL
 * throws its AppError), then playlist resolution, then ffprobe restricted to network protocols.
 * A stream that cannot be read answers `{ok: false, error}`; the error repeats nothing fetched
 * (a playlist entry's URL included).
 */
export async function probeStream(url: string, deps: ProbeStreamDeps): Promise<StreamProbe> {
  const checked = assertNetworkUrl(url);
  const now = deps.now ?? Date.now;
  const budget = deps.timeoutMs ?? 10_000;
  const deadline = now() + budget;
  const resolve =
    deps.resolve ??
    ((u: string, o: { timeoutMs: number; userAgent?: string }) => resolveStreamUrl(u, o));
  let target: string;
  let fromPlaylist = false;
  try {
    const resolveOptions: { timeoutMs: number; userAgent?: string } = {
      timeoutMs: Math.min(5000, budget / 2),
    };
    if (deps.userAgent) resolveOptions.userAgent = deps.userAgent;
    const resolved = await resolve(checked, resolveOptions);
    target = resolved.url;
    fromPlaylist = resolved.kind === 'entry';
  } catch (err) {
    return failed((err as Error).message);
  }
  const attempt = (fullFormatProbe: boolean) => {
    const remaining = Math.max(2000, deadline - now());
    const extra = probeInputArgs(target, remaining - 500, fullFormatProbe);
    if (deps.userAgent && sourceFamily(target) === 'http') {
      extra.push('-user_agent', deps.userAgent);
    }
    return probe(deps.runner, deps.ffprobePath, target, extra, remaining);
  };
  try {
    let info;
    try {
      info = await attempt(false);
    } catch (err) {
      // a live stream's first bytes can start inside a frame: one more look, reading as much as
      // ffprobe would by default, while the budget allows
      const again =
        sourceFamily(target) === 'http' &&
        NO_FORMAT_FOUND.test((err as Error).message) &&
        deadline - now() > 2000;
      if (!again) throw err;
      info = await attempt(true);
    }
    return summarizeProbe(info);
  } catch (err) {
    if (isAppError(err) && err.code !== 'FFMPEG_FAILED') throw err;
    const message = (err as Error).message;
    if (/timed out/.test(message)) {
      return failed(
        `The stream did not answer within ${Math.round(budget / 1000)} s. Check the URL.`,
      );
    }
    return failed(fromPlaylist ? withoutEntryUrls(message) : message);
  }
}
