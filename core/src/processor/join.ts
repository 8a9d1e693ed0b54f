import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { AppError, isAppError } from '../../contract';
import { mediaDuration, probe, type ProbeStream } from '../ffmpeg/probe';
import { runToCompletion, type ProcessRunner } from '../ffmpeg/process';
import type { Logger } from '../ports/logger';
import type { CapturedPart } from '../recorder/types';
import {
  assertBitrate,
  chooseJoinMode,
  ffconcatList,
  inpointFor,
  joinCopyArgs,
  joinEncodeArgs,
  joinMixedEncodeArgs,
  trimArgs,
  type JoinMode,
  type SegmentFormat,
} from './join-args';
import { inspectPartEnds, type PartEnds } from './part-ends';

export interface JoinInput {
  parts: readonly CapturedPart[];
  /** Folder for the intermediate files (created by the caller). */
  workDir: string;
  bitrateKbps: number;
  ffmpegPath: string;
  ffprobePath: string;
  runner: ProcessRunner;
  logger: Logger;
  sessionId?: string;
}

export interface JoinResult {
  /** The audio-only MP3 in workDir; the caller removes it. */
  audioPath: string;
  mode: JoinMode;
  /** True when the MP3 audio was stream-copied (never re-encoded). */
  copied: boolean;
  /** Sum over the parts of the seconds kept: what the output should last. */
  expectedSeconds: number;
  /** Parts that contributed audio (parts with nothing to keep are skipped). */
  partsUsed: number;
  /**
   * Error lines the decoder printed while encoding (0 for a stream copy, whose output the
   * validation decodes): glitches in the audio as received.
   */
  decodeErrors: number;
}

/** A part ffprobe has looked at. */
export interface ProbedPart {
  path: string;
  format: SegmentFormat;
  mediaSeconds: number;
  keepSeconds: number;
  inpoint: number;
  /** Seconds from the part's start where its whole packets end (an incomplete last one is cut). */
  outpoint?: number;
  /** What the check of its ends found (an incomplete frame dropped), for the log. */
  notes: string[];
}

/** Less than this is nothing to keep (one MP3 frame is 26 ms). */
const MIN_KEEP_SECONDS = 0.05;
/** A head cut this small is not worth a trim step. */
const MIN_TRIM_SECONDS = 0.01;

function lastLines(text: string, n = 4): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}

/**
 * Probes one part: its audio format, media duration and what to keep of it: its last
 * `keepSeconds`, less an incomplete frame at either end (see part-ends).
 */
export async function probePart(
  runner: ProcessRunner,
  ffprobe: string,
  part: CapturedPart,
): Promise<ProbedPart> {
  let info;
  try {
    info = await probe(runner, ffprobe, part.path);
  } catch (err) {
    throw new AppError(
      'FFMPEG_FAILED',
      `The captured part ${basename(part.path)} cannot be read: it is damaged or empty.`,
      { cause: err },
    );
  }
  const audio = info.streams.find((s) => s.codec_type === 'audio') as
    (ProbeStream & { profile?: string }) | undefined;
  if (!audio?.codec_name) {
    throw new AppError('FFMPEG_FAILED', `The captured part ${basename(part.path)} holds no audio.`);
  }
  // a native part (whole frames, no container) knows its exact length and has no broken end;
  // ffprobe would only estimate the length of a file without a container
  let mediaSeconds = part.mediaSeconds ?? Number(info.format.duration);
  if (!Number.isFinite(mediaSeconds) || mediaSeconds <= 0) {
    mediaSeconds = await mediaDuration(runner, ffprobe, part.path);
  }
  const format: SegmentFormat = { codec: audio.codec_name };
  const startSeconds = Number(info.format.start_time);
  const ends: PartEnds =
    part.frames !== undefined
      ? { headSkip: 0, notes: [] }
      : await inspectPartEnds(runner, ffprobe, part.path, audio.codec_name, {
          mediaSeconds,
          startSeconds: Number.isFinite(startSeconds) ? startSeconds : 0,
        });
  const inpoint = Math.max(inpointFor(mediaSeconds, part.keepSeconds), ends.headSkip);
  const end = ends.outpoint ?? mediaSeconds;
  if (audio.profile) format.profile = audio.profile;
  const rate = Number(audio.sample_rate);
  if (Number.isFinite(rate) && rate > 0) format.sampleRate = rate;
  if (audio.channels) format.channels = audio.channels;
  const probed: ProbedPart = {
    path: part.path,
    format,
    mediaSeconds,
    keepSeconds: Math.max(0, end - inpoint),
    inpoint,
    notes: ends.notes,
  };
  if (ends.outpoint !== undefined) probed.outpoint = ends.outpoint;
  return probed;
}

/** Timeout for one ffmpeg run over `seconds` of audio: a hang guard, generous on slow hosts. */
function timeoutFor(seconds: number, perSecondMs: number): number {
  return 120_000 + Math.ceil(seconds * perSecondMs);
}

/** Runs ffmpeg; answers the error lines it printed although it succeeded (decoder errors). */
async function runFfmpeg(
  input: JoinInput,
  args: string[],
  timeoutMs: number,
  what: string,
): Promise<string[]> {
  const run = await runToCompletion(input.runner, input.ffmpegPath, args, { timeoutMs });
  if (run.code !== 0) {
    if (/No space left on device/i.test(run.stderr)) {
      throw new AppError('DISK_FULL', `The disk is full: ffmpeg could not ${what}.`);
    }
    throw new AppError(
      'FFMPEG_FAILED',
      `ffmpeg could not ${what} (exit ${run.code ?? run.signal}): ${lastLines(run.stderr)}`,
    );
  }
  return run.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Joins the parts, in order, into one audio-only MP3 in workDir: each part keeps its last
 * `keepSeconds` (the head, i.e. the server's connect burst, is cut by stream copy) without an
 * incomplete frame where its connection ended (so no junction breaks a frame); MP3 sources of
 * one sample rate and channel count are stream-copied, everything else is encoded once with
 * libmp3lame at `bitrateKbps`. Intermediate files are removed; the parts are never touched.
 * Throws AppError: RECORDING_EMPTY (no audio to keep), FFMPEG_FAILED (a part is unreadable or
 * ffmpeg failed), VALIDATION_FAILED (bad bitrate).
 */
export async function joinParts(input: JoinInput): Promise<JoinResult> {
  assertBitrate(input.bitrateKbps);
  const log: Log = (level, message) =>
    input.logger[level](message, input.sessionId ? { sessionId: input.sessionId } : undefined);
  checkParts(input.parts);
  const probed = await probeKept(input, log);

  const mode = chooseJoinMode(probed.map((p) => p.format));
  const expectedSeconds = probed.reduce((sum, p) => sum + p.keepSeconds, 0);
  const files: JoinFiles = {
    id: randomBytes(6).toString('hex'),
    workDir: resolve(input.workDir),
    temps: [],
  };
  const audioPath = join(files.workDir, `join-${files.id}.mp3`);
  log(
    'info',
    `Joining ${probed.length} part(s), ${expectedSeconds.toFixed(1)} s of audio: ` +
      (mode === 'copy'
        ? 'MP3 stream copy (no re-encoding).'
        : `encoding ${probed.map((p) => p.format.codec).join('+')} to MP3 at ${input.bitrateKbps} kb/s.`),
  );

  try {
    // 1. cut each part's head (and an incomplete last frame) by stream copy
    const segments = await cutSegments(input, probed, files, log);
    // 2. join (and encode when needed) into one MP3
    const args = await joinArgsFor(input, mode, segments, audioPath, files);
    const errors = await runFfmpeg(
      input,
      args,
      timeoutFor(expectedSeconds, mode === 'copy' ? 20 : 250),
      mode === 'copy' ? 'join the parts' : 'encode the parts to MP3',
    );
    return {
      audioPath,
      mode,
      copied: mode === 'copy',
      expectedSeconds,
      partsUsed: probed.length,
      decodeErrors: mode === 'copy' ? 0 : errors.length,
    };
  } catch (err) {
    await rm(audioPath, { force: true });
    if (isAppError(err)) throw err;
    if ((err as { code?: unknown }).code === 'ENOSPC') {
      throw new AppError('DISK_FULL', 'The disk is full: the parts could not be joined.', {
        cause: err,
      });
    }
    throw new AppError('FFMPEG_FAILED', `Joining the parts failed: ${String(err)}`, { cause: err });
  } finally {
    await Promise.all(files.temps.map((t) => rm(t, { force: true })));
  }
}

type Log = (level: 'info' | 'warn' | 'debug', message: string) => void;

/** Where one join's intermediate files go: their shared id, the folder, the ones made so far. */
interface JoinFiles {
  id: string;
  workDir: string;
  temps: string[];
}

function checkParts(parts: readonly CapturedPart[]): void {
  if (parts.length === 0) {
    throw new AppError('RECORDING_EMPTY', 'Nothing was captured: there is no audio to process.');
  }
  for (const part of parts) {
    if (!isAbsolute(part.path)) {
      throw new AppError('INTERNAL', `A part path is not absolute: ${part.path}`);
    }
  }
}

/** Probes every part and keeps those with audio inside the window (RECORDING_EMPTY if none). */
async function probeKept(input: JoinInput, log: Log): Promise<ProbedPart[]> {
  const probed: ProbedPart[] = [];
  for (const part of input.parts) {
    const p = await probePart(input.runner, input.ffprobePath, part);
    for (const note of p.notes) {
      log('info', `Part ${basename(p.path)}: ${note}; that frame is left out of the join.`);
    }
    if (p.keepSeconds < MIN_KEEP_SECONDS) {
      log('warn', `Part ${basename(p.path)} has no audio inside the window: skipped.`);
      continue;
    }
    probed.push(p);
  }
  if (probed.length === 0) {
    throw new AppError('RECORDING_EMPTY', 'The captured parts hold no audio inside the window.');
  }
  return probed;
}

/** The segments to join: each part, or a stream-copied cut of it without its head (and end). */
async function cutSegments(
  input: JoinInput,
  probed: readonly ProbedPart[],
  files: JoinFiles,
  log: Log,
): Promise<string[]> {
  const segments: string[] = [];
  for (const [i, p] of probed.entries()) {
    if (p.inpoint < MIN_TRIM_SECONDS && p.outpoint === undefined) {
      segments.push(p.path);
      continue;
    }
    const segment = join(files.workDir, `join-${files.id}-seg${i + 1}.mka`);
    files.temps.push(segment);
    log(
      'debug',
      `Cutting ${p.inpoint.toFixed(3)} s from the head of ${basename(p.path)}` +
        (p.outpoint === undefined ? '.' : `, and its end at ${p.outpoint.toFixed(3)} s.`),
    );
    await runFfmpeg(
      input,
      trimArgs(p.path, p.inpoint, segment, p.outpoint),
      timeoutFor(p.mediaSeconds, 20),
      `trim ${basename(p.path)}`,
    );
    segments.push(segment);
  }
  return segments;
}

/** ffmpeg's arguments joining the segments into `audioPath` (writes the concat list if needed). */
async function joinArgsFor(
  input: JoinInput,
  mode: JoinMode,
  segments: readonly string[],
  audioPath: string,
  files: JoinFiles,
): Promise<string[]> {
  if (mode === 'encode-mixed') {
    return joinMixedEncodeArgs(segments, audioPath, input.bitrateKbps);
  }
  const listPath = join(files.workDir, `join-${files.id}.ffconcat`);
  files.temps.push(listPath);
  await writeFile(listPath, ffconcatList(segments), { encoding: 'utf8', flag: 'wx' });
  return mode === 'copy'
    ? joinCopyArgs(listPath, audioPath)
    : joinEncodeArgs(listPath, audioPath, input.bitrateKbps);
}
