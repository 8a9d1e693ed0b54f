import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionRecord, StreamRecord } from '../db/records';
import { uniqueFileName } from '../processor/file-name';
import { recordingNames } from '../../contract/naming/recording-names';
import type { CapturedPart } from '../recorder/types';
import { tracklistOf } from '../../contract/tracklist';
import type { PipelineDeps } from './pipeline-deps';
import { isEarlyStop } from '../../contract';
import { placeSilences } from '../../contract/dead-air';

/** Output paths chosen by sessions still being processed (in this process). */
const reserved = new Set<string>();

/**
 * PROCESSING → COMPLETED: joins the parts into a tagged MP3 under the recordings folder and queues
 * its transfer; → FAILED with the reason, keeping the raw parts, when anything goes wrong.
 * Used after a recording and again for sessions salvaged after a crash.
 */
export async function finishSession(
  deps: PipelineDeps,
  session: SessionRecord,
  stream: StreamRecord,
  parts: CapturedPart[],
  timeZone: string,
): Promise<SessionRecord> {
  const meta = { sessionId: session.id };
  let release: (() => void) | undefined;
  try {
    const { tags, base } = namesOf(stream, session, timeZone);
    const reservation = await reserveFileName(deps.folders.recordingsDir, base);
    release = reservation.release;
    const { fileName } = reservation;
    const artworkJpeg = stream.artworkFile
      ? await readFile(stream.artworkFile).catch(() => undefined)
      : undefined;
    if (stream.artworkFile && !artworkJpeg) {
      deps.logger.warn(
        `Artwork file ${stream.artworkFile} is missing; the recording has no cover.`,
        meta,
      );
    }
    const out = await deps.process({
      parts,
      workDir: session.partsDir ?? deps.folders.partsDir,
      outputDir: deps.folders.recordingsDir,
      fileName,
      bitrateKbps: stream.mp3BitrateKbps,
      tags,
      artworkJpeg,
      ffmpegPath: deps.ffmpeg.ffmpeg,
      ffprobePath: deps.ffmpeg.ffprobe,
      runner: deps.runner,
      logger: deps.logger,
      sessionId: session.id,
      silenceThresholdDb: stream.silenceThresholdDb,
      deadAirSeconds: stream.deadAirSeconds,
      ...tracklistInputs(session, stream),
    });
    const hasDestination = stream.destinationId !== null;
    const done = await deps.sessions.update(session.id, {
      status: 'COMPLETED',
      title: tags.title,
      trackNumber: tags.trackNumber,
      durationSeconds: Math.round(out.durationSeconds * 1000) / 1000,
      fileSizeBytes: out.sizeBytes,
      outputFilePath: out.path,
      // dead air is told (alert, UI), never a failure: the file is delivered as usual
      silences: placeSilences(out.silences, session.startTime, session.gaps),
      deadAir: out.deadAir,
      transferStatus: hasDestination ? 'PENDING' : 'SKIPPED',
      nextTransferAt: hasDestination ? new Date(deps.clock.now()).toISOString() : null,
      // a note on why the recording stopped early stays; an old failure reason does not
      errorMessage: isEarlyStop(session.stopReason) ? session.errorMessage : null,
    });
    deps.logger.info(
      `Recorded ${fileName} (${out.durationSeconds.toFixed(1)} s, ${out.copied ? 'stream copy' : 'encoded'}).`,
      meta,
    );
    if (hasDestination) deps.onReadyToTransfer();
    if (session.partsDir) {
      await rm(session.partsDir, { recursive: true, force: true }).catch((error: unknown) =>
        deps.logger.warn(
          `Could not remove the raw parts in ${session.partsDir}: ${String(error)}`,
          meta,
        ),
      );
    }
    return done;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.error(
      `Processing failed: ${message} The raw parts are kept in ${session.partsDir}.`,
      meta,
    );
    return deps.sessions.update(session.id, {
      status: 'FAILED',
      transferStatus: 'SKIPPED',
      errorMessage: `Processing failed: ${message} The raw recording is kept in ${session.partsDir}.`,
    });
  } finally {
    release?.();
  }
}

/**
 * The tracklist inputs of processing: the session's `tracks` and the stream's `writeCueSheet`
 * (issue 16; read with safe defaults until both records carry them).
 */
function tracklistInputs(session: SessionRecord, stream: StreamRecord) {
  const tracks = tracklistOf(session);
  const writeCueSheet = (stream as { writeCueSheet?: boolean | null }).writeCueSheet ?? false;
  return { tracks, windowStart: session.startTime, gaps: session.gaps, writeCueSheet };
}

/** The tags of the recording and the file name its stream's pattern gives (without a suffix). */
function namesOf(stream: StreamRecord, session: SessionRecord, timeZone: string) {
  const { tags, fileName } = recordingNames({
    streamName: stream.name,
    artist: stream.artist,
    album: stream.album,
    albumArtist: stream.albumArtist,
    genre: stream.genre,
    outputFilenamePattern: stream.outputFilenamePattern,
    startTime: new Date(session.startTime),
    timeZone,
  });
  return { tags, base: fileName };
}

/**
 * The first free name for `base` in `dir`, reserved until `release()` (call it once the file
 * exists or processing failed): two sessions finishing together never pick the same name (the
 * first free candidate is reserved in the same synchronous step that finds it free).
 */
async function reserveFileName(
  dir: string,
  base: string,
): Promise<{ fileName: string; release: () => void }> {
  let reservedPath: string | undefined;
  const fileName = await uniqueFileName(base, (name) => {
    const path = join(dir, name);
    if (reserved.has(path) || existsSync(path)) return true;
    reserved.add(path);
    reservedPath = path;
    return false;
  });
  const release = () => {
    if (reservedPath) reserved.delete(reservedPath);
  };
  return { fileName, release };
}
