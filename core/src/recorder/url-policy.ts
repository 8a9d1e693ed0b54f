import { AppError } from '../../contract';
import { familyOf, readNetworkUrl, type SourceFamily } from '../../contract/url-policy';

/**
 * What `-protocol_whitelist` allows per family: only network protocols, never file, pipe, concat,
 * data, subfile, async, cache... `crypto` is for AES-128 HLS segments (`crypto+http://`): it only
 * nests another protocol, which must itself be on the list, so `crypto+file:` stays refused.
 * `httpproxy` is how ffmpeg tunnels https through an `http_proxy`.
 */
const WHITELISTS: Record<SourceFamily, string> = {
  http: 'http,https,tls,tcp,crypto,httpproxy',
  rtmp: 'rtmp,rtmps,tls,tcp',
  rtsp: 'rtp,srtp,udp,tcp,tls,http,https',
};

/**
 * Checks that `url` is a network stream URL by the contract's policy (http, https, icecast/icy,
 * rtmp(s), rtsp(s); HLS is http(s) with an .m3u8 playlist: core/contract/url-policy.ts) and
 * returns it as ffmpeg should open it (icecast:// and icy:// become http://). Refuses local and
 * composite ffmpeg protocols (file:, concat:, pipe:, data:, subfile:, crypto:, async:, ...) with
 * UNSUPPORTED_URL_SCHEME and malformed URLs with INVALID_URL.
 */
/** Redirects followed per request (playlist resolution, stream checks, the native reader). */
export const MAX_REDIRECTS = 5;

export function assertNetworkUrl(url: string, field = 'streamUrl'): string {
  const reading = readNetworkUrl(typeof url === 'string' ? url.trim() : '');
  if (!reading.ok) throw new AppError(reading.code, reading.message, { field });
  return reading.href;
}

/** The source family of a URL that passed assertNetworkUrl. */
export function sourceFamily(url: string): SourceFamily {
  const family = familyOf(url);
  if (!family) {
    throw new AppError('UNSUPPORTED_URL_SCHEME', `"${url}" is not a network stream URL.`);
  }
  return family;
}

/** The `-protocol_whitelist` value ffmpeg enforces for this (already checked) URL. */
export function protocolWhitelist(url: string): string {
  return WHITELISTS[sourceFamily(url)];
}
