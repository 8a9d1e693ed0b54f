import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeringRunner, type FakeAnswer } from '../ffmpeg/fake-runner';
import { inspectPart } from './inspect-part';

/** A runner whose n-th ffprobe answers the n-th of `answers` (the last one, from then on). */
function runnerAnswering(answers: FakeAnswer[]) {
  return answeringRunner((_call, n) => answers[Math.min(n, answers.length - 1)]!).runner;
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
