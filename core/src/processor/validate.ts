import { AppError } from '../../contract';
import { probe } from '../ffmpeg/probe';
import { runToCompletion, type ProcessRunner } from '../ffmpeg/process';

export interface ValidateOptions {
  runner: ProcessRunner;
  ffmpegPath: string;
  ffprobePath: string;
  /** When given, the duration must be within `toleranceSeconds` of it. */
  expectedSeconds?: number;
  toleranceSeconds: number;
  /**
   * Decoder error lines tolerated (default 0). A stream copy keeps a live stream's glitches as
   * they were received; the caller may allow a few per part boundary.
   */
  maxDecodeErrors?: number;
}

export interface Mp3Facts {
  durationSeconds: number;
  /** Bits per second of the audio stream, when ffprobe tells. */
  bitRate?: number;
  sampleRate?: number;
  channels?: number;
  /** Decoder error lines seen (within maxDecodeErrors). */
  decodeErrors: number;
}

function fail(_file: string, reason: string): AppError {
  return new AppError(
    'VALIDATION_OF_OUTPUT_FAILED',
    `The MP3 made from the recording is not valid: ${reason}.`,
  );
}

/**
 * Checks an MP3 with the real tools: ffprobe reads it as MP3 with an mp3 audio stream, its
 * duration is within tolerance of the expectation, and ffmpeg decodes it to the end without
 * (more than `maxDecodeErrors`) errors. Throws AppError VALIDATION_OF_OUTPUT_FAILED with the
 * reason.
 */
export async function validateMp3(file: string, options: ValidateOptions): Promise<Mp3Facts> {
  let info;
  try {
    info = await probe(options.runner, options.ffprobePath, file);
  } catch (err) {
    throw fail(
      file,
      `ffprobe cannot read it (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (!(info.format.format_name ?? '').split(',').includes('mp3')) {
    throw fail(file, `it is ${info.format.format_name ?? 'an unknown format'}, not MP3`);
  }
  const audio = info.streams.filter((s) => s.codec_type === 'audio');
  if (audio.length !== 1 || audio[0]?.codec_name !== 'mp3') {
    throw fail(
      file,
      `its audio is ${audio.map((s) => s.codec_name).join(', ') || 'missing'}, not one MP3 stream`,
    );
  }
  const stream = audio[0];
  const durationSeconds = Number(info.format.duration ?? stream.duration);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw fail(file, 'it has no duration');
  }
  if (options.expectedSeconds !== undefined) {
    const off = Math.abs(durationSeconds - options.expectedSeconds);
    if (off > options.toleranceSeconds) {
      throw fail(
        file,
        `it lasts ${durationSeconds.toFixed(2)} s where ${options.expectedSeconds.toFixed(2)} s ` +
          `(± ${options.toleranceSeconds.toFixed(2)} s) were expected`,
      );
    }
  }

  const decode = await runToCompletion(
    options.runner,
    options.ffmpegPath,
    [
      '-hide_banner',
      '-nostats',
      '-loglevel',
      'error',
      '-i',
      file,
      '-map',
      '0:a:0',
      '-f',
      'null',
      '-',
    ],
    { timeoutMs: 120_000 + Math.ceil(durationSeconds * 50) },
  );
  const errors = decode.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (decode.code !== 0) {
    throw fail(
      file,
      `ffmpeg cannot decode it (${errors.slice(-3).join(' | ') || `exit ${decode.code}`})`,
    );
  }
  const allowed = options.maxDecodeErrors ?? 0;
  if (errors.length > allowed) {
    throw fail(
      file,
      `decoding reports ${errors.length} error(s): ${errors.slice(0, 3).join(' | ')}`,
    );
  }

  const facts: Mp3Facts = { durationSeconds, decodeErrors: errors.length };
  const bitRate = Number(stream.bit_rate);
  if (Number.isFinite(bitRate) && bitRate > 0) facts.bitRate = bitRate;
  const sampleRate = Number(stream.sample_rate);
  if (Number.isFinite(sampleRate) && sampleRate > 0) facts.sampleRate = sampleRate;
  if (stream.channels) facts.channels = stream.channels;
  return facts;
}
