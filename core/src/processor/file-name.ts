import { AppError } from '../../contract';
import { formatLocalDate, formatLocalTime, localDateTime } from './local-time';

export const DEFAULT_FILE_NAME_PATTERN = '{date} {name}';

/** Longest base name (before ` (n)` and `.mp3`) in UTF-8 bytes: well under the usual 255. */
export const MAX_BASE_NAME_BYTES = 200;

const FALLBACK_BASE = 'recording';
const EXTENSION = '.mp3';

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

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
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
 * unknown `{tokens}` are left in the name literally (so a typo is visible, never dangerous).
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
  return `${sanitizeBaseName(rendered)}${EXTENSION}`;
}

/**
 * The first free name among `base.mp3`, `base (2).mp3`, `base (3).mp3`, ... as judged by
 * `isTaken` (used for local and for remote names). `baseName` may end in `.mp3` or not; it is
 * sanitized again, so the answer is always a plain file name. Throws CONFLICT after
 * `maxAttempts` taken names.
 */
export async function uniqueFileName(
  baseName: string,
  isTaken: (name: string) => Promise<boolean> | boolean,
  maxAttempts = 10_000,
): Promise<string> {
  const base = sanitizeBaseName(baseName);
  for (let n = 1; n <= maxAttempts; n++) {
    const candidate = n === 1 ? `${base}${EXTENSION}` : `${base} (${n})${EXTENSION}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new AppError(
    'CONFLICT',
    `No free file name for "${base}" after ${maxAttempts} attempts: clean up the folder.`,
  );
}

/** True when `name` is one plain path component ending in `.mp3` (what renderFileName makes). */
export function isPlainFileName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.toLowerCase().endsWith(EXTENSION) &&
    name.length > EXTENSION.length &&
    !/[/\\]/.test(name) &&
    !name.includes('\0') &&
    !name.startsWith('.') &&
    !/^[A-Za-z]:/.test(name)
  );
}
