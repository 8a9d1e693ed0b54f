import { AppError } from '../../contract';

/** The families of network sources the recorder accepts ("Only network sources" in the contract). */
export type SourceFamily = 'http' | 'rtmp' | 'rtsp';

const MAX_URL_LENGTH = 4096;

/** Accepted schemes and what ffmpeg is handed. icecast:// and icy:// are HTTP under another name. */
const SCHEMES: Record<string, { family: SourceFamily; rewriteTo?: string }> = {
  http: { family: 'http' },
  https: { family: 'http' },
  icecast: { family: 'http', rewriteTo: 'http' },
  icy: { family: 'http', rewriteTo: 'http' },
  rtmp: { family: 'rtmp' },
  rtmps: { family: 'rtmp' },
  rtsp: { family: 'rtsp' },
  rtsps: { family: 'rtsp' },
};

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

function schemeOf(url: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  return m?.[1]?.toLowerCase() ?? '';
}

/**
 * Checks that `url` is a network stream URL (http, https, icecast/icy, rtmp(s), rtsp(s); HLS is
 * http(s) with an .m3u8 playlist) and returns it as ffmpeg should open it (icecast:// and icy://
 * become http://). Refuses local and composite ffmpeg protocols (file:, concat:, pipe:, data:,
 * subfile:, crypto:, async:, ...) with UNSUPPORTED_URL_SCHEME and malformed URLs with INVALID_URL.
 */
export function assertNetworkUrl(url: string, field = 'streamUrl'): string {
  const text = typeof url === 'string' ? url.trim() : '';
  if (!text) throw new AppError('INVALID_URL', 'The stream URL is empty.', { field });
  if (text.length > MAX_URL_LENGTH) {
    throw new AppError(
      'INVALID_URL',
      `The stream URL is longer than ${MAX_URL_LENGTH} characters.`,
      {
        field,
      },
    );
  }
  // control characters and spaces never belong in a URL handed to another program
  if ([...text].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f || /\s/.test(c))) {
    throw new AppError('INVALID_URL', 'The stream URL contains spaces or control characters.', {
      field,
    });
  }
  const scheme = schemeOf(text);
  if (!scheme) {
    throw new AppError(
      'INVALID_URL',
      'The stream URL needs a scheme, e.g. https://radio.example.com/live.mp3.',
      { field },
    );
  }
  const rule = SCHEMES[scheme];
  if (!rule) {
    throw new AppError(
      'UNSUPPORTED_URL_SCHEME',
      `"${scheme}:" URLs are not allowed: only network streams (http, https, rtmp, rtmps, rtsp, rtsps, icecast, HLS over http(s)) can be recorded.`,
      { field },
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(rule.rewriteTo ? `${rule.rewriteTo}${text.slice(scheme.length)}` : text);
  } catch {
    throw new AppError('INVALID_URL', `"${text}" is not a valid URL.`, { field });
  }
  if (!parsed.hostname) {
    throw new AppError('INVALID_URL', `"${text}" has no host name.`, { field });
  }
  return parsed.href;
}

/** The source family of a URL that passed assertNetworkUrl. */
export function sourceFamily(url: string): SourceFamily {
  const rule = SCHEMES[schemeOf(url)];
  if (!rule) {
    throw new AppError('UNSUPPORTED_URL_SCHEME', `"${url}" is not a network stream URL.`);
  }
  return rule.family;
}

/** The `-protocol_whitelist` value ffmpeg enforces for this (already checked) URL. */
export function protocolWhitelist(url: string): string {
  return WHITELISTS[sourceFamily(url)];
}
