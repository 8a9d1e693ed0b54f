import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../contract';
import {
  DEFAULT_DEAD_AIR_SECONDS,
  DEFAULT_SILENCE_THRESHOLD_DB,
  isDeadAir,
  silenceMinSeconds,
  type Silence,
} from '../../contract/dead-air';
import { probe } from '../ffmpeg/probe';
import type { ProcessRunner } from '../ffmpeg/process';
import type { LogMeta, Logger } from '../ports/logger';
import type { CapturedPart } from '../recorder/types';
import { sniffImageFormat } from './artwork';
import { assembleMp3 } from './assemble';
import { isPlainFileName } from './file-name';
import { chaptersOf, type Chapter, type TrackMark, type WindowGapMark } from './chapters';
import { writeCueFile } from './cue-sheet';
import { processFrameParts, frameOnlyKind } from './frame-parts';
import { buildId3Tag } from './id3-tag';
import { joinParts, type JoinResult } from './join';
import type { TagValues } from '../../contract/naming/tag-values';
import { validateMp3, type Mp3Facts } from './validate';

export interface ProcessRecordingInput {
  /** The captured parts, in order (CapturedPart.keepSeconds trims each part's head). */
  parts: CapturedPart[];
  /** Folder for intermediate files (created when missing; only our own temp files are removed). */
  workDir: string;
  /** Folder of the finished recordings (created when missing). */
  outputDir: string;
  /** A plain file name ending in `.mp3`, already unique (renderFileName + uniqueFileName). */
  fileName: string;
  bitrateKbps: number;
  tags: TagValues;
  /** The stream's normalized cover (normalizeArtwork); embedded as the APIC front cover. */
  artworkJpeg?: Buffer;
  ffmpegPath: string;
  ffprobePath: string;
  runner: ProcessRunner;
  logger: Logger;
  sessionId?: string;
  /** Audio below this level (dBFS) is silence (default -50). */
  silenceThresholdDb?: number;
  /** A silence this long (s) is dead air (default 60); 0 turns silence detection off. */
  deadAirSeconds?: number;
  /** The station's titles while recording (native captures): written as ID3v2 chapters. */
  tracks?: readonly TrackMark[];
  /** ISO time of the file's first audio (the window start): where chapter time 0 is. */
  windowStart?: string;
  /** The window's gaps (not in the file): chapter times leave them out. */
  gaps?: readonly WindowGapMark[];
  /** Also write `<name>.cue` beside the MP3 (when there are chapters). */
  writeCueSheet?: boolean;
}

export interface ProcessRecordingResult extends DeadAirFacts {
  /** outputDir/fileName. */
  path: string;
  durationSeconds: number;
  sizeBytes: number;
  /** True when the MP3 audio was stream-copied from the source (never re-encoded). */
  copied: boolean;
  /** The chapters written into the MP3 (from `tracks`; none or absent without a tracklist). */
  chapters?: Chapter[];
  /** outputDir/<name>.cue, when one was written. */
  cuePath?: string;
}

/** What the decode pass found about silence (part of ProcessRecordingResult). */
export interface DeadAirFacts {
  /**
   * Silences found in the same decode pass that validates the file (none when detection is off),
   * `at` seconds from the start of the file (the recorded audio without its gaps).
   */
  silences: Silence[];
  /** True when a silence reaches `deadAirSeconds` (never when detection is off). */
  deadAir: boolean;
}

/**
 * Duration tolerance of the joined audio: each cut is exact to one packet and encoders add a few
 * ms of padding; anything beyond this is missing or extra audio.
 */
export function durationTolerance(expectedSeconds: number, parts: number): number {
  return 0.5 + 0.1 * parts + 0.002 * expectedSeconds;
}

/**
 * Turns the captured parts into one tagged MP3 at outputDir/fileName:
 *   1. join (head-trimmed per part; MP3 stream-copied, other codecs encoded once) into workDir;
 *   2. validate it with ffprobe and a full decode (duration = sum of kept seconds);
 *   3. write `<ID3v2 tag><audio>` to a temp name beside the target, fsync, rename into place;
 *   4. check the tagged file reads back as MP3 of the same length.
 * The raw parts are NEVER deleted here, neither on success nor on failure: on success the caller
 * deletes them (after recording the result); on failure they stay for inspection or a retry.
 * On failure every temp file is removed, no output is left, and an AppError says why.
 */
export async function processRecording(
  input: ProcessRecordingInput,
): Promise<ProcessRecordingResult> {
  const meta = input.sessionId ? { sessionId: input.sessionId } : undefined;
  if (!isPlainFileName(input.fileName)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The output file name must be a plain name ending in .mp3.',
      {
        field: 'fileName',
      },
    );
  }
  await mkdir(input.workDir, { recursive: true });
  await mkdir(input.outputDir, { recursive: true });
  const finalPath = join(input.outputDir, input.fileName);
  const kind = frameOnlyKind(input.parts);
  if (kind) {
    const done = await processFrameParts(input, kind, finalPath, helpers);
    if (done) return withCueSheet(input, done);
    input.logger.info('The parts differ in format: joined by ffmpeg instead.', meta);
  }

  const joined = await joinParts({
    parts: input.parts,
    workDir: input.workDir,
    bitrateKbps: input.bitrateKbps,
    ffmpegPath: input.ffmpegPath,
    ffprobePath: input.ffprobePath,
    runner: input.runner,
    logger: input.logger,
    ...(input.sessionId ? { sessionId: input.sessionId } : {}),
  });

  let placed = false;
  try {
    const facts = await validateJoined(input, joined);
    const { silences, deadAir } = deadAirOf(input, facts, meta);
    warnDecodeErrors(input.logger, facts, joined, meta);
    const chapters = chaptersFor(input, facts.durationSeconds);
    const tag = buildId3Tag(input.tags, coverOf(input, meta), chapters);
    const written = await assembleMp3({ tag, audioPath: joined.audioPath, finalPath });
    placed = true;
    await checkTagged(input, finalPath, facts.durationSeconds);

    input.logger.info(
      `Wrote ${input.fileName}: ${facts.durationSeconds.toFixed(1)} s, ` +
        `${(written.sizeBytes / 1_048_576).toFixed(1)} MB, ` +
        `${joined.copied ? 'stream copy' : `encoded at ${input.bitrateKbps} kb/s`}.`,
      meta,
    );
    return await withCueSheet(input, {
      path: written.path,
      durationSeconds: facts.durationSeconds,
      sizeBytes: written.sizeBytes,
      copied: joined.copied,
      chapters,
      silences,
      deadAir,
    });
  } catch (err) {
    if (placed) await rm(finalPath, { force: true });
    throw err;
  } finally {
    await rm(joined.audioPath, { force: true });
  }
}

/** The chapters of a file of `durationSeconds` from the input's tracklist. */
export function chaptersFor(input: ProcessRecordingInput, durationSeconds: number): Chapter[] {
  if (!input.tracks?.length || !input.windowStart) return [];
  return chaptersOf(input.tracks, input.windowStart, durationSeconds * 1000, input.gaps ?? []);
}

/**
 * Writes `<name>.cue` beside the MP3 when asked for and there are chapters. The MP3 is the
 * recording: a cue sheet that cannot be written is logged, never a failure.
 */
async function withCueSheet(
  input: ProcessRecordingInput,
  result: ProcessRecordingResult,
): Promise<ProcessRecordingResult> {
  if (!input.writeCueSheet || !result.chapters?.length) return result;
  try {
    const cuePath = await writeCueFile(result.path, input.tags, result.chapters);
    return { ...result, cuePath };
  } catch (err) {
    input.logger.warn(
      `The cue sheet was not written: ${err instanceof Error ? err.message : String(err)}`,
      input.sessionId ? { sessionId: input.sessionId } : undefined,
    );
    return result;
  }
}

/** What the frame-part path shares with this one. */
const helpers = {
  coverOf: (input: ProcessRecordingInput, meta: LogMeta | undefined) => coverOf(input, meta),
  deadAirOf: (input: ProcessRecordingInput, facts: Mp3Facts, meta: LogMeta | undefined) =>
    deadAirOf(input, facts, meta),
  chaptersFor,
  durationTolerance,
};
export type ProcessHelpers = typeof helpers;

/** Validates the joined audio with ffprobe and one full decode, which also finds the silences. */
function validateJoined(input: ProcessRecordingInput, joined: JoinResult): Promise<Mp3Facts> {
  const minSilence = silenceMinSeconds(input.deadAirSeconds ?? DEFAULT_DEAD_AIR_SECONDS);
  return validateMp3(joined.audioPath, {
    runner: input.runner,
    ffmpegPath: input.ffmpegPath,
    ffprobePath: input.ffprobePath,
    expectedSeconds: joined.expectedSeconds,
    toleranceSeconds: durationTolerance(joined.expectedSeconds, joined.partsUsed),
    // a stream copy keeps the glitches of a live stream as received; the joins add none (an
    // incomplete frame where a connection ended is left out, and a frame whose bit reservoir
    // was cut away decodes without an error); our own encoder's output must decode cleanly
    maxDecodeErrors: joined.copied ? 10 + Math.ceil(joined.expectedSeconds / 60) : 0,
    // dead air is found in this same decode pass (no second one)
    ...(minSilence > 0
      ? {
          silence: {
            thresholdDb: input.silenceThresholdDb ?? DEFAULT_SILENCE_THRESHOLD_DB,
            minSeconds: minSilence,
          },
        }
      : {}),
  });
}

/** The silences the decode found, and whether one is dead air (which is logged). */
function deadAirOf(
  input: ProcessRecordingInput,
  facts: Mp3Facts,
  meta: LogMeta | undefined,
): DeadAirFacts {
  const deadAirSeconds = input.deadAirSeconds ?? DEFAULT_DEAD_AIR_SECONDS;
  const minSilence = silenceMinSeconds(deadAirSeconds);
  const silences = facts.silences ?? [];
  const deadAir = isDeadAir(silences, deadAirSeconds);
  if (deadAir) {
    const longest = Math.max(...silences.map((s) => s.seconds));
    input.logger.warn(
      `Dead air: the recording holds a silence of ${longest.toFixed(0)} s ` +
        `(${silences.length} silence(s) of ${minSilence} s or more).`,
      meta,
    );
  }
  return { silences, deadAir };
}

function warnDecodeErrors(
  logger: Logger,
  facts: Mp3Facts,
  joined: JoinResult,
  meta: LogMeta | undefined,
) {
  if (facts.decodeErrors > 0) {
    logger.warn(
      `The stream-copied audio has ${facts.decodeErrors} decoder warning(s) (glitches as received).`,
      meta,
    );
  }
  if (joined.decodeErrors > 0) {
    logger.warn(
      `Decoding the received audio for encoding gave ${joined.decodeErrors} decoder warning(s) (glitches as received).`,
      meta,
    );
  }
}

/** The cover to embed: the stream's artwork when it is a JPEG, otherwise none (said so). */
function coverOf(input: ProcessRecordingInput, meta: LogMeta | undefined): Buffer | undefined {
  const cover = input.artworkJpeg;
  if (cover && sniffImageFormat(cover) !== 'jpeg') {
    input.logger.warn('The artwork is not a JPEG: the recording gets no cover.', meta);
    return undefined;
  }
  return cover;
}

/** Checks the tagged file reads back as MP3 of the joined audio's length. */
async function checkTagged(
  input: ProcessRecordingInput,
  finalPath: string,
  durationSeconds: number,
): Promise<void> {
  const check = await probe(input.runner, input.ffprobePath, finalPath).catch(() => undefined);
  const audio = check?.streams.find((s) => s.codec_type === 'audio');
  const finalSeconds = Number(check?.format.duration);
  if (
    audio?.codec_name !== 'mp3' ||
    !Number.isFinite(finalSeconds) ||
    Math.abs(finalSeconds - durationSeconds) > 0.1
  ) {
    throw new AppError(
      'VALIDATION_OF_OUTPUT_FAILED',
      `The tagged MP3 does not read back as the joined audio (${audio?.codec_name ?? 'no audio'}, ` +
        `${Number.isFinite(finalSeconds) ? finalSeconds.toFixed(2) : '?'} s).`,
    );
  }
}
