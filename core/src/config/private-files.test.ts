import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import { createPrivateFile, privateDir, tightenExisting } from './private-files';

let dir: string;
const problems: string[] = [];
const problem = (m: string) => problems.push(m);
const mode = (path: string) => statSync(path).mode & 0o777;
tempDirEachTest('asr-modes-', (d) => {
  dir = d;
  problems.length = 0;
});

describe('private files', () => {
  it('privateDir creates a folder 0700 and tightens one that was 0755', () => {
    privateDir(join(dir, 'new', 'deeper'), problem);
    expect(mode(join(dir, 'new', 'deeper'))).toBe(0o700);
    const old = join(dir, 'old');
    mkdirSync(old, { mode: 0o755 });
    chmodSync(old, 0o755);
    privateDir(old, problem);
    expect(mode(old)).toBe(0o700);
    expect(problems).toEqual([]);
  });

  it('createPrivateFile creates an empty file 0600 and tightens one that was 0644, keeping it', () => {
    const fresh = join(dir, 'fresh.sqlite');
    createPrivateFile(fresh, problem);
    expect(mode(fresh)).toBe(0o600);
    const old = join(dir, 'old.sqlite');
    writeFileSync(old, 'content', { mode: 0o644 });
    createPrivateFile(old, problem);
    expect(mode(old)).toBe(0o600);
    expect(statSync(old).size).toBe(7);
  });

  it('tightenExisting: the folder 0700, its files 0600; sub-folders and links untouched', () => {
    const keys = join(dir, 'keys');
    mkdirSync(join(keys, 'sub'), { recursive: true, mode: 0o755 });
    chmodSync(keys, 0o755);
    chmodSync(join(keys, 'sub'), 0o755);
    writeFileSync(join(keys, 'a.pem'), 'x', { mode: 0o644 });
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'y', { mode: 0o644 });
    symlinkSync(outside, join(keys, 'link'));
    tightenExisting(keys, problem);
    expect(mode(keys)).toBe(0o700);
    expect(mode(join(keys, 'a.pem'))).toBe(0o600);
    expect(mode(join(keys, 'sub'))).toBe(0o755);
    expect(mode(outside)).toBe(0o644);
    tightenExisting(join(dir, 'missing'), problem); // nothing to do
    expect(problems).toEqual([]);
  });
});
