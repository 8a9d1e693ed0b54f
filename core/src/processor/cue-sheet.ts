/*
 * A cue sheet beside the MP3: the station's tracklist as CD-style tracks of the one file, for
 * players and tools that read `.cue` rather than ID3v2 chapters.
 */
import { basename, dirname, join } from 'node:path';
import type { TagValues } from '../../contract/naming/tag-values';
import { writeAndPlace } from './assemble';
import { plainTitle, type Chapter } from './chapters';

/** A cue sheet numbers tracks with two digits. */
export const MAX_CUE_TRACKS = 99;

/** A cue string: plain text, in double quotes; a quote inside becomes `'` (cue has no escape). */
export function cueQuote(text: string): string {
  return `"${plainTitle(text).replace(/"/g, "'")}"`;
}

/** mm:ss:ff of `ms` with 75 frames a second (minutes may exceed 99). */
export function cueTime(ms: number): string {
  const frames = Math.floor((Math.max(0, ms) * 75) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(frames / 4500))}:${pad(Math.floor(frames / 75) % 60)}:${pad(frames % 75)}`;
}

/**
 * The cue sheet of `mp3FileName` with one TRACK per chapter (at most 99: later chapters are left
 * out, the 99th track runs to the end), lines ending in CRLF.
 */
export function cueSheet(
  mp3FileName: string,
  tags: TagValues,
  chapters: readonly Chapter[],
): string {
  const lines: string[] = [];
  if (tags.artist) lines.push(`PERFORMER ${cueQuote(tags.artist)}`);
  lines.push(`TITLE ${cueQuote(tags.title)}`);
  lines.push(`FILE ${cueQuote(mp3FileName)} MP3`);
  for (const [i, chapter] of chapters.slice(0, MAX_CUE_TRACKS).entries()) {
    lines.push(`  TRACK ${String(i + 1).padStart(2, '0')} AUDIO`);
    lines.push(`    TITLE ${cueQuote(chapter.title)}`);
    lines.push(`    INDEX 01 ${cueTime(chapter.startMs)}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** `<mp3 name without .mp3>.cue` beside the MP3. */
export function cuePathOf(mp3Path: string): string {
  return join(dirname(mp3Path), `${basename(mp3Path).replace(/\.mp3$/i, '')}.cue`);
}

/** Writes the cue sheet beside `mp3Path` (UTF-8; new file only, atomically); answers its path. */
export async function writeCueFile(
  mp3Path: string,
  tags: TagValues,
  chapters: readonly Chapter[],
): Promise<string> {
  const text = Buffer.from(cueSheet(basename(mp3Path), tags, chapters), 'utf8');
  const path = cuePathOf(mp3Path);
  await writeAndPlace(path, async (out) => {
    out.end(text);
    return text.length;
  });
  return path;
}

/** The cue sheet with its FILE line naming `mp3FileName` instead (the MP3 got another name). */
export function retargetCue(text: string, mp3FileName: string): string {
  return text.replace(
    /^FILE ".*" MP3(\r?\n)/m,
    (_, eol: string) => `FILE ${cueQuote(mp3FileName)} MP3${eol}`,
  );
}
