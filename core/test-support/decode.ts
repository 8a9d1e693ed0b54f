import { expect } from 'vitest';
import { runToCompletion, spawnRunner } from '../src/ffmpeg/process';

/**
 * Decodes `path` from end to end (`ffmpeg -v error -i file -f null -`); ffmpeg must succeed.
 * Answers what it printed (the decode errors), trimmed.
 */
export async function decodeErrors(ffmpeg: string, path: string): Promise<string> {
  const run = await runToCompletion(spawnRunner, ffmpeg, [
    ...['-v', 'error', '-i', path, '-f', 'null', '-'],
  ]);
  expect(run.code).toBe(0);
  return run.stderr.trim();
}
