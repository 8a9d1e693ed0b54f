import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import { isPlainFileName, renderFileName, uniqueFileName } from './file-name';
import { HOSTILE_FILE_NAMES, MORNING_SHOW_TOKENS } from '../../contract/testing/naming-fixtures';

// The naming rules themselves are tested beside them (core/contract/naming/file-name.test.ts);
// this checks what only the file system side can: a name never leaves its folder, and collisions.

const tokens = MORNING_SHOW_TOKENS;

/** The name stays inside its folder: joining and resolving it lands directly in the folder. */
function staysInFolder(name: string): boolean {
  const folder = resolve('/srv/recordings');
  const full = resolve(join(folder, name));
  return full === join(folder, name) && resolve(full, '..') === folder && basename(full) === name;
}

describe('renderFileName on a real path', () => {
  it('never leaves its folder, whatever the pattern or the values', () => {
    const hostile = HOSTILE_FILE_NAMES;

    for (const [pattern, extra] of hostile) {
      const name = renderFileName(pattern, { ...tokens, ...extra });
      expect(staysInFolder(name), pattern).toBe(true);
      expect(isPlainFileName(name), pattern).toBe(true);
    }
  });
});

describe('uniqueFileName', () => {
  it('returns the name itself when free', async () => {
    expect(await uniqueFileName('2026-11-24 Show.mp3', () => false)).toBe('2026-11-24 Show.mp3');
    expect(await uniqueFileName('2026-11-24 Show', () => false)).toBe('2026-11-24 Show.mp3');
  });

  it('counts up (2), (3), ... past taken names, sync or async', async () => {
    const taken = new Set(['x.mp3', 'x (2).mp3']);
    expect(await uniqueFileName('x.mp3', (n) => taken.has(n))).toBe('x (3).mp3');
    expect(await uniqueFileName('x', async (n) => taken.has(n))).toBe('x (3).mp3');
    const asked: string[] = [];
    await uniqueFileName('y.mp3', (n) => {
      asked.push(n);
      return asked.length < 4;
    });
    expect(asked).toEqual(['y.mp3', 'y (2).mp3', 'y (3).mp3', 'y (4).mp3']);
  });

  it('sanitizes its input again', async () => {
    expect(await uniqueFileName('../../etc/passwd', () => false)).toBe('___.._etc_passwd.mp3');
  });

  it('gives up with CONFLICT', async () => {
    await expect(uniqueFileName('z', () => true, 5)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'CONFLICT',
    );
  });
});
