import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../contract';
import type { SessionRecord } from '../db/records';
import { createRepositories } from '../db/repositories';
import { assertDiskSpace } from '../lifecycle/disk-guard';
import { StopRequest } from './active-recordings';
import { finishSession } from './finish-session';
import type { PipelineDeps } from './pipeline-deps';
import { failureReason } from './stop-reason';

export interface RunRequest {
  streamId: string;
  /** The schedule this run belongs to; null for a manual "record now" run. */
  scheduleId: string | null;
  /** Wall-clock ms of the window to record. */
  windowStart: number;
  windowEnd: number;
  /** The schedule's time zone; the app's for manual runs. */
  timeZone?: string;
}

/**
 * Creates the session (SCHEDULED) and returns it at once; `recorded` settles when it stopped
 * recording (PROCESSING or FAILED: its recording slot is free then), `done` when it is finished.
 */
export async function startSession(
  deps: PipelineDeps,
  request: RunRequest,
): Promise<{ session: SessionRecord; recorded: Promise<void>; done: Promise<SessionRecord> }> {
  const stream = await createRepositories(deps.db).streams.get(request.streamId);
  if (!stream)
    throw new AppError(
      'NOT_FOUND',
      'The stream to record does not exist (any more): it may have been deleted.',
      { field: 'streamId' },
    );
  if (!(request.windowEnd > request.windowStart)) {
    throw new AppError('VALIDATION_FAILED', 'The recording window must end after it starts.', {
      field: 'durationSeconds',
    });
  }
  const id = randomUUID();
  const partsDir = join(deps.folders.partsDir, id);
  const session = await deps.sessions.create({
    id,
    streamId: stream.id,
    scheduleId: request.scheduleId,
    startTime: new Date(request.windowStart).toISOString(),
    plannedDurationSeconds: Math.round((request.windowEnd - request.windowStart) / 1000),
    partsDir,
    transferStatus: stream.destinationId ? 'PENDING' : 'SKIPPED',
  });
  const timeZone = request.timeZone ?? deps.timeZone;
  const signal = deps.active.begin(id);
  let stopped: () => void = () => undefined;
  const recorded = new Promise<void>((resolve) => (stopped = resolve));
  const done = (async () => {
    const meta = { sessionId: id };
    try {
      await assertDiskSpace(deps);
      await mkdir(partsDir, { recursive: true });
      await deps.sessions.update(id, { status: 'RECORDING' });
      deps.logger.info(
        `Recording “${stream.name}” for ${Math.round((request.windowEnd - Math.max(request.windowStart, deps.clock.now())) / 1000)} s.`,
        meta,
      );
      const result = await deps.record({
        sessionId: id,
        urls: [stream.streamUrl, ...stream.fallbackUrls],
        // a run without a schedule is a "record now": N seconds of audio, not a clock window
        kind: request.scheduleId === null ? 'manual' : 'scheduled',
        windowStart: request.windowStart,
        windowEnd: request.windowEnd,
        partsDir,
        ffmpegPath: deps.ffmpeg.ffmpeg,
        ffprobePath: deps.ffmpeg.ffprobe,
        runner: deps.runner,
        clock: deps.clock,
        logger: deps.logger,
        signal,
        onProgress: deps.live?.reporter(id),
      });
      deps.live?.end(id);
      deps.active.end(id);
      const stop = stopRequestOf(signal);
      const recording = await deps.sessions.update(id, {
        status: 'PROCESSING',
        startTime: new Date(result.windowStart).toISOString(),
        endTime: new Date(result.windowEnd).toISOString(),
        gaps: result.gaps,
        tracks: result.tracks.map((t) => ({ at: new Date(t.at).toISOString(), title: t.title })),
        partial: result.stoppedEarly,
        errorMessage: stop?.note ? `Stopped early: ${stop.note}` : null,
        stopReason: stop?.reason ?? 'window-end',
      });
      stopped();
      return await finishSession(deps, recording, stream, result.parts, timeZone);
    } catch (error) {
      deps.live?.end(id);
      deps.active.end(id);
      const message = error instanceof Error ? error.message : String(error);
      deps.logger.error(`Recording failed: ${message}`, meta);
      return await deps.sessions.update(id, {
        status: 'FAILED',
        transferStatus: 'SKIPPED',
        endTime: new Date(deps.clock.now()).toISOString(),
        errorMessage: message,
        stopReason: stopRequestOf(signal)?.reason ?? failureReason(error),
      });
    } finally {
      stopped();
    }
  })();
  return { session, recorded, done };
}

/** The stop request `signal` was aborted with, if any. */
function stopRequestOf(signal: AbortSignal): StopRequest | null {
  return signal.aborted && signal.reason instanceof StopRequest ? signal.reason : null;
}
