import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** CPU time of the main thread so far, ms (Linux: /proc; 10 ms resolution). */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

export interface Stalls {
  /** The longest time the event loop did not turn, wall clock. */
  wallMs: number;
  /**
   * The most CPU the main thread used between two turns: what the code held the loop for, apart
   * from the time a loaded machine gave the CPU to other processes. Equals wallMs without /proc.
   */
  cpuMs: number;
}

/**
 * Watches the event loop (a 2 ms interval) until stop(): how long it was held at most. Test-only,
 * for "no request holds the event loop" checks on a machine shared with other work.
 */
export function watchStalls(): { stop(): Stalls } {
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  const worst: Stalls = { wallMs: 0, cpuMs: 0 };
  const tick = () => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    const wall = now - last;
    worst.wallMs = Math.max(worst.wallMs, wall);
    worst.cpuMs = Math.max(worst.cpuMs, cpu === null || lastCpu === null ? wall : cpu - lastCpu);
    last = now;
    lastCpu = cpu;
  };
  const timer = setInterval(tick, 2);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { ...worst };
    },
  };
}
