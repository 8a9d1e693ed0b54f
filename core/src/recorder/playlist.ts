import { AppError, isAppError } from '../../contract';
import {
  hasPlaylistExtension,
  hlsTargetDuration,
  isHlsPlaylist,
  isPlaylistContentType,
  looksLikePlaylist,
  parsePlaylistEntries,
} from './playlist-parse';
import { AUDIO_TYPE, icyStreamAnswers } from './native/stream-check';
import { assertNetworkUrl, MAX_REDIRECTS, sourceFamily } from './url-policy';

/*
 * What a URL answers decides what it is, never its name alone: a `.m3u` that redirects to some
 * text is not a playlist. Nothing fetched ever goes into an error message (a playlist's lines,
 * the entries, where a redirect points): errors name the URL the user gave, the HTTP status, the
 * content type and a size.
 */

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
  /** A playlist larger than this is refused; no more than this is read. Default 64 KiB. */
  maxBytes?: number;
  userAgent?: string;
  signal?: AbortSignal;
}

/** Nested playlists followed (a playlist listing a playlist). */
const MAX_DEPTH = 2;
export { MAX_REDIRECTS };
/** Entries of a playlist tried, at most (each may cost a request). */
export const MAX_ENTRIES_TRIED = 10;

function timeoutSignal(ms: number, parent?: AbortSignal): AbortSignal {
  const t = AbortSignal.timeout(ms);
  return parent ? AbortSignal.any([t, parent]) : t;
}

function headers(options: ResolveOptions): Record<string, string> {
  return options.userAgent ? { 'user-agent': options.userAgent } : {};
}

function unreachable(message: string): AppError {
  return new AppError('STREAM_UNREACHABLE', message);
}

/** A response's final answer, after the redirects. */
interface Answer {
  res: Response;
  /** The URL that answered (for relative playlist entries). */
  url: string;
}

/**
 * GET `url`, following at most MAX_REDIRECTS redirects, each target through the URL policy (http
 * family only). `label` names the request in errors: the user's URL, never a fetched one.
 */
async function fetchFollowing(
  url: string,
  options: ResolveOptions,
  signal: AbortSignal,
  label: string,
): Promise<Answer> {
  const doFetch = options.fetch ?? fetch;
  let current = url;
  for (let hop = 0; ; hop++) {
    const res = await doFetch(current, { headers: headers(options), signal, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status > 399 || location === null) return { res, url: current };
    await res.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS) {
      throw unreachable(`${label} redirects more than ${MAX_REDIRECTS} times. Check the URL.`);
    }
    let next: string;
    try {
      next = assertNetworkUrl(new URL(location, current).href);
    } catch {
      throw unreachable(`${label} redirects to an address that cannot be recorded.`);
    }
    if (sourceFamily(next) !== 'http') {
      throw unreachable(`${label} redirects to an address that cannot be recorded.`);
    }
    current = next;
  }
}

/** Reads at most `maxBytes` of the body; a longer body is refused (and no more of it read). */
async function readLimited(res: Response, maxBytes: number, label: string): Promise<string> {
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
        throw unreachable(
          `The playlist ${label} is larger than ${maxBytes} bytes; give the stream URL itself.`,
        );
      }
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** "HTTP 200 text/plain, 41 bytes": what an answer was, without any of its content. */
function describe(res: Response, bytes: number): string {
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() || 'no content type';
  return `HTTP ${res.status} ${type}, ${bytes} bytes`;
}

/**
 * True when `url` answers like a stream: a 2xx with an audio content type, or any 2xx that
 * starts sending bytes (at most MAX_REDIRECTS redirects away). The connection is closed right
 * after. Asked with the native reader's request (`native/stream-check.ts`), so that a Shoutcast
 * server's `ICY 200 OK`, which fetch refuses, answers too; `options.fetch`, when given, replaces
 * the network (tests).
 */
export async function streamAnswers(url: string, options: ResolveOptions = {}): Promise<boolean> {
  const timeoutMs = options.timeoutMs ?? 5000;
  if (!options.fetch) {
    const o: { timeoutMs: number; userAgent?: string; signal?: AbortSignal } = { timeoutMs };
    if (options.userAgent) o.userAgent = options.userAgent;
    if (options.signal) o.signal = options.signal;
    return icyStreamAnswers(url, o);
  }
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal, timeoutSignal(timeoutMs, options.signal)]);
  try {
    const { res, url: answered } = await fetchFollowing(url, options, signal, url);
    if (!res.ok) return false;
    if (AUDIO_TYPE.test(res.headers.get('content-type') ?? '')) return true;
    if (/\.m3u8$/i.test(new URL(answered).pathname)) return true;
    const reader = res.body?.getReader();
    const first = await reader?.read();
    return !!first && !first.done && first.value.byteLength > 0;
  } catch {
    return false;
  } finally {
    controller.abort();
  }
}

/** The playlist's first entry that passes the URL policy and answers. */
async function pickEntry(
  entries: readonly string[],
  label: string,
  options: ResolveOptions,
  depth: number,
): Promise<ResolvedStream> {
  let refused = 0;
  let silent = 0;
  let tried = 0;
  for (const entry of entries) {
    let checked: string;
    try {
      checked = assertNetworkUrl(entry);
    } catch {
      refused += 1;
      continue;
    }
    if (sourceFamily(checked) !== 'http') return { url: checked, kind: 'entry' };
    if (tried >= MAX_ENTRIES_TRIED) break;
    tried += 1;
    if (hasPlaylistExtension(checked) && depth < MAX_DEPTH) {
      try {
        const nested = await resolveAt(checked, options, depth + 1, label);
        if (!nested.unverified) {
          return nested.kind === 'direct' ? { ...nested, kind: 'entry' } : nested;
        }
      } catch (err) {
        if (options.signal?.aborted) throw err;
      }
      silent += 1;
      continue;
    }
    if (await streamAnswers(checked, options)) return { url: checked, kind: 'entry' };
    if (options.signal?.aborted) throw options.signal.reason;
    silent += 1;
  }
  const why = [
    refused ? `${refused} not a network stream URL` : '',
    silent ? `${silent} did not answer` : '',
    entries.length > refused + silent ? `${entries.length - refused - silent} not tried` : '',
  ].filter(Boolean);
  throw unreachable(
    `None of the ${entries.length} entries of the playlist ${label} answered (${why.join(', ')}). Check the station or its URL.`,
  );
}

/**
 * `url` (already through the URL policy) fetched and classified by its final answer. `label` is
 * the URL the user gave, the only one errors name.
 */
async function resolveAt(
  url: string,
  options: ResolveOptions,
  depth: number,
  label: string,
): Promise<ResolvedStream> {
  const controller = new AbortController();
  const signal = AbortSignal.any([
    controller.signal,
    timeoutSignal(options.timeoutMs ?? 5000, options.signal),
  ]);
  try {
    let answer: Answer;
    try {
      answer = await fetchFollowing(url, options, signal, label);
    } catch (err) {
      if (options.signal?.aborted || isAppError(err)) throw err;
      if (!hasPlaylistExtension(url)) return { url, kind: 'direct', unverified: true }; // ffmpeg will say why
      throw unreachable(
        `The playlist ${label} could not be fetched (${(err as Error).message}). Check the URL.`,
      );
    }
    const { res } = answer;
    const byName = hasPlaylistExtension(url) || hasPlaylistExtension(answer.url);
    if (!res.ok) {
      if (!byName) return { url, kind: 'direct', unverified: true };
      throw unreachable(`The playlist ${label} answered HTTP ${res.status}. Check the URL.`);
    }
    const contentType = res.headers.get('content-type') ?? '';
    // a playlist type is read as one; otherwise the content decides, for a .pls/.m3u whatever
    // its type (stations serve them as text/plain or octet-stream), else for text
    const declared = isPlaylistContentType(contentType);
    const sniffed = byName
      ? !/^(audio\/|application\/ogg|video\/)/i.test(contentType)
      : /^text\//i.test(contentType);
    if (!declared && !sniffed) return { url, kind: 'direct' };

    const maxBytes = options.maxBytes ?? 65_536;
    const text = await readLimited(res, maxBytes, label);
    if (isHlsPlaylist(text)) {
      const target = hlsTargetDuration(text);
      return target === undefined
        ? { url, kind: 'hls' }
        : { url, kind: 'hls', hlsTargetSeconds: target };
    }
    if (!declared && !looksLikePlaylist(text)) {
      if (!byName) return { url, kind: 'direct' }; // some text: ffmpeg will say it is no stream
      throw unreachable(
        `${label} is not a stream or playlist: ${describe(res, Buffer.byteLength(text))}.`,
      );
    }
    const entries = parsePlaylistEntries(text, answer.url);
    if (entries.length === 0) {
      throw unreachable(
        `The playlist ${label} lists no stream URLs. Check the URL or use the stream's own URL.`,
      );
    }
    return await pickEntry(entries, label, options, depth);
  } finally {
    controller.abort();
  }
}

/**
 * Resolves a stream URL before capture. The URL must pass the URL policy. An http(s) URL is
 * fetched (following at most MAX_REDIRECTS redirects, each through the URL policy) and judged by
 * its final answer: a PLS/M3U playlist (its content type says so, or a `.pls`/`.m3u` answering
 * text that reads as one; at most 64 KiB read) gives its first entry that passes the URL policy
 * and answers; an HLS playlist is left to ffmpeg; an audio answer, or a URL that cannot be
 * fetched, is returned as it is so that ffmpeg reports the problem. Rejects with
 * STREAM_UNREACHABLE when a playlist yields no stream or a `.pls`/`.m3u` answers something else;
 * no error repeats what was fetched.
 */
export async function resolveStreamUrl(
  url: string,
  options: ResolveOptions = {},
): Promise<ResolvedStream> {
  const checked = assertNetworkUrl(url);
  if (sourceFamily(checked) !== 'http') return { url: checked, kind: 'direct' };
  try {
    return await resolveAt(checked, options, 0, checked);
  } catch (err) {
    if (isAppError(err) || options.signal?.aborted) throw err;
    throw unreachable(`${checked} could not be resolved: ${String(err)}`);
  }
}
