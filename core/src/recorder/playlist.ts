import { AppError, isAppError } from '../../contract';
import {
  hasPlaylistExtension,
  hlsTargetDuration,
  isHlsPlaylist,
  isPlaylistContentType,
  parsePlaylistEntries,
} from './playlist-parse';
import { assertNetworkUrl, sourceFamily } from './url-policy';

export interface ResolvedStream {
  /** The URL to hand to ffmpeg (an entry of the playlist, or the URL itself). */
  url: string;
  /** `hls`: an HLS playlist ffmpeg reads itself; `entry`: picked from a PLS/M3U; `direct`. */
  kind: 'direct' | 'hls' | 'entry';
  /** `#EXT-X-TARGETDURATION` when the URL is an HLS media playlist. */
  hlsTargetSeconds?: number;
  /** True when the URL could not be fetched or answered an error: returned unchecked. */
  unverified?: boolean;
}

export interface ResolveOptions {
  fetch?: typeof fetch;
  /** Time allowed for each request's answer (headers, then the playlist body). Default 5 s. */
  timeoutMs?: number;
  /** A playlist larger than this is refused. Default 64 KiB. */
  maxBytes?: number;
  userAgent?: string;
  signal?: AbortSignal;
}

const AUDIO_TYPE = /^(audio\/|application\/ogg|video\/|application\/octet-stream)/i;
const MAX_DEPTH = 2;

function timeoutSignal(ms: number, parent?: AbortSignal): AbortSignal {
  const t = AbortSignal.timeout(ms);
  return parent ? AbortSignal.any([t, parent]) : t;
}

async function readLimited(res: Response, maxBytes: number, url: string): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        throw new AppError(
          'STREAM_UNREACHABLE',
          `The playlist ${url} is larger than ${maxBytes} bytes; give the stream URL itself.`,
        );
      }
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headers(options: ResolveOptions): Record<string, string> {
  return options.userAgent ? { 'user-agent': options.userAgent } : {};
}

/**
 * True when `url` answers like a stream: a 2xx with an audio content type, or any 2xx that
 * starts sending bytes. The connection is closed right after.
 */
export async function streamAnswers(url: string, options: ResolveOptions = {}): Promise<boolean> {
  const doFetch = options.fetch ?? fetch;
  const controller = new AbortController();
  const signal = AbortSignal.any([
    controller.signal,
    timeoutSignal(options.timeoutMs ?? 5000, options.signal),
  ]);
  try {
    const res = await doFetch(url, { headers: headers(options), signal });
    if (!res.ok) return false;
    if (AUDIO_TYPE.test(res.headers.get('content-type') ?? '')) return true;
    if (/\.m3u8$/i.test(new URL(res.url || url).pathname)) return true;
    const reader = res.body?.getReader();
    const first = await reader?.read();
    return !!first && !first.done && first.value.byteLength > 0;
  } catch {
    return false;
  } finally {
    controller.abort();
  }
}

async function resolveAt(
  url: string,
  options: ResolveOptions,
  depth: number,
): Promise<ResolvedStream> {
  const doFetch = options.fetch ?? fetch;
  const byExtension = hasPlaylistExtension(url);
  const controller = new AbortController();
  const signal = AbortSignal.any([
    controller.signal,
    timeoutSignal(options.timeoutMs ?? 5000, options.signal),
  ]);
  let res: Response;
  try {
    res = await doFetch(url, { headers: headers(options), signal });
  } catch (err) {
    controller.abort();
    if (options.signal?.aborted) throw err;
    if (!byExtension) return { url, kind: 'direct', unverified: true }; // ffmpeg will say why
    throw new AppError(
      'STREAM_UNREACHABLE',
      `The playlist ${url} could not be fetched (${(err as Error).message}). Check the URL.`,
    );
  }
  try {
    const contentType = res.headers.get('content-type');
    if (!res.ok || (!byExtension && !isPlaylistContentType(contentType))) {
      if (res.ok) return { url, kind: 'direct' };
      if (!byExtension) return { url, kind: 'direct', unverified: true };
      throw new AppError(
        'STREAM_UNREACHABLE',
        `The playlist ${url} answered HTTP ${res.status}. Check the URL.`,
      );
    }
    const text = await readLimited(res, options.maxBytes ?? 65_536, url);
    if (isHlsPlaylist(text)) {
      const target = hlsTargetDuration(text);
      return target === undefined
        ? { url, kind: 'hls' }
        : { url, kind: 'hls', hlsTargetSeconds: target };
    }
    const entries = parsePlaylistEntries(text, res.url || url);
    if (entries.length === 0) {
      throw new AppError(
        'STREAM_UNREACHABLE',
        `The playlist ${url} lists no stream URLs. Check the URL or use the stream's own URL.`,
      );
    }
    const refused: string[] = [];
    for (const entry of entries) {
      let checked: string;
      try {
        checked = assertNetworkUrl(entry);
      } catch (err) {
        refused.push(`${entry}: ${(err as Error).message}`);
        continue;
      }
      if (sourceFamily(checked) !== 'http') return { url: checked, kind: 'entry' };
      if (hasPlaylistExtension(checked) && depth < MAX_DEPTH) {
        try {
          const nested = await resolveAt(checked, options, depth + 1);
          if (!nested.unverified) {
            return nested.kind === 'direct' ? { ...nested, kind: 'entry' } : nested;
          }
          refused.push(`${checked}: no answer`);
          continue;
        } catch (err) {
          if (options.signal?.aborted) throw err;
          refused.push(`${checked}: ${(err as Error).message}`);
          continue;
        }
      }
      if (await streamAnswers(checked, options)) return { url: checked, kind: 'entry' };
      if (options.signal?.aborted) throw options.signal.reason;
      refused.push(`${checked}: no answer`);
    }
    throw new AppError(
      'STREAM_UNREACHABLE',
      `None of the ${entries.length} entries of the playlist ${url} answered (${refused.join('; ')}). Check the station or its URL.`,
    );
  } finally {
    controller.abort();
  }
}

/**
 * Resolves a stream URL before capture. The URL must pass the URL policy. An http(s) URL is
 * fetched once: a PLS/M3U playlist (by extension .pls/.m3u, or by its content type) is parsed and
 * its first entry that answers (and passes the URL policy) is returned; an HLS playlist is left to
 * ffmpeg; anything else, including a URL that cannot be fetched, is returned as it is so that
 * ffmpeg reports the problem. Rejects with STREAM_UNREACHABLE when a playlist yields no stream.
 */
export async function resolveStreamUrl(
  url: string,
  options: ResolveOptions = {},
): Promise<ResolvedStream> {
  const checked = assertNetworkUrl(url);
  if (sourceFamily(checked) !== 'http') return { url: checked, kind: 'direct' };
  try {
    return await resolveAt(checked, options, 0);
  } catch (err) {
    if (isAppError(err) || options.signal?.aborted) throw err;
    throw new AppError('STREAM_UNREACHABLE', `${checked} could not be resolved: ${String(err)}`);
  }
}
