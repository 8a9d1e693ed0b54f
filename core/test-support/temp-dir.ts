// Test-only: scratch folders of a test, removed after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * Gives each test of the calling file a new folder `<tmp>/<prefix>XXXXXX` (`use` receives it
 * before the test) and removes it, with all it holds, after the test.
 */
export function tempDirEachTest(prefix: string, use: (dir: string) => void): void {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    use(dir);
  });
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
}

/**
 * Registers, in the calling file, an afterEach that removes the folders the answer made during
 * the test; each call of the answer makes a new `<tmp>/<prefix>XXXXXX`.
 */
export function tempDirsOfEachTest(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
