// The one search rule of the lists (recordings and logs): the words of a search, each of which
// must appear in one of a row's texts. The server's queries (SQLite LIKE) and the UI (a row an
// event announces) follow it alike: letters compare without case as SQLite's LIKE does (A–Z
// only; other letters as written).

/** The longest search accepted. */
export const SEARCH_MAX_LENGTH = 100;
/** At most this many words count (the rest are ignored). */
export const SEARCH_MAX_WORDS = 8;

/** `text` with A–Z lowercased, as SQLite's LIKE compares them. */
export function foldCase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The words of a search, case folded; none for an empty or missing one. */
export function searchWords(search: string | null | undefined): string[] {
  if (!search) return [];
  return foldCase(search).split(/\s+/).filter(Boolean).slice(0, SEARCH_MAX_WORDS);
}

/** Whether every word of `search` appears in one of `texts` (an empty search matches all). */
export function matchesSearch(
  search: string | null | undefined,
  texts: readonly (string | null | undefined)[],
): boolean {
  const words = searchWords(search);
  if (words.length === 0) return true;
  const folded = texts.filter((t): t is string => !!t).map(foldCase);
  return words.every((word) => folded.some((text) => text.includes(word)));
}

/** The last part of a path (`/a/b/Show.mp3` → `Show.mp3`; `\` separates too), or null. */
export function fileNameOf(path: string | null | undefined): string | null {
  if (!path) return null;
  return path.split(/[\\/]/).pop() || null;
}
