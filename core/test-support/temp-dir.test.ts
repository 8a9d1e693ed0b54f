import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirEachTest, tempDirForFile } from './temp-dir';

const seen: string[] = [];

describe('tempDirForFile', () => {
  let dir = '';
  tempDirForFile('asr-temp-dir-file-', (made) => (dir = made));

  it('gives the tests one folder that exists', () => {
    expect(existsSync(dir)).toBe(true);
    writeFileSync(join(dir, 'kept.txt'), 'x');
    seen.push(dir);
  });

  it('keeps it, with what a test left in it, for the next test', () => {
    expect(dir).toBe(seen[0]);
    expect(existsSync(join(dir, 'kept.txt'))).toBe(true);
  });
});

describe('tempDirEachTest', () => {
  let dir = '';
  tempDirEachTest('asr-temp-dir-each-', (made) => (dir = made));

  it('gives each test a folder of its own', () => {
    expect(existsSync(dir)).toBe(true);
    seen.push(dir);
  });

  it('a new one', () => {
    expect(existsSync(dir)).toBe(true);
    expect(dir).not.toBe(seen[1]);
    expect(existsSync(seen[1]!)).toBe(false);
    seen.push(dir);
  });
});

afterAll(() => {
  // every folder is gone, with what it held
  expect(seen).toHaveLength(3);
  for (const dir of seen) expect(existsSync(dir), dir).toBe(false);
});
