// Test-only: scratch folders of a test, removed after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

type Hook = (run: () => Promise<void>) => void;

/** A new folder `<tmp>/<prefix>XXXXXX` made in `before` (handed to `use`), removed in `after`. */
function tempDirBetween(before: Hook, after: Hook, prefix: string, use: (dir: string) => void) {
  let dir: string | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    use(dir);
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
}

/**
 * Gives each test of the calling file a new folder `<tmp>/<prefix>XXXXXX` (`use` receives it
 * before the test) and removes it, with all it holds, after the test.
 */
export function tempDirEachTest(prefix: string, use: (dir: string) => void): void {
  tempDirBetween(beforeEach, afterEach, prefix, use);
}

/**
 * Gives the calling file (or describe block) one folder `<tmp>/<prefix>XXXXXX` for all its tests
 * (`use` receives it before the first) and removes it after the last. Call it before the hooks
 * that use the folder: hooks registered later run after it in beforeAll, before it in afterAll.
 */
export function tempDirForFile(prefix: string, use: (dir: string) => void): void {
  tempDirBetween(beforeAll, afterAll, prefix, use);
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
