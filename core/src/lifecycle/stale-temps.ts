import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** assembleMp3's temp name beside the final file: `<name>.mp3.tmp-<12 hex>`. */
const RECORDING_TEMP = /\.mp3\.tmp-[0-9a-f]{12}$/;
/** joinParts' intermediates in the work folder, and recovery's own tail cuts. */
const WORK_TEMP =
  /^join-[0-9a-f]{12}(?:-seg\d+\.mka|\.mp3|\.ffconcat)$|^part-\d+\.mka\.cut-[0-9a-f]{12}$/;

/** Which names in a folder are temp files that a run killed mid-way left behind. */
export function staleTempNames(names: readonly string[], kind: 'recordings' | 'work'): string[] {
  const pattern = kind === 'recordings' ? RECORDING_TEMP : WORK_TEMP;
  return names.filter((n) => pattern.test(n));
}

/**
 * Removes the temp files a killed run left: half-written MP3s in the recordings folder (never a
 * finished recording: only our own `.tmp-<hex>` names) and join intermediates in work folders.
 * Returns the removed paths. Call it only while nothing is processing (at start-up).
 */
export async function removeStaleTemps(
  recordingsDir: string,
  workDirs: readonly string[],
): Promise<string[]> {
  const removed: string[] = [];
  const sweep = async (dir: string, kind: 'recordings' | 'work') => {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of staleTempNames(names, kind)) {
      await rm(join(dir, name), { force: true });
      removed.push(join(dir, name));
    }
  };
  await sweep(recordingsDir, 'recordings');
  for (const dir of workDirs) await sweep(dir, 'work');
  return removed;
}
