import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import setup, { findExecutable } from './global-setup';

describe('findExecutable', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asr-which-'));
    await writeFile(join(dir, 'tool'), '#!/bin/sh\n');
    await chmod(join(dir, 'tool'), 0o755);
    await writeFile(join(dir, 'plain'), 'not executable');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds an executable on PATH or in the extra dirs, never a non-executable file', () => {
    expect(findExecutable('tool', [], `/nonexistent:${dir}`)).toBe(join(dir, 'tool'));
    expect(findExecutable('tool', [dir], '/nonexistent')).toBe(join(dir, 'tool'));
    expect(findExecutable('plain', [], dir)).toBeUndefined();
    expect(findExecutable('absent', [dir], dir)).toBeUndefined();
    expect(findExecutable(join(dir, 'tool'), [], '')).toBe(join(dir, 'tool'));
  });
});

describe('integration globalSetup', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('fails loudly, naming the programs and npm run test:setup, when programs are missing', () => {
    process.env.PATH = '/nonexistent';
    process.env.FFMPEG_PATH = '/nonexistent/ffmpeg';
    delete process.env.FFPROBE_PATH;
    let message = '';
    try {
      setup();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('not found: /nonexistent/ffmpeg, ffprobe.');
    expect(message).toContain('npm run test:setup');
  });
});
