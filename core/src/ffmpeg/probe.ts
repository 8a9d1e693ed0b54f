import { AppError } from '../../contract';
import { runToCompletion, type ProcessRunner } from './process';

export interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  sample_rate?: string;
  channels?: number;
  bit_rate?: string;
  duration?: string;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
}

export interface ProbeResult {
  format: {
    format_name?: string;
    duration?: string;
    start_time?: string;
    bit_rate?: string;
    size?: string;
    tags?: Record<string, string>;
  };
  streams: ProbeStream[];
}

/** ffprobe's JSON for a file or URL. Rejects with FFMPEG_FAILED when ffprobe cannot read it. */
export async function probe(
  runner: ProcessRunner,
  ffprobe: string,
  input: string,
  extraArgs: readonly string[] = [],
  timeoutMs = 30_000,
): Promise<ProbeResult> {
  const args = [
    '-v',
    'error',
    ...extraArgs,
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    input,
  ];
  const run = await runToCompletion(runner, ffprobe, args, { timeoutMs });
  if (run.code !== 0) {
    throw new AppError(
      'FFMPEG_FAILED',
      `ffprobe could not read ${input}: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  }
  const parsed = JSON.parse(run.stdout) as Partial<ProbeResult>;
  return { format: parsed.format ?? {}, streams: parsed.streams ?? [] };
}

/**
 * Media duration in seconds. Uses the container's duration when it has one; otherwise (a part
 * left unfinalized by a crash) the end of the last audio packet.
 */
export async function mediaDuration(
  runner: ProcessRunner,
  ffprobe: string,
  file: string,
): Promise<number> {
  const info = await probe(runner, ffprobe, file);
  const d = Number(info.format.duration);
  if (Number.isFinite(d) && d > 0) return d;
  const run = await runToCompletion(
    runner,
    ffprobe,
    [
      '-v',
      'error',
      '-select_streams',
      'a:0',
      '-show_entries',
      'packet=pts_time,duration_time',
      '-of',
      'csv=p=0',
      file,
    ],
    { timeoutMs: 120_000 },
  );
  let end = 0;
  for (const line of run.stdout.split('\n')) {
    const [pts, dur] = line.split(',').map(Number);
    if (pts !== undefined && Number.isFinite(pts))
      end = Math.max(end, pts + (Number.isFinite(dur) ? (dur ?? 0) : 0));
  }
  return end;
}
