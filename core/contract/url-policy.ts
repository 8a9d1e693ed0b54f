// THE policy on stream URLs ("Only network sources" in the contract), defined once: the schemes
// a stream may use and the family each belongs to, the longest URL, and the checks in their
// order. The forms and the operation schemas (operations/common.ts: networkUrlProblem) and the
// recorder (core/src/recorder/url-policy.ts: assertNetworkUrl, before ffmpeg is started) read
// every URL through `readNetworkUrl`.

/** The families of network sources the recorder accepts. */
export type SourceFamily = 'http' | 'rtmp' | 'rtsp';

/** Longest URL accepted. */
export const URL_MAX_LENGTH = 4096;

/**
 * The accepted schemes and their families; icecast:// and icy:// are HTTP under another name
 * (opened as http://); HLS is an .m3u8 playlist over http(s).
 */
const SCHEMES = {
  http: { family: 'http' },
  https: { family: 'http' },
  icecast: { family: 'http', rewriteTo: 'http' },
  icy: { family: 'http', rewriteTo: 'http' },
  rtmp: { family: 'rtmp' },
  rtmps: { family: 'rtmp' },
  rtsp: { family: 'rtsp' },
  rtsps: { family: 'rtsp' },
} as const satisfies Record<string, { family: SourceFamily; rewriteTo?: string }>;

export type NetworkUrlScheme = keyof typeof SCHEMES;

/** The URL schemes a stream may use. */
export const NETWORK_URL_SCHEMES = Object.keys(SCHEMES) as readonly NetworkUrlScheme[];

function isNetworkScheme(scheme: string): scheme is NetworkUrlScheme {
  return Object.hasOwn(SCHEMES, scheme);
}

/** The scheme of `url` in lower case (`HTTP://x` → `http`), or '' when it has none. */
function schemeOf(url: string): string {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase() ?? '';
}

/** The family of a URL's scheme, or null when the scheme is not a network one. */
export function familyOf(url: string): SourceFamily | null {
  const scheme = schemeOf(url);
  return isNetworkScheme(scheme) ? SCHEMES[scheme].family : null;
}

export type NetworkUrlReading =
  | {
      ok: true;
      /** The URL as it is opened (icecast:// and icy:// become http://), normalised by URL. */
      href: string;
      family: SourceFamily;
    }
  | {
      ok: false;
      code: 'INVALID_URL' | 'UNSUPPORTED_URL_SCHEME';
      /** What is wrong, as a phrase after the field's name ("must not be empty"). */
      problem: string;
      /** The same as a sentence about the stream URL ("The stream URL is empty."). */
      message: string;
    };

const invalid = (problem: string, message: string): NetworkUrlReading => ({
  ok: false,
  code: 'INVALID_URL',
  problem,
  message,
});

/**
 * Reads `url` (as given: trim it first where the input is trimmed) by the policy: not empty, at
 * most URL_MAX_LENGTH characters, no spaces or control characters, a network scheme, a URL with
 * a host. Local and composite ffmpeg protocols (file:, concat:, pipe:, data:, subfile:, crypto:,
 * async:, ...) are UNSUPPORTED_URL_SCHEME; anything else wrong is INVALID_URL.
 */
export function readNetworkUrl(url: string): NetworkUrlReading {
  if (url === '') return invalid('must not be empty', 'The stream URL is empty.');
  if (url.length > URL_MAX_LENGTH) {
    return invalid(
      `must be at most ${URL_MAX_LENGTH} characters`,
      `The stream URL is longer than ${URL_MAX_LENGTH} characters.`,
    );
  }
  // control characters and spaces never belong in a URL handed to another program
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001F\u007F]/.test(url)) {
    return invalid(
      'must not contain spaces or control characters',
      'The stream URL contains spaces or control characters.',
    );
  }
  const scheme = schemeOf(url);
  if (!scheme) {
    return invalid(
      'needs a scheme, e.g. https://radio.example.com/live.mp3',
      'The stream URL needs a scheme, e.g. https://radio.example.com/live.mp3.',
    );
  }
  if (!isNetworkScheme(scheme)) {
    return {
      ok: false,
      code: 'UNSUPPORTED_URL_SCHEME',
      problem: `"${scheme}:" URLs are not allowed: only network streams (${NETWORK_URL_SCHEMES.join(', ')}; HLS over http(s)) can be recorded`,
      message: `"${scheme}:" URLs are not allowed: only network streams (http, https, rtmp, rtmps, rtsp, rtsps, icecast, HLS over http(s)) can be recorded.`,
    };
  }
  const rule: { family: SourceFamily; rewriteTo?: string } = SCHEMES[scheme];
  let parsed: URL;
  try {
    parsed = new URL(rule.rewriteTo ? `${rule.rewriteTo}${url.slice(scheme.length)}` : url);
  } catch {
    return invalid('is not a valid URL', `"${url}" is not a valid URL.`);
  }
  if (!parsed.hostname) return invalid('has no host name', `"${url}" has no host name.`);
  return { ok: true, href: parsed.href, family: rule.family };
}
