// When does the first audio reach the disk? Polls files every 10 ms, as the scheduler's
// integration test does: a Matroska part holds audio once it is larger than 4 KB (the header
// alone is smaller).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const AUDIO_BYTES = 4096;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export interface AudioWatcher {
  /** Session id (parts folder name) or watched file → wall-clock ms of its first audio. */
  readonly firstAudio: Map<string, number>;
  /** Also watch a single file (a baseline recording) under `key`. */
  watchFile(key: string, path: string): void;
  stop(): void;
}

/** Watches `partsDir/<session>/part-*.mka` and any single files added with watchFile. */
export function watchFirstAudio(partsDir: string, intervalMs = 10): AudioWatcher {
  const firstAudio = new Map<string, number>();
  const files = new Map<string, string>();
  const check = () => {
    const now = Date.now();
    if (existsSync(partsDir)) {
      for (const session of readdirSync(partsDir)) {
        if (firstAudio.has(session)) continue;
        const dir = join(partsDir, session);
        let entries: string[];
        try {
          entries = readdirSync(dir);
        } catch {
          continue;
        }
        if (entries.some((f) => f.endsWith('.mka') && sizeOf(join(dir, f)) > AUDIO_BYTES)) {
          firstAudio.set(session, now);
        }
      }
    }
    for (const [key, path] of files) {
      if (!firstAudio.has(key) && sizeOf(path) > AUDIO_BYTES) firstAudio.set(key, now);
    }
  };
  const timer = setInterval(check, intervalMs);
  return {
    firstAudio,
    watchFile: (key, path) => files.set(key, path),
    stop: () => clearInterval(timer),
  };
}
