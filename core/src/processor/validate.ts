import { AppError } from '../../contract';
import type { Silence } from '../../contract/dead-air';
import { probe } from '../ffmpeg/probe';
import type { ProcessRunner } from '../ffmpeg/process';
import { parseSilenceLine, silenceDetectFilter, silencesFrom, type SilenceEvent } from './silences';

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
  /**
   * When given, the decode pass also runs ffmpeg's silencedetect (no second decode): audio below
   * `thresholdDb` dBFS for at least `minSeconds` (> 0) is reported in Mp3Facts.silences.
   */
  silence?: { thresholdDb: number; minSeconds: number };
}

export interface Mp3Facts {
  durationSeconds: number;
  /** Bits per second of the audio stream, when ffprobe tells. */
  bitRate?: number;
  sampleRate?: number;
  channels?: number;
  /** Decoder error lines seen (within maxDecodeErrors). */
  decodeErrors: number;
  /** With `silence`: the silences found, `at` seconds from the start of the file. */
  silences?: Silence[];
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

  const rate = Number(stream.sample_rate);
  const decode = await decodePass(
    file,
    options,
    Number.isFinite(rate) && rate > 0 ? rate : undefined,
    120_000 + Math.ceil(durationSeconds * 50),
  );
  if (decode.code !== 0) {
    const last = decode.lastErrors.length > 0 ? decode.lastErrors : decode.tail;
    throw fail(file, `ffmpeg cannot decode it (${last.join(' | ') || `exit ${decode.code}`})`);
  }
  const allowed = options.maxDecodeErrors ?? 0;
  if (decode.errorCount > allowed) {
    throw fail(
      file,
      `decoding reports ${decode.errorCount} error(s): ${decode.firstErrors.join(' | ')}`,
    );
  }

  const facts: Mp3Facts = { durationSeconds, decodeErrors: decode.errorCount };
  if (decode.silenceEvents) {
    const startSeconds = Number(info.format.start_time);
    facts.silences = silencesFrom(decode.silenceEvents, {
      durationSeconds,
      startSeconds: Number.isFinite(startSeconds) ? startSeconds : 0,
      minSeconds: options.silence?.minSeconds,
    });
  }
  const bitRate = Number(stream.bit_rate);
  if (Number.isFinite(bitRate) && bitRate > 0) facts.bitRate = bitRate;
  const sampleRate = Number(stream.sample_rate);
  if (Number.isFinite(sampleRate) && sampleRate > 0) facts.sampleRate = sampleRate;
  if (stream.channels) facts.channels = stream.channels;
  return facts;
}

/** The arguments of the decode pass: to the null muxer, with silencedetect when asked. */
export function decodeArgs(
  file: string,
  silence?: ValidateOptions['silence'],
  sampleRate?: number,
): string[] {
  return [
    '-hide_banner',
    '-nostats',
    // silencedetect writes at info level: each line then carries its level, errors are told apart
    ...['-loglevel', silence ? 'level+info' : 'error'],
    '-i',
    file,
    '-map',
    '0:a:0',
    ...(silence
      ? ['-af', silenceDetectFilter(silence.thresholdDb, silence.minSeconds, sampleRate)]
      : []),
    '-f',
    'null',
    '-',
  ];
}

// `[level] text` or `[component @ 0x…] [level] text`: the level tag where ffmpeg puts it, so that
// a metadata line (a title holding "[error]") is no error
const ERROR_LEVEL = /^(?:\[[^\]]+\] )?\[(?:error|fatal|panic)\] /;
const SILENCEDETECT_LINE = /^\[silencedetect @ [^\]]+\] /;
/** A stderr line longer than this is cut (no unbounded buffer on a line without an end). */
const MAX_LINE = 16_384;

interface DecodeOutcome {
  code: number | null;
  /** Decoder error lines: every line when no levels are logged; else those at error level. */
  errorCount: number;
  firstErrors: string[];
  lastErrors: string[];
  /** The last lines of stderr, for the message of a failed run. */
  tail: string[];
  silenceEvents?: SilenceEvent[];
}

/**
 * Runs the decode pass, reading stderr line by line as it comes (a long file's silences are
 * never lost to a bounded log); stops ffmpeg after `timeoutMs`.
 */
async function decodePass(
  file: string,
  options: ValidateOptions,
  sampleRate: number | undefined,
  timeoutMs: number,
): Promise<DecodeOutcome> {
  const tagged = options.silence !== undefined;
  let errorCount = 0;
  const firstErrors: string[] = [];
  const lastErrors: string[] = [];
  const tail: string[] = [];
  const keepLast = (list: string[], line: string, n: number) => {
    list.push(line);
    if (list.length > n) list.shift();
  };
  const error = (line: string) => {
    errorCount++;
    if (firstErrors.length < 3) firstErrors.push(line);
    keepLast(lastErrors, line, 3);
  };
  const events: SilenceEvent[] = [];
  let pending = '';
  const take = (raw: string) => {
    const line = raw.trim();
    if (!line) return;
    keepLast(tail, line, 3);
    if (!tagged || ERROR_LEVEL.test(line)) {
      error(line);
      return;
    }
    if (!SILENCEDETECT_LINE.test(line)) return;
    const event = parseSilenceLine(line);
    if (event) events.push(event);
  };
  const proc = options.runner.start(
    options.ffmpegPath,
    decodeArgs(file, options.silence, sampleRate),
    {
      onStderr: (chunk) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) take(line);
        if (pending.length > MAX_LINE) {
          take(pending.slice(0, MAX_LINE));
          pending = '';
        }
      },
    },
  );
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void proc.stop({ graceMs: 1000 });
  }, timeoutMs);
  let exit;
  try {
    exit = await proc.exited;
  } finally {
    clearTimeout(timer);
  }
  take(pending);
  if (timedOut) keepLast(lastErrors, `timed out after ${timeoutMs} ms`, 3);
  return {
    code: timedOut ? (exit.code ?? -1) : exit.code,
    errorCount,
    firstErrors,
    lastErrors,
    tail,
    ...(tagged ? { silenceEvents: events } : {}),
  };
}
