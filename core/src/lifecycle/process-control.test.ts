import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ProcessRunner, RunningProcess } from '../ffmpeg/process';
import { BoundedLog } from '../ffmpeg/process';
import {
  isWriting,
  platformProcessControl,
  procProcessControl,
  procState,
  psProcessControl,
} from './process-control';

describe('isWriting', () => {
  it('is true only for a process whose last argument is the part', () => {
    const part = '/data/parts/s1/part-001.mka';
    expect(isWriting(['ffmpeg', '-i', 'http://x', '-f', 'matroska', part], part)).toBe(true);
    expect(isWriting([`ffmpeg -i http://x -f matroska ${part}`], part)).toBe(true);
    expect(isWriting(['ffmpeg', '-i', part, 'out.mp3'], part)).toBe(false);
    expect(isWriting(['ffmpeg', `${part}.other`], part)).toBe(false);
    expect(isWriting(['vim', '/data/parts/s1/part-0011.mka'], part)).toBe(false);
    expect(isWriting(undefined, part)).toBe(false);
  });
});

describe('procState', () => {
  it('reads the state after the program name, even one with spaces and parens', () => {
    expect(procState('123 (ffmpeg) S 1 123 123 0 -1')).toBe('S');
    expect(procState('123 (a (b) c) Z 1 123')).toBe('Z');
    expect(procState('')).toBeUndefined();
  });
});

describe.skipIf(process.platform !== 'linux')('procProcessControl (Linux /proc)', () => {
  it('reads the arguments of a live process, signals it, and sees it gone', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    const pid = child.pid!;
    expect(await procProcessControl.commandLine(pid)).toEqual(['sleep', '30']);
    expect(procProcessControl.signal(pid, 'SIGTERM')).toBe(true);
    await exited;
    expect(await procProcessControl.commandLine(pid)).toBeUndefined();
    expect(await procProcessControl.commandLine(2 ** 30)).toBeUndefined();
    expect(procProcessControl.signal(2 ** 30, 'SIGKILL')).toBe(false);
  });
});

function fakePs(stdout: string, code = 0): ProcessRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    start(_bin, args, options = {}): RunningProcess {
      calls.push([...args]);
      options.onStdout?.(stdout);
      const exited = Promise.resolve({ code, signal: null });
      return {
        pid: 1,
        exited,
        stderr: new BoundedLog(),
        hasExited: true,
        stop: () => exited,
        kill: () => undefined,
      };
    },
  };
}

describe('psProcessControl (macOS)', () => {
  it('returns the joined arguments, and nothing for a zombie or a missing process', async () => {
    const runner = fakePs('S    ffmpeg -i http://x /p/part-001.mka\n');
    expect(await psProcessControl(runner).commandLine(42)).toEqual([
      'ffmpeg -i http://x /p/part-001.mka',
    ]);
    expect(runner.calls[0]).toEqual(['-o', 'stat=,args=', '-p', '42']);
    expect(await psProcessControl(fakePs('Z+ ffmpeg\n')).commandLine(42)).toBeUndefined();
    expect(await psProcessControl(fakePs('', 1)).commandLine(42)).toBeUndefined();
  });
});

describe('platformProcessControl', () => {
  it('uses /proc on Linux and never signals on Windows', async () => {
    expect(platformProcessControl('linux')).toBe(procProcessControl);
    const win = platformProcessControl('win32');
    expect(await win.commandLine(process.pid)).toBeUndefined();
    expect(win.signal(process.pid, 'SIGTERM')).toBe(false);
  });
});
