import { runToCompletion, type ProcessRunner } from '../ffmpeg/process';

/** `ffmpeg version 5.1.9-0+deb12u1 Copyright ...` → `5.1.9-0+deb12u1`. */
export function parseFfmpegVersion(output: string): string | null {
  const m = /^\s*ffmpeg version (\S+)/m.exec(output);
  return m?.[1] ?? null;
}

const cache = new WeakMap<ProcessRunner, Map<string, Promise<string | null>>>();

/**
 * The version `bin -version` prints, or null when it cannot be run. A found version is cached per
 * runner and path (the binary does not change while the app runs); a failure is asked again next
 * time, so that installing ffmpeg shows without a restart.
 */
export function ffmpegVersion(
  runner: ProcessRunner,
  bin: string,
  timeoutMs = 10_000,
): Promise<string | null> {
  let byPath = cache.get(runner);
  if (!byPath) cache.set(runner, (byPath = new Map()));
  const known = byPath.get(bin);
  if (known) return known;
  const asking = runToCompletion(runner, bin, ['-version'], { timeoutMs })
    .then((run) => (run.code === 0 ? parseFfmpegVersion(run.stdout) : null))
    .catch(() => null);
  byPath.set(bin, asking);
  void asking.then((version) => {
    if (version === null) byPath.delete(bin);
  });
  return asking;
}
