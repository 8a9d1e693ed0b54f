/** Content types under which stations serve PLS / M3U playlists (not HLS). */
const PLAYLIST_TYPES = [
  'audio/x-scpls',
  'application/pls+xml',
  'audio/scpls',
  'audio/x-mpegurl',
  'audio/mpegurl',
  'application/x-mpegurl',
  'application/vnd.apple.mpegurl',
];

/** True when the URL's path ends in .pls or .m3u (not .m3u8, which is HLS and ffmpeg's job). */
export function hasPlaylistExtension(url: string): boolean {
  try {
    return /\.(pls|m3u)$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** True for a content type that may carry a PLS/M3U playlist (HLS shares some of them). */
export function isPlaylistContentType(contentType: string | null | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return PLAYLIST_TYPES.includes(type);
}

/** An HLS playlist (as opposed to a plain M3U list of stream URLs). */
export function isHlsPlaylist(text: string): boolean {
  return /^#EXTM3U/m.test(text) && /^#EXT-X-/m.test(text);
}

/** `#EXT-X-TARGETDURATION` of an HLS media playlist, in seconds. */
export function hlsTargetDuration(text: string): number | undefined {
  const m = /^#EXT-X-TARGETDURATION:\s*([\d.]+)/m.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * True when `text` reads as a PLS or M3U playlist by its content: a `[playlist]` section, an
 * `#EXTM3U` header, or (a bare M3U) only comments and `scheme:...` lines without spaces, at least
 * one (the URL policy judges each entry before anything is requested). Used when the
 * server's content type does not say (text/plain, none): anything else is not a playlist.
 */
export function looksLikePlaylist(text: string): boolean {
  const body = stripBom(text).trimStart();
  if (/^\[playlist\]/i.test(body) || /^#EXTM3U/.test(body)) return true;
  const lines = parseM3u(body);
  return lines.length > 0 && lines.every((line) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(line));
}

/** The `FileN=` entries of a PLS playlist, in N order. */
export function parsePls(text: string): string[] {
  const entries: { n: number; url: string }[] = [];
  for (const raw of stripBom(text).split(/\r?\n|\r/)) {
    const m = /^\s*File(\d+)\s*=\s*(.+?)\s*$/i.exec(raw);
    if (m?.[1] && m[2]) entries.push({ n: Number(m[1]), url: m[2] });
  }
  return entries.sort((a, b) => a.n - b.n).map((e) => e.url);
}

/** The non-comment lines of an M3U playlist. */
export function parseM3u(text: string): string[] {
  return stripBom(text)
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

/** Entries of a PLS or M3U playlist (detected from the text), made absolute against `baseUrl`. */
export function parsePlaylistEntries(text: string, baseUrl: string): string[] {
  const body = stripBom(text);
  const isPls = /^\s*\[playlist\]/im.test(body) || /^\s*File\d+\s*=/im.test(body);
  const raw = isPls ? parsePls(body) : parseM3u(body);
  const out: string[] = [];
  for (const entry of raw) {
    try {
      const absolute = new URL(entry, baseUrl).href;
      if (!out.includes(absolute)) out.push(absolute);
    } catch {
      // not a URL: skip it
    }
  }
  return out;
}
