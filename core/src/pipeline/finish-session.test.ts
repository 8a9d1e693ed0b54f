import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../db/database';
import type { StreamRecord } from '../db/records';
import { createEventBus } from '../events/event-bus';
import type { ProcessRunner } from '../ffmpeg/process';
import { memoryLogger } from '../ports/logger';
import type { ProcessRecordingInput } from '../processor/process-recording';
import { ActiveRecordings } from './active-recordings';
import { finishSession } from './finish-session';
import type { PipelineDeps } from './pipeline-deps';
import { SessionStore } from './session-store';
import type { StopReason } from '../../contract';
import { fakeClock, seedStream, testDatabase } from './test-fixtures';

let db: Database;
let dir: string;
let stream: StreamRecord;
beforeEach(async () => {
  db = await testDatabase();
  dir = mkdtempSync(join(tmpdir(), 'asr-finish-'));
  stream = await seedStream(db, { id: 's1', name: 'Night Show' });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function deps(process: PipelineDeps['process']): PipelineDeps {
  const clock = fakeClock(Date.parse('2026-11-24T06:00:00Z'));
  return {
    db,
    sessions: new SessionStore(db, createEventBus(), clock),
    events: createEventBus(),
    logger: memoryLogger(),
    clock,
    runner: {} as ProcessRunner,
    ffmpeg: { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe', source: 'PATH' },
    active: new ActiveRecordings(),
    folders: { recordingsDir: dir, partsDir: join(dir, 'parts') },
    timeZone: 'Europe/Berlin',
    record: () => Promise.reject(new Error('not used')),
    process,
    minFreeDiskMb: () => 0,
    onReadyToTransfer: () => undefined,
  };
}

async function processingSession(
  d: PipelineDeps,
  errorMessage: string | null = null,
  stopReason: StopReason | null = null,
) {
  const s = await d.sessions.create({
    streamId: 's1',
    scheduleId: null,
    startTime: '2026-11-24T05:00:00.000Z',
    plannedDurationSeconds: 60,
    transferStatus: 'SKIPPED',
  });
  await d.sessions.update(s.id, { status: 'RECORDING' });
  return d.sessions.update(s.id, { status: 'PROCESSING', errorMessage, stopReason });
}

// writes the output after a pause, as the real processor does after joining
const slowProcess = async (input: ProcessRecordingInput) => {
  await new Promise((r) => setTimeout(r, 30));
  const path = join(input.outputDir, input.fileName);
  writeFileSync(path, 'mp3', { flag: 'wx' });
  return { path, durationSeconds: 60, sizeBytes: 3, copied: true, silences: [], deadAir: false };
};

describe('finishSession', () => {
  it('gives two sessions of one stream finishing together different file names', async () => {
    const d = deps(slowProcess);
    const [a, b] = await Promise.all([processingSession(d), processingSession(d)]);
    const [x, y] = await Promise.all([
      finishSession(d, a, stream, [], 'Europe/Berlin'),
      finishSession(d, b, stream, [], 'Europe/Berlin'),
    ]);
    expect(x.errorMessage).toBeNull();
    expect(x.status).toBe('COMPLETED');
    expect(y.errorMessage).toBeNull();
    expect(y.status).toBe('COMPLETED');
    expect([basename(x.outputFilePath!), basename(y.outputFilePath!)].sort()).toEqual([
      '2026-11-24 Night Show (2).mp3',
      '2026-11-24 Night Show.mp3',
    ]);
    expect(x).toMatchObject({ title: '2026-11-24 Night Show', trackNumber: 2519 });
  });

  it('keeps the note of why a recording stopped early, but clears an old failure', async () => {
    const d = deps(slowProcess);
    const early = await processingSession(
      d,
      'Stopped early: DISK_FULL: only 3 MB free',
      'disk-full',
    );
    expect((await finishSession(d, early, stream, [], 'UTC')).errorMessage).toMatch(
      /^Stopped early: DISK_FULL/,
    );
    const retried = await processingSession(d, 'Processing failed: boom');
    expect((await finishSession(d, retried, stream, [], 'UTC')).errorMessage).toBeNull();
  });

  it("processes with the stream's dead-air values and keeps the silences, placed in the window; still COMPLETED", async () => {
    stream = await seedStream(db, {
      id: 's2',
      name: 'Quiet Show',
      silenceThresholdDb: -45,
      deadAirSeconds: 30,
    });
    const seen: ProcessRecordingInput[] = [];
    const d = deps(async (input) => {
      seen.push(input);
      return {
        ...(await slowProcess(input)),
        silences: [{ at: 120, seconds: 45.5 }],
        deadAir: true,
      };
    });
    const s = await processingSession(d);
    await d.sessions.update(s.id, {
      streamId: 's2',
      gaps: [{ at: '2026-11-24T05:01:00.000Z', seconds: 10 }],
    });
    const done = await finishSession(d, await d.sessions.get(s.id), stream, [], 'UTC');
    expect(seen[0]).toMatchObject({ silenceThresholdDb: -45, deadAirSeconds: 30 });
    expect(done).toMatchObject({
      status: 'COMPLETED',
      transferStatus: 'SKIPPED',
      errorMessage: null,
      deadAir: true,
      // 120 s into the file: 60 s of audio, the 10 s gap, 60 s more
      silences: [{ at: '2026-11-24T05:02:10.000Z', seconds: 45.5 }],
    });
    expect(await d.sessions.get(s.id)).toMatchObject({ deadAir: true, silences: done.silences });
  });

  it('marks the session FAILED with the reason and keeps the parts when processing fails', async () => {
    const d = deps(() => Promise.reject(new Error('ffmpeg could not read part-001.mka')));
    const s = await processingSession(d);
    const failed = await finishSession(d, s, stream, [], 'UTC');
    expect(failed.status).toBe('FAILED');
    expect(failed.errorMessage).toMatch(
      /ffmpeg could not read part-001\.mka.*raw recording is kept/,
    );
  });
});
