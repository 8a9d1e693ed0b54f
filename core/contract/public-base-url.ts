import { z } from 'zod';

// A destination's `publicBaseUrl` (issue 14): the web address under which its remote folder is
// served, so a podcast feed can point at the delivered MP3s there. Pure: the destination schema
// (create, update, restore), the feeds and the destination editor take the rule from here.

export const PUBLIC_BASE_URL_MAX_LENGTH = 2000;

const MESSAGE = 'must be a web address like https://example.org/shows';

/** Why `value` (trimmed, not blank) is not a usable base address, or null when it is. */
function problemOf(value: string): string | null {
  if (value.length > PUBLIC_BASE_URL_MAX_LENGTH) {
    return `must be at most ${PUBLIC_BASE_URL_MAX_LENGTH} characters`;
  }
  if (/\s/.test(value)) return `${MESSAGE} (no blanks)`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return MESSAGE;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${MESSAGE} (http or https)`;
  if (url.hostname === '') return MESSAGE;
  if (url.username !== '' || url.password !== '') {
    return 'must not contain a user name or password (podcast apps cannot log in)';
  }
  if (value.includes('?') || value.includes('#'))
    return 'must not contain a query (?) or a fragment (#)';
  return null;
}

/**
 * `publicBaseUrl`: an absolute http(s) address without credentials, query or fragment, at most
 * PUBLIC_BASE_URL_MAX_LENGTH characters; kept as typed but for surrounding blanks and trailing
 * slashes (`https://example.org/shows/` → `https://example.org/shows`). Missing, null or blank:
 * none (feeds point at the recorder).
 */
export const publicBaseUrlSchema = z
  .string({ error: `${MESSAGE}, or null` })
  .trim()
  .superRefine((value, ctx) => {
    const problem = value === '' ? null : problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => normalizePublicBaseUrl(value))
  .nullish()
  .transform((value) => value ?? null);

/** The one normalisation: no trailing slash (blank: none). */
export function normalizePublicBaseUrl(value: string): string | null {
  const bare = value.trim().replace(/\/+$/, '');
  return bare === '' ? null : bare;
}

/**
 * The public address of `relativePath` (a file's path inside the destination's remote folder,
 * `/`-separated) under `base`: each segment URL-encoded (`Morning Show.mp3` →
 * `Morning%20Show.mp3`).
 */
export function publicUrlOf(base: string, relativePath: string): string {
  const segments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
  return [base.replace(/\/+$/, ''), ...segments.map((s) => encodeURIComponent(s))].join('/');
}
