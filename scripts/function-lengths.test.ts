import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { functionLengths, parseArgs, sourceFiles } from './function-lengths';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('functionLengths', () => {
  it('measures every kind of function from its first line to its closing brace', () => {
    const text = [
      'export async function main(): Promise<void> {', // 1
      '  const inner = () => {', // 2
      '    return 1;', // 3
      '  };', // 4
      '  inner();', // 5
      '}', // 6
      'class Tray {', // 7
      '  constructor() {}', // 8
      '  update(): void {', // 9
      '    void 0;', // 10
      '  }', // 11
      '  get kind() { return 1; }', // 12
      '}', // 13
      'const actions = {', // 14
      '  quit: function () {', // 15
      '    return 2;', // 16
      '  },', // 17
      '};', // 18
      "describe('x', () => {", // 19
      '});', // 20
      'declare function typed(): void;', // 21 (no body: not a function of this code)
    ].join('\n');
    const found = functionLengths(text, 'a.ts').map(({ name, line, lines }) => [name, line, lines]);
    expect(found).toEqual([
      ['main', 1, 6],
      ['inner', 2, 3],
      ['constructor', 8, 1],
      ['update', 9, 3],
      ['kind', 12, 1],
      ['quit', 15, 3],
      ['(argument of describe)', 19, 2],
    ]);
  });
});

describe('the command line', () => {
  it('reads folders and options; refuses what it does not know', () => {
    expect(parseArgs(['--over', '80', '--top', '3', 'electron', 'core/src'])).toEqual({
      folders: ['electron', 'core/src'],
      over: 80,
      top: 3,
      tests: false,
    });
    expect(parseArgs(['--name', 'createCore', '--max', '120', 'core/src'])).toMatchObject({
      name: 'createCore',
      max: 120,
    });
    expect(() => parseArgs([])).toThrow(/at least one folder/);
    expect(() => parseArgs(['--long', 'electron'])).toThrow(/Unknown option --long/);
    expect(() => parseArgs(['electron', '--over'])).toThrow(/--over needs a value/);
  });

  it('walks the sources of a folder, tests only when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asr-fnlen-'));
    dirs.push(dir);
    await mkdir(join(dir, 'main'));
    await mkdir(join(dir, 'node_modules'));
    for (const file of ['main/a.ts', 'main/a.test.ts', 'b.d.ts', 'node_modules/c.ts', 'd.js']) {
      await writeFile(join(dir, file), '');
    }
    const names = (tests: boolean) =>
      sourceFiles(dir, tests)
        .map((f) => f.slice(dir.length + 1))
        .sort();
    expect(names(false)).toEqual(['main/a.ts']);
    expect(names(true)).toEqual(['main/a.test.ts', 'main/a.ts']);
  });
});
