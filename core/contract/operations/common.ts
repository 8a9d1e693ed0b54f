import { z } from 'zod';
import { readNetworkUrl } from '../url-policy';
import { SEARCH_MAX_LENGTH } from '../search';

// Schema pieces shared by the operations. Pure: the renderer builds its forms from them.

/** Longest id accepted in a path (ids are UUIDs; older rows and tests use short names). */
export const ID_MAX_LENGTH = 100;

// C0 and C1 control characters and the Unicode line separators: never part of a one-line value.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** True when `text` holds no control characters (tab, newline, NUL, ...). */
export function isSingleLine(text: string): boolean {
  return !CONTROL.test(text);
}

/** An id in a path or a reference to another row. */
export const idSchema = z
  .string({ error: 'must be an id (text)' })
  .trim()
  .min(1, 'must not be empty')
  .max(ID_MAX_LENGTH, `must be at most ${ID_MAX_LENGTH} characters`)
  .refine(isSingleLine, 'must not contain control characters');

/** The input of an operation on one row: `{id}` from the path. */
export const idInput = z.object({ id: idSchema });

/** A required one-line text: trimmed, not empty, at most `max` characters. */
export function requiredText(max: number) {
  return z
    .string({ error: 'is required (text)' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(isSingleLine, 'must not contain control characters');
}

/**
 * A one-line text that may be left blank: trimmed, at most `max` characters. What blank, null and
 * missing mean is the field's own rule (optionalText; a schedule's name).
 */
export function blankableText(max: number) {
  return z
    .string({ error: 'must be text or null' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(isSingleLine, 'must not contain control characters');
}

/** An optional one-line text: trimmed; missing, null or blank all mean "none" (null). */
export function optionalText(max: number) {
  return blankableText(max)
    .nullish()
    .transform((value) => (value ? value : null));
}

/** Treats an empty query parameter (`?status=`) as absent. */
function blankIsAbsent(value: unknown): unknown {
  return value === '' ? undefined : value;
}

/** A whole number from `min` to `max` (a JSON number), refused in one sentence. */
export function wholeNumber(min: number, max: number) {
  const message = wholeNumberMessage(min, max);
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

function wholeNumberMessage(min: number, max: number): string {
  return `must be a whole number from ${min} to ${max}`;
}

/**
 * A whole number from `min` to `max`. Accepts a number (JSON, IPC) or its digits as text (a
 * query string); a missing or empty value becomes `fallback`.
 */
export function queryInteger(min: number, max: number, fallback: number) {
  const message = wholeNumberMessage(min, max);
  return z.preprocess(
    blankIsAbsent,
    z
      .union(
        [
          z.number(),
          z
            .string()
            .regex(/^\d{1,15}$/)
            .transform(Number),
        ],
        { error: message },
      )
      .pipe(z.number().int(message).min(min, message).max(max, message))
      .default(fallback),
  );
}

/** A yes/no flag: true/false, or `true`, `false`, `1`, `0` in a query string. Missing: false. */
export const queryFlag = z.preprocess(
  blankIsAbsent,
  z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { error: 'must be true or false' })
    .optional()
    .transform((value) => value === true || value === 'true' || value === '1'),
);

/** An optional filter from a query string (empty means absent). */
export function queryOptional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankIsAbsent, schema.optional());
}

/**
 * `?q=` of a list: words that must each appear in one of a row's texts (`search.ts`); blank is no
 * search, at most SEARCH_MAX_LENGTH characters.
 */
export const searchInput = queryOptional(
  z
    .string({ error: 'must be text' })
    .trim()
    .max(SEARCH_MAX_LENGTH, `must be at most ${SEARCH_MAX_LENGTH} characters`),
).transform((value) => value || undefined);

/** `?limit=&offset=` of a list: 1..500 (default 50) and 0.. (default 0). */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
export const pagination = {
  limit: queryInteger(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  offset: queryInteger(0, 1_000_000_000, 0),
};

/** What is wrong with `url` as a stream URL (the policy in url-policy.ts), or undefined. */
export function networkUrlProblem(url: string): string | undefined {
  const reading = readNetworkUrl(url);
  return reading.ok ? undefined : reading.problem;
}

/** A stream URL: trimmed, network schemes only (file:, concat:, pipe:, data: ... are refused). */
export const networkUrl = z
  .string({ error: 'must be a URL (text)' })
  .trim()
  .superRefine((url, ctx) => {
    const problem = networkUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * The answer of an operation that hands out a file (`streams.getArtwork`, `sessions.audio`):
 * the HTTP host streams `filePath` with `contentType` (and Range support); the file is never
 * read into the answer. `filePath` is local to the machine that runs the core.
 */
export const fileAnswer = z.strictObject({ filePath: z.string(), contentType: z.string() });
export type FileResult = z.output<typeof fileAnswer>;

/**
 * The answer of an operation that makes a text document other than JSON (`calendar.ics`): the
 * HTTP host sends `text` as the body with `contentType`; other hosts answer it as it is.
 */
export const textAnswer = z.strictObject({ text: z.string(), contentType: z.string() });
export type TextResult = z.output<typeof textAnswer>;

/**
 * How a host sends an operation's answer, decided by the answer schema the operation declares
 * (never by the answer's shape): `file` for `fileAnswer` (streamed from disk), `text` for
 * `textAnswer` (the text as the body), `json` for every other answer.
 */
export type AnswerKind = 'file' | 'text' | 'json';
export function answerKind(spec: { output?: unknown }): AnswerKind {
  if (spec.output === fileAnswer) return 'file';
  if (spec.output === textAnswer) return 'text';
  return 'json';
}

/** An instant as answered: ISO-8601 (`toISOString()`). */
export const instant = z.iso.datetime({ offset: true });

/**
 * Picks `keys` of `value`, each of them present (undefined where `value` lacks it): a resource's
 * settings alone, of a stored row or a backup's entry.
 */
export function pickKeys<K extends string, T extends Partial<Record<K, unknown>>>(
  value: T,
  keys: readonly K[],
): Pick<T, K & keyof T> {
  const picked: Partial<Record<K, unknown>> = {};
  for (const key of keys) picked[key] = value[key];
  return picked as Pick<T, K & keyof T>;
}
