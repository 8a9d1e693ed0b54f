import { stat } from 'node:fs/promises';
import type { ProcessRunner } from '../ffmpeg/process';
import { mediaDuration, probe } from '../ffmpeg/probe';

export interface PartMedia {
  /** ffprobe's codec name of the first audio stream. */
  codec: string;
  /** Media duration in seconds (also for a part left unfinalized). */
  seconds: number;
}

/** Codec and duration of a part file; undefined when it holds no readable audio. */
export async function inspectPart(
  runner: ProcessRunner,
  ffprobePath: string,
  path: string,
): Promise<PartMedia | undefined> {
  const size = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  if (size === 0) return undefined;
  try {
    const info = await probe(runner, ffprobePath, path);
    const audio = info.streams.find((s) => s.codec_type === 'audio');
    if (!audio?.codec_name) return undefined;
    let seconds = Number(info.format.duration);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      seconds = await mediaDuration(runner, ffprobePath, path);
    }
    return seconds > 0 ? { codec: audio.codec_name, seconds } : undefined;
  } catch {
    return undefined;
  }
}
