/*
 * Processing of native captures, whose parts are files of bare frames (`.mp3`: MPEG Layer III;
 * `.aac`: ADTS): MP3 goes into the finished file in one pass (one-pass-mp3: tag, Xing/Info frame,
 * the frames; no remux, no decode); AAC is encoded once with libmp3lame and then written the same
 * way. The dead-air pass, when on, is the only decode; without it no other program runs for MP3.
 */
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../contract';
import {
  DEFAULT_DEAD_AIR_SECONDS,
  DEFAULT_SILENCE_THRESHOLD_DB,
  silenceMinSeconds,
} from '../../contract/dead-air';
import { runToCompletion } from '../ffmpeg/process';
import type { CapturedPart } from '../recorder/types';
import { scanAdtsPart } from './adts-scan';
import { buildId3Tag } from './id3-tag';
import { encodeFramePartsArgs, inpointFor } from './join-args';
import { planOnePass, writeOnePass, type OnePassPlan } from './one-pass-mp3';
import type {
  ProcessHelpers,
  ProcessRecordingInput,
  ProcessRecordingResult,
} from './process-recording';
import { validateMp3 } from './validate';

export type FrameKind = 'mp3' | 'aac';

/** 'mp3' or 'aac' when every part is a frame-only file of that kind (by its name), else undefined. */
export function frameOnlyKind(parts: readonly CapturedPart[]): FrameKind | undefined {
  if (parts.length === 0) return undefined;
  if (parts.every((p) => p.path.toLowerCase().endsWith('.mp3'))) return 'mp3';
  if (parts.every((p) => p.path.toLowerCase().endsWith('.aac'))) return 'aac';
  return undefined;
}

/**
 * The finished MP3 at `finalPath` from frame-only parts, or undefined when MP3 parts differ in
 * format (the caller joins them with ffmpeg instead). Throws AppError as processRecording.
 */
export async function processFrameParts(
  input: ProcessRecordingInput,
  kind: FrameKind,
  finalPath: string,
  helpers: ProcessHelpers,
): Promise<ProcessRecordingResult | undefined> {
  const meta = input.sessionId ? { sessionId: input.sessionId } : undefined;
  let encoded: string | undefined;
  try {
    let parts: { path: string; keepSeconds?: number }[] = input.parts;
    if (kind === 'aac') {
      encoded = await encodeAacParts(input);
      parts = [{ path: encoded }];
    }
    const planned = await planOnePass(parts);
    if (!('plan' in planned)) return undefined;
    const { plan } = planned;
    for (const note of plan.notes) input.logger.info(`Part ${note}.`, meta);
    const chapters = helpers.chaptersFor(input, plan.durationSeconds);
    const tag = buildId3Tag(input.tags, helpers.coverOf(input, meta), chapters);
    const written = await writeOnePass(plan, tag, finalPath);
    try {
      // no read-back by ffprobe: the file is what the plan says, frame by frame, and its size was
      // checked; the dead-air pass, when on, decodes it (the only decode)
      const { silences, deadAir } = await deadAirPass(input, plan, finalPath, helpers);
      input.logger.info(
        `Wrote ${input.fileName}: ${plan.durationSeconds.toFixed(1)} s, ` +
          `${(written.sizeBytes / 1_048_576).toFixed(1)} MB, ${plan.frames} frames, ` +
          `${kind === 'mp3' ? 'written in one pass' : `encoded at ${input.bitrateKbps} kb/s`}` +
          `${chapters.length ? `, ${chapters.length} chapter(s)` : ''}.`,
        meta,
      );
      return {
        path: written.path,
        durationSeconds: plan.durationSeconds,
        sizeBytes: written.sizeBytes,
        copied: kind === 'mp3',
        chapters,
        silences,
        deadAir,
      };
    } catch (err) {
      await rm(finalPath, { force: true });
      throw err;
    }
  } finally {
    if (encoded) await rm(encoded, { force: true });
  }
}

/** The one decode, only when dead-air detection is on: it finds the silences (and checks the file). */
async function deadAirPass(
  input: ProcessRecordingInput,
  plan: OnePassPlan,
  finalPath: string,
  helpers: ProcessHelpers,
) {
  const minSilence = silenceMinSeconds(input.deadAirSeconds ?? DEFAULT_DEAD_AIR_SECONDS);
  if (minSilence <= 0) return { silences: [], deadAir: false };
  const facts = await validateMp3(finalPath, {
    runner: input.runner,
    ffmpegPath: input.ffmpegPath,
    ffprobePath: input.ffprobePath,
    expectedSeconds: plan.durationSeconds,
    toleranceSeconds: helpers.durationTolerance(plan.durationSeconds, plan.parts.length),
    // frames as received: a live stream's glitches stay (as for a stream copy)
    maxDecodeErrors: 10 + Math.ceil(plan.durationSeconds / 60),
    silence: {
      thresholdDb: input.silenceThresholdDb ?? DEFAULT_SILENCE_THRESHOLD_DB,
      minSeconds: minSilence,
    },
  });
  const meta = input.sessionId ? { sessionId: input.sessionId } : undefined;
  return helpers.deadAirOf(input, facts, meta);
}

/** One libmp3lame encode of the ADTS parts (heads cut to keepSeconds) to bare MP3 frames. */
async function encodeAacParts(input: ProcessRecordingInput): Promise<string> {
  const inputs: { path: string; inpoint: number }[] = [];
  let expected = 0;
  for (const part of input.parts) {
    const scan = await scanAdtsPart(part.path);
    if (!scan) {
      input.logger.warn(`Part ${basename(part.path)} holds no whole AAC frame: skipped.`);
      continue;
    }
    const inpoint = inpointFor(scan.seconds, part.keepSeconds);
    if (scan.seconds - inpoint < 0.05) continue;
    inputs.push({ path: part.path, inpoint });
    expected += scan.seconds - inpoint;
  }
  if (inputs.length === 0) {
    throw new AppError('RECORDING_EMPTY', 'The captured parts hold no audio inside the window.');
  }
  const out = join(input.workDir, `encode-${randomBytes(6).toString('hex')}.mp3`);
  const run = await runToCompletion(
    input.runner,
    input.ffmpegPath,
    encodeFramePartsArgs(inputs, out, input.bitrateKbps),
    { timeoutMs: 120_000 + Math.ceil(expected * 250) },
  );
  if (run.code !== 0) {
    await rm(out, { force: true });
    const disk = /No space left on device/i.test(run.stderr);
    throw new AppError(
      disk ? 'DISK_FULL' : 'FFMPEG_FAILED',
      `ffmpeg could not encode the parts to MP3 (exit ${run.code ?? run.signal}): ` +
        run.stderr.trim().split('\n').slice(-4).join(' | '),
    );
  }
  return out;
}
