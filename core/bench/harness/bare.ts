// A baseline program run alone in the bare-commands wrapper, measured.
import type { BareCommand } from '../workers/bare-commands';
import { TreeSampler, type SelfUsage } from './proc';
import { startWorker } from './workers';

/** ffmpeg's quiet flags for baseline runs. */
export const QUIET = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error'];

export interface Timed {
  wallSeconds: number;
  cpuSeconds: number;
  /** Summed over the tree (app: node + its ffmpeg/ffprobe; baseline: the program). */
  peakRssBytes: number;
}

/** One bare command in the wrapper: its wall time, exact CPU and sampled peak RSS. */
export async function bareTimed(command: BareCommand): Promise<Timed> {
  const worker = await startWorker('bare-commands', { commands: [command], delayMs: 200 });
  const sampler = new TreeSampler(worker.pid, 'children', 50).start();
  try {
    const done = await worker.next<{
      event: 'done';
      results: { code: number | null; wallMs: number; stderr: string }[];
      usage: SelfUsage;
    }>('done');
    const sampled = sampler.stop();
    const r = done.results[0]!;
    if (r.code !== 0) throw new Error(`${command.bin} failed (${r.code}): ${r.stderr}`);
    return {
      wallSeconds: r.wallMs / 1000,
      cpuSeconds: done.usage.childrenCpuSeconds,
      peakRssBytes: sampled.peakRssBytes,
    };
  } finally {
    sampler.stop();
    await worker.stop();
  }
}
