// "Record now for N seconds" through the real operation and pipeline, against a station that
// answers the recorder only 3 s and 6 s after it first asked: the MP3 holds N seconds, however
// long connecting took.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../../contract';
import { startFaultServer, type FaultServer } from '../../test-support/fault-server';
import { sessionSettled } from '../../test-support/session-settled';
import { loadSettings } from '../config/settings';
import { createCore, type Core } from '../create-core';
import { detectCapabilities } from '../ffmpeg/capabilities';
import { probe } from '../ffmpeg/probe';
import { spawnRunner } from '../ffmpeg/process';
import { seedStream } from './test-fixtures';

let fault: FaultServer;
let core: Core;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asr-record-now-'));
  fault = await startFaultServer({ name: 'Late FM' });
  const settings = loadSettings({ DATA_DIR: join(dir, 'data'), TZ: 'UTC' }, dir);
  core = await createCore(settings, { env: { MIN_FREE_DISK_MB: '0' } });
  // the app learns its ffmpeg once; a busy machine takes seconds for it
  await detectCapabilities(spawnRunner, core.context.ffmpeg.ffmpeg);
  for (const after of [3, 6]) {
    await seedStream(core.db, {
      id: `after-${after}`,
      name: `Answers after ${after} s`,
      streamUrl: fault.url(`/live.mp3?after=${after}`),
    });
  }
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await fault?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('record now for N seconds', () => {
  it.each([3, 6])('gives N seconds when the source answers only after %i s', async (after) => {
    const N = 10;
    const session = (await core.invoke('streams.record', {
      id: `after-${after}`,
      durationSeconds: N,
    })) as SessionDto;
    const done = await sessionSettled(
      core.sessions,
      session.id,
      'status',
      'the recording to be processed',
      90_000,
    );
    expect(done.errorMessage).toBeNull();
    expect(done.status).toBe('COMPLETED');
    expect(done.gaps).toEqual([]);
    const info = await probe(spawnRunner, 'ffprobe', done.outputFilePath!);
    expect(Math.abs(Number(info.format.duration) - N)).toBeLessThanOrEqual(0.3);
    // the session tells the window the audio covers: N seconds, from when it really began
    const window = Date.parse(done.endTime!) - Date.parse(done.startTime);
    expect(Math.abs(window - N * 1000)).toBeLessThanOrEqual(300);
    expect(fault.requests('/live.mp3')).toBeGreaterThanOrEqual(1);
  });
});
