import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundedLog, type ProcessRunner, type RunningProcess } from '../ffmpeg/process';
import { inspectPart } from './inspect-part';

function runnerAnswering(answers: { stdout: string; code?: number }[]) {
  let i = 0;
  const runner: ProcessRunner = {
    start(_bin, _args, options = {}) {
      const a = answers[Math.min(i++, answers.length - 1)]!;
      const exit = { code: a.code ?? 0, signal: null };
      const exited = new Promise<typeof exit>((r) =>
        setTimeout(() => {
          options.onStdout?.(a.stdout);
          r(exit);
        }, 0),
      );
      const proc: RunningProcess = {
        pid: 1,
        exited,
        stderr: new BoundedLog(),
        hasExited: false,
        stop: () => exited,
        kill: () => undefined,
      };
      return proc;
    },
  };
  return runner;
}

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asr-inspect-'));
  file = join(dir, 'part-001.mka');
  await writeFile(file, 'not empty');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('inspectPart', () => {
  it('reads codec and container duration', async () => {
    const runner = runnerAnswering([
      {
        stdout: JSON.stringify({
          format: { duration: '12.5' },
          streams: [{ codec_type: 'audio', codec_name: 'mp3' }],
        }),
      },
    ]);
    expect(await inspectPart(runner, 'ffprobe', file)).toEqual({ codec: 'mp3', seconds: 12.5 });
  });

  it('falls back to the packets of an unfinalized part', async () => {
    const runner = runnerAnswering([
      {
        stdout: JSON.stringify({
          format: {},
          streams: [{ codec_type: 'audio', codec_name: 'aac' }],
        }),
      },
      {
        stdout: JSON.stringify({
          format: {},
          streams: [{ codec_type: 'audio', codec_name: 'aac' }],
        }),
      },
      { stdout: '0.000000,0.023220\n3.000000,0.023220\n' },
    ]);
    const media = await inspectPart(runner, 'ffprobe', file);
    expect(media?.codec).toBe('aac');
    expect(media?.seconds).toBeCloseTo(3.02322, 5);
  });

  it('is undefined for a missing or empty file, no audio, or an unreadable file', async () => {
    const ok = runnerAnswering([{ stdout: '{}' }]);
    expect(await inspectPart(ok, 'ffprobe', join(dir, 'missing.mka'))).toBeUndefined();
    await writeFile(join(dir, 'empty.mka'), '');
    expect(await inspectPart(ok, 'ffprobe', join(dir, 'empty.mka'))).toBeUndefined();
    expect(await inspectPart(ok, 'ffprobe', file)).toBeUndefined();
    const bad = runnerAnswering([{ stdout: '', code: 1 }]);
    expect(await inspectPart(bad, 'ffprobe', file)).toBeUndefined();
  });
});
