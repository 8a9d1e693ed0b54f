// What the benchmarks ran on: printed under the table and stored in the JSON.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramBytes: number;
  node: string;
  ffmpeg: string;
  os: string;
  kernel: string;
}

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? 'Linux';
  } catch {
    return process.platform;
  }
}

/** The first line of `ffmpeg -version`, shortened to `ffmpeg <version>`. */
export function ffmpegVersion(ffmpeg = 'ffmpeg'): string {
  try {
    const first = execFileSync(ffmpeg, ['-hide_banner', '-version'], { encoding: 'utf8' }).split(
      '\n',
    )[0]!;
    return /^ffmpeg version (\S+)/.exec(first)?.[1] ?? first;
  } catch {
    return 'not found';
  }
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramBytes: totalmem(),
    node: process.version,
    ffmpeg: ffmpegVersion(),
    os: osName(),
    kernel: release(),
  };
}

/** The 1, 5 and 15 minute load averages. */
export function loadAverage(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = loadavg();
  return [a, b, c];
}

export function describeMachine(m: MachineInfo): string {
  const ram = `${Math.round(m.ramBytes / 1024 ** 3)} GB RAM`;
  return `${m.cpuModel}, ${m.cores} cores, ${ram}, ${m.os} (Linux ${m.kernel}), Node ${m.node}, ffmpeg ${m.ffmpeg}`;
}

export function describeLoad(start: readonly number[], end: readonly number[]): string {
  const f = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return `load average (1/5/15 min) at start ${f(start)}, at end ${f(end)}`;
}
