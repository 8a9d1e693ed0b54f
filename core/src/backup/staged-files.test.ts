import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import { commitStaged, discardStaged, stageFile } from './staged-files';

let dir: string;
tempDirEachTest('staged-', (d) => (dir = d));

describe('staged files', () => {
  it('writes beside the final place, touches nothing until commit, then replaces it', async () => {
    const final = join(dir, 'keys', 'a.pem');
    const first = await stageFile(final, 'one', { mode: 0o600, dirMode: 0o700 });
    expect(await readdir(join(dir, 'keys'))).toEqual([first.temp.split('/').pop()]);
    expect((await stat(first.temp)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'keys'))).mode & 0o777).toBe(0o700);
    expect(await commitStaged([first])).toEqual([]);
    expect(await readFile(final, 'utf8')).toBe('one');

    const second = await stageFile(final, 'two', { mode: 0o600 });
    expect(await readFile(final, 'utf8')).toBe('one');
    await commitStaged([second]);
    expect(await readFile(final, 'utf8')).toBe('two');
    expect((await stat(final)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'keys'))).toEqual(['a.pem']);
  });

  it('discard removes the temporary files and leaves the final ones', async () => {
    const final = join(dir, 'art.jpg');
    await writeFile(final, 'old');
    const staged = await stageFile(final, 'new');
    await discardStaged([staged]);
    await discardStaged([staged]); // twice is fine
    expect(await readdir(dir)).toEqual(['art.jpg']);
    expect(await readFile(final, 'utf8')).toBe('old');
  });

  it('commit answers the files it could not put in place, after trying all', async () => {
    const ok = await stageFile(join(dir, 'ok.txt'), 'ok');
    const bad = await stageFile(join(dir, 'bad.txt'), 'bad');
    await rm(bad.temp);
    expect(await commitStaged([bad, ok])).toEqual([bad]);
    expect(await readFile(join(dir, 'ok.txt'), 'utf8')).toBe('ok');
  });
});
