import { formatLocalDate, formatLocalTime, localDateTime } from './local-time';

export const DEFAULT_FILE_NAME_PATTERN = '{date} {name}';

/** Longest base name (before ` (n)` and `.mp3`) in UTF-8 bytes: well under the usual 255. */
export const MAX_BASE_NAME_BYTES = 200;

const FALLBACK_BASE = 'recording';
/** What every recording's file name ends in. */
export const MP3_EXTENSION = '.mp3';

/**
 * The values a file name pattern may use. `time` is `HH-MM-SS` (24-hour, local, no colons) and
 * `datetime` is `YYYY-MM-DD HH-MM-SS` (when left out: `date` and `time` joined by a space).
 */
export interface FileNameTokens {
  name: string;
  date: string;
  time: string;
  datetime?: string;
  track: number | string;
  artist: string;
  album: string;
}

export const FILE_NAME_TOKENS: readonly (keyof FileNameTokens)[] = [
  'name',
  'date',
  'time',
  'datetime',
  'track',
  'artist',
  'album',
];

/** Every `{...}` of a pattern: a token, or a typo such as `{nmae}`. */
const BRACED = /\{([^{}]*)\}/g;

/** The `{tokens}` of `pattern` that are not in FILE_NAME_TOKENS, as written (`{nmae}`), once each. */
export function unknownFileNameTokens(pattern: string | null | undefined): string[] {
  if (!pattern) return [];
  const known = FILE_NAME_TOKENS as readonly string[];
  const unknown = [...pattern.matchAll(BRACED)]
    .filter((m) => !known.includes(m[1] ?? ''))
    .map((m) => m[0]);
  return [...new Set(unknown)];
}

/** `{name}, {date}, … or {album}`: the tokens a pattern may use, in words. */
export function knownTokenList(): string {
  const braced = FILE_NAME_TOKENS.map((t) => `{${t}}`);
  return `${braced.slice(0, -1).join(', ')} or ${braced.at(-1)}`;
}

/**
 * THE rule on file-name patterns (the stream schema, restore and the stream editor use it): a
 * pattern may use only the known tokens. Answers what is wrong as the end of a sentence that
 * names the field ("has an unknown token {nmae}: use …"), or null.
 */
export function fileNamePatternProblem(pattern: string | null | undefined): string | null {
  const unknown = unknownFileNameTokens(pattern);
  if (unknown.length === 0) return null;
  const what = unknown.length === 1 ? 'an unknown token' : 'unknown tokens';
  return `has ${what} ${unknown.join(', ')}: use ${knownTokenList()}`;
}

/** The tokens of a recording that started at `startTime`, read on a wall clock in `timeZone`. */
export function fileNameTokens(input: {
  streamName: string;
  artist: string;
  album: string;
  trackNumber: number;
  startTime: Date;
  timeZone: string;
}): FileNameTokens {
  const local = localDateTime(input.startTime, input.timeZone);
  const date = formatLocalDate(local);
  const time = formatLocalTime(local);
  return {
    name: input.streamName,
    date,
    time,
    datetime: `${date} ${time}`,
    track: input.trackNumber,
    artist: input.artist,
    album: input.album,
  };
}

// Invisible formatting characters (zero-width, bidi overrides, BOM): removed.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// C0 and C1 control characters (NUL, tab, newline, ...) and the Unicode line separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
// Path separators and the characters Windows refuses in names.
const ILLEGAL = /[/\\<>:"|?*]/g;
// Device names Windows reserves whatever the extension (CON.mp3 is still the console).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const utf8 = new TextEncoder();

/** The length of `text` in UTF-8 bytes. */
export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = utf8Length(ch);
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/**
 * A base name (without extension) that is safe as one path component on Linux, macOS and
 * Windows. Idempotent: sanitizing a sanitized name changes nothing.
 *   - invisible formatting characters are removed; control characters become spaces;
 *   - `/ \ < > : " | ? *` become `_`;
 *   - whitespace runs collapse to one space, ends are trimmed, trailing dots dropped;
 *   - leading dots become `_` (no hidden files, no `.` or `..`);
 *   - a trailing `.mp3` is dropped (the caller appends it once);
 *   - Windows device names (CON, NUL, COM1, ...) get a leading `_`;
 *   - at most MAX_BASE_NAME_BYTES UTF-8 bytes; never empty (`recording`).
 */
export function sanitizeBaseName(raw: string): string {
  // each rule can expose work for another (a cut can leave `.mp3` at the end): repeat to a fixpoint
  let s = String(raw);
  for (let i = 0; i < 8; i++) {
    const next = sanitizeOnce(s);
    if (next === s) break;
    s = next;
  }
  return s;
}

function sanitizeOnce(raw: string): string {
  let s = raw.normalize('NFC');
  s = s.replace(INVISIBLE, '').replace(CONTROL, ' ').replace(ILLEGAL, '_');
  s = tidyEnds(s.replace(/\s+/g, ' '));
  while (/\.mp3$/i.test(s)) s = tidyEnds(s.slice(0, -4));
  s = s.replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  s = tidyEnds(truncateUtf8(s, MAX_BASE_NAME_BYTES));
  if (RESERVED.test((s.split('.')[0] ?? '').trim())) s = `_${s}`;
  return s === '' ? FALLBACK_BASE : s;
}

/** Trims whitespace at both ends and dots at the end (Windows drops trailing dots and spaces). */
function tidyEnds(s: string): string {
  return s.trim().replace(/[\s.]+$/, '');
}

/**
 * The file name of a recording: `pattern` (blank → `{date} {name}`) with its `{tokens}`
 * replaced, made safe by sanitizeBaseName, plus `.mp3`. Token names are case-sensitive;
 * unknown `{tokens}` are left in the name literally (so a typo is visible, never dangerous; new
 * patterns with one are refused: fileNamePatternProblem).
 * The result is always a single plain file name: it cannot name a folder or leave one.
 */
export function renderFileName(
  pattern: string | null | undefined = DEFAULT_FILE_NAME_PATTERN,
  tokens: FileNameTokens,
): string {
  const template = pattern && pattern.trim() !== '' ? pattern : DEFAULT_FILE_NAME_PATTERN;
  const values: FileNameTokens = {
    ...tokens,
    datetime: tokens.datetime ?? `${tokens.date} ${tokens.time}`,
  };
  const rendered = template.replace(/\{([A-Za-z]+)\}/g, (whole, key: string) =>
    (FILE_NAME_TOKENS as readonly string[]).includes(key)
      ? String(values[key as keyof FileNameTokens] ?? '')
      : whole,
  );
  return `${sanitizeBaseName(rendered)}${MP3_EXTENSION}`;
}

/** True when `name` is one plain path component ending in `.mp3` (what renderFileName makes). */
export function isPlainFileName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.toLowerCase().endsWith(MP3_EXTENSION) &&
    name.length > MP3_EXTENSION.length &&
    !/[/\\]/.test(name) &&
    !name.includes('\0') &&
    !name.startsWith('.') &&
    !/^[A-Za-z]:/.test(name)
  );
}
