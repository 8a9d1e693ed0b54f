import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** ffmpeg's parts are Matroska; native parts are frames only, `.mp3` or `.aac`. */
const PART_NAME = /^part-(\d+)\.(?:mka|mp3|aac)$/;

/** `part-001.mka`, `part-002.mka`, ... (more digits past 999). */
export function partFileName(n: number): string {
  return `part-${String(n).padStart(3, '0')}.mka`;
}

/** `part-001.pid` beside `part-001.mka`: the capturing ffmpeg's pid while it runs (crash recovery
 * finds and stops an ffmpeg that outlived the app through it). */
export function pidFileFor(partPath: string): string {
  return partPath.replace(/\.mka$/, '') + '.pid';
}

/**
 * The path of the next part file in `dir`: one past the highest existing number, so parts keep
 * their order and nothing is overwritten (ffmpeg also runs with `-n`). Creates `dir` if needed.
 */
export async function nextPartPath(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  let highest = 0;
  for (const name of await readdir(dir)) {
    const m = PART_NAME.exec(name);
    if (m?.[1]) highest = Math.max(highest, Number(m[1]));
  }
  return join(dir, partFileName(highest + 1));
}
