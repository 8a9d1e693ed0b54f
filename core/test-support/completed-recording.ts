import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Core } from '../src/create-core';
import type { SessionRecord } from '../src/db/records';
import type { SessionPatch } from '../src/pipeline/session-store';

/** What completedRecording makes. */
export interface CompletedRecording {
  streamId: string;
  /** The day of November 2026 it started (at 06:00 UTC), 1..9; also picks its tone and track. */
  day: number;
  seconds: number;
  /** Where the MP3 is written. */
  file: string;
  title: string;
  /** More of the finished session (a transfer status, when it is due). */
  extra?: SessionPatch;
}

/**
 * A completed recording, as the feed and delivery tests need one: `seconds` of a sine made by
 * ffmpeg as a 64 kb/s MP3 at `file`, and its session moved through RECORDING and PROCESSING to
 * COMPLETED with the file, its size and length, `title` and track number 2500 + day.
 */
export async function completedRecording(
  core: Pick<Core, 'sessions'>,
  r: CompletedRecording,
): Promise<SessionRecord> {
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=${200 * r.day}:duration=${r.seconds}`],
    ...['-c:a', 'libmp3lame', '-b:a', '64k', '-y', r.file],
  ]);
  const start = `2026-11-0${r.day}T06:00:00.000Z`;
  const s = await core.sessions.create({
    streamId: r.streamId,
    scheduleId: null,
    startTime: start,
    plannedDurationSeconds: r.seconds,
  });
  await core.sessions.update(s.id, { status: 'RECORDING' });
  await core.sessions.update(s.id, { status: 'PROCESSING' });
  return core.sessions.update(s.id, {
    status: 'COMPLETED',
    ...r.extra,
    outputFilePath: r.file,
    fileSizeBytes: statSync(r.file).size,
    durationSeconds: r.seconds,
    title: r.title,
    trackNumber: 2500 + r.day,
    endTime: new Date(Date.parse(start) + r.seconds * 1000).toISOString(),
  });
}
