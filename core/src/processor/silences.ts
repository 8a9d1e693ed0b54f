// ffmpeg's silencedetect filter, folded into the processor's decode pass: the filter argument,
// and its log lines turned into the silences of a file. Pure.
import { MAX_LISTED_SILENCES, type Silence } from '../../contract/dead-air';

/**
 * Silence is looked for at this sample rate at most. Higher rates are first thinned out with
 * the cheapest resampler (filter_size=1: no anti-alias filtering, so high-pitched sound still
 * counts as sound): the filter then costs a few per cent of the decode instead of ~20 % (see the
 * dead-air row of `npm run bench`), and the null output gets fewer samples to convert. Decoding
 * itself (and its error count) is unchanged. A silence of seconds is found to a few ms either way.
 */
export const SILENCE_DETECT_RATE = 11025;

/**
 * The `-af` value: audio below `thresholdDb` dBFS for at least `minSeconds` is silence.
 * `sampleRate` is the file's (when known); above SILENCE_DETECT_RATE it is thinned out first.
 */
export function silenceDetectFilter(
  thresholdDb: number,
  minSeconds: number,
  sampleRate?: number,
): string {
  if (!Number.isFinite(thresholdDb) || !(minSeconds > 0)) {
    throw new RangeError(`silencedetect needs a threshold and a positive minimum length`);
  }
  const thin =
    sampleRate !== undefined && sampleRate <= SILENCE_DETECT_RATE
      ? ''
      : `aresample=${SILENCE_DETECT_RATE}:filter_size=1,`;
  return `${thin}silencedetect=noise=${thresholdDb}dB:d=${minSeconds}`;
}

/** One silencedetect line: a silence starts, or ends (with its length as ffmpeg measured it). */
export type SilenceEvent =
  { kind: 'start'; t: number } | { kind: 'end'; t: number; seconds: number };

const NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)`;
const START = new RegExp(String.raw`\bsilence_start:\s*${NUMBER}`, 'i');
const END = new RegExp(
  String.raw`\bsilence_end:\s*${NUMBER}\s*\|\s*silence_duration:\s*${NUMBER}`,
  'i',
);

/**
 * Reads one line of ffmpeg's log (`[silencedetect @ 0x…] [info] silence_start: 20.01` or
 * `… silence_end: 90.02 | silence_duration: 70.01`); undefined for any other line.
 */
export function parseSilenceLine(line: string): SilenceEvent | undefined {
  if (!line.includes('silence_')) return undefined;
  const end = END.exec(line);
  if (end) {
    const t = Number(end[1]);
    const seconds = Number(end[2]);
    return Number.isFinite(t) && Number.isFinite(seconds) ? { kind: 'end', t, seconds } : undefined;
  }
  const start = START.exec(line);
  if (start) {
    const t = Number(start[1]);
    return Number.isFinite(t) ? { kind: 'start', t } : undefined;
  }
  return undefined;
}

export interface SilenceTimeline {
  /** The file's duration (seconds): an open silence at the end lasts until then. */
  durationSeconds: number;
  /** The file's start time (ffprobe's start_time, e.g. 0.025 s of encoder delay); default 0. */
  startSeconds?: number;
  /** Silences shorter than this are left out (default 0). */
  minSeconds?: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The silences of a file from its silencedetect events, in time order, `at` measured from the
 * start of the file. A silence still open at the end of the file (older ffmpeg logs no end for
 * it) lasts until the end. At most MAX_LISTED_SILENCES are kept: the longest, in time order.
 */
export function silencesFrom(
  events: readonly SilenceEvent[],
  timeline: SilenceTimeline,
): Silence[] {
  const origin = timeline.startSeconds ?? 0;
  const fileEnd = timeline.durationSeconds;
  const min = timeline.minSeconds ?? 0;
  const found: Silence[] = [];
  let openAt: number | undefined;
  const add = (startT: number, seconds: number) => {
    // a silence from before the file's first sample (encoder delay) counts from the start
    const before = Math.max(0, origin - startT);
    const at = Math.min(Math.max(0, startT - origin), Math.max(0, fileEnd));
    const length = Math.min(Math.max(0, seconds - before), Math.max(0, fileEnd - at));
    if (length > 0 && length + 0.005 >= min)
      found.push({ at: round2(at), seconds: round2(length) });
  };
  for (const event of events) {
    if (event.kind === 'start') {
      // a second start without an end: keep the first (ffmpeg does not log that; be lenient)
      openAt ??= event.t;
    } else {
      // the end line carries ffmpeg's own measure of the length; the start is derived from it
      add(openAt ?? event.t - event.seconds, event.seconds);
      openAt = undefined;
    }
  }
  if (openAt !== undefined) add(openAt, origin + fileEnd - openAt);
  if (found.length <= MAX_LISTED_SILENCES) return found;
  const keep = new Set(
    [...found].sort((a, b) => b.seconds - a.seconds || a.at - b.at).slice(0, MAX_LISTED_SILENCES),
  );
  return found.filter((s) => keep.has(s));
}
