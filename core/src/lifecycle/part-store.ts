import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../contract';
import { runToCompletion, type ProcessRunner } from '../ffmpeg/process';
import type { OrphanFiles } from './orphans';
import type { PartFileInfo } from './salvage-plan';

const PART = /^part-(\d+)\.(?:mka|mp3|aac)$/;

/** The muxer that writes a part back in its own form: Matroska, or frames only (native parts). */
function partFormatArgs(path: string): string[] {
  if (path.endsWith('.mp3')) return ['-f', 'mp3', '-id3v2_version', '0', '-write_xing', '0'];
  if (path.endsWith('.aac')) return ['-f', 'adts'];
  return ['-f', 'matroska'];
}

async function names(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** The real file system for stopOrphanCaptures. */
export const nodeOrphanFiles: OrphanFiles = {
  list: names,
  readText: (path) => readFile(path, 'utf8').catch(() => undefined),
  remove: (path) => rm(path, { force: true }),
};

/** The part files of a folder (`part-NNN.mka`, native `.mp3`/`.aac`) with size and last write. */
export async function listPartFiles(dir: string): Promise<PartFileInfo[]> {
  const found: PartFileInfo[] = [];
  for (const name of await names(dir)) {
    const m = PART.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    const s = await stat(path).catch(() => undefined);
    if (s?.isFile()) found.push({ path, number: Number(m[1]), size: s.size, mtimeMs: s.mtimeMs });
  }
  return found;
}

/**
 * Keeps the first `seconds` of a part by stream copy into a temp file beside it, then renames it
 * over the part (atomic: a crash leaves the original or the cut one, never half of either). The
 * cut file's last-write time is set to `endsAt` (wall-clock ms of its last audio), so that a
 * second recovery dates it right and does not cut it again.
 */
export async function cutPartTail(
  runner: ProcessRunner,
  ffmpegPath: string,
  path: string,
  seconds: number,
  endsAt: number,
): Promise<void> {
  const tmp = `${path}.cut-${randomBytes(6).toString('hex')}`;
  const run = await runToCompletion(
    runner,
    ffmpegPath,
    [
      ...['-hide_banner', '-nostdin', '-v', 'error', '-n', '-i', path],
      ...['-map', '0:a:0', '-c', 'copy', '-t', seconds.toFixed(3), ...partFormatArgs(path), tmp],
    ],
    { timeoutMs: 600_000 },
  );
  if (run.code !== 0) {
    await rm(tmp, { force: true });
    throw new AppError(
      'FFMPEG_FAILED',
      `Could not cut ${path} back to the window: ${run.stderr.trim().split('\n').slice(-2).join(' ')}`,
    );
  }
  await utimes(tmp, endsAt / 1000, endsAt / 1000);
  await rename(tmp, path);
}
