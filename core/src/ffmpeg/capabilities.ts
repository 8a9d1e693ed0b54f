import { AppError } from '../../contract';
import { runToCompletion, type CompletedRun, type ProcessRunner } from './process';

/** What this ffmpeg build can do, as far as the capture arguments care. */
export interface FfmpegCapabilities {
  /** `5.1.9-0+deb12u1` from `ffmpeg version 5.1.9-0+deb12u1 Copyright ...`. */
  version: string;
  /** Option names (without the dash) of the http protocol: reconnect, rw_timeout is not here. */
  httpOptions: ReadonlySet<string>;
  /** Option names of the tcp protocol, which http(s) runs on (its `-timeout` bounds reads). */
  tcpOptions: ReadonlySet<string>;
  /** Option names of the rtmp protocol. */
  rtmpOptions: ReadonlySet<string>;
  /** Option names of the rtsp demuxer (or protocol, in builds that have one). */
  rtspOptions: ReadonlySet<string>;
  /** Input protocols this build was compiled with (`ffmpeg -protocols`). */
  inputProtocols: ReadonlySet<string>;
  /** The generic URLContext option `-rw_timeout` (µs). */
  rwTimeout: boolean;
  /** ffmpeg's `-stats_period` (how often `-progress` reports). */
  statsPeriod: boolean;
  /** The format option `-formatprobesize` (bytes read to detect the input format). */
  formatProbeSize: boolean;
  /** The Matroska muxer's `-cluster_time_limit` (ms of audio per cluster). */
  clusterTimeLimit: boolean;
}

/** Option names from `-h protocol=...` / `-h demuxer=...` style help text. */
export function parseOptionNames(help: string): Set<string> {
  const names = new Set<string>();
  for (const line of help.split('\n')) {
    // option lines: two spaces, a dash, the name, then the type in angle brackets
    const m = /^ {2}-([A-Za-z0-9_]+)\s+</.exec(line);
    if (m?.[1]) names.add(m[1]);
  }
  return names;
}

/** The version token after `ffmpeg version`, or `unknown`. */
export function parseVersion(text: string): string {
  const m = /ffmpeg version (\S+)/.exec(text);
  return m?.[1] ?? 'unknown';
}

/** The protocols under `Input:` in `ffmpeg -protocols`. */
export function parseInputProtocols(text: string): Set<string> {
  const protocols = new Set<string>();
  let inInput = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === 'Input:') inInput = true;
    else if (line === 'Output:') inInput = false;
    else if (inInput && /^[a-z0-9_]+$/.test(line)) protocols.add(line);
  }
  return protocols;
}

/** True when a `-h full` / `-h long` text lists the option `-name`. */
export function helpHasOption(help: string, name: string): boolean {
  return new RegExp(`^\\s*-${name}\\s`, 'm').test(help);
}

function notFound(ffmpegPath: string, detail: string): AppError {
  return new AppError(
    'FFMPEG_NOT_FOUND',
    `ffmpeg could not be run from "${ffmpegPath}" (${detail}). Install ffmpeg (e.g. apt-get install ffmpeg) or set FFMPEG_PATH to its full path.`,
  );
}

const cache = new Map<string, Promise<FfmpegCapabilities>>();

/** Forgets cached capabilities (tests; or after FFMPEG_PATH changed to a different binary). */
export function clearCapabilitiesCache(): void {
  cache.clear();
}

async function detect(runner: ProcessRunner, ffmpegPath: string): Promise<FfmpegCapabilities> {
  const run = (args: string[]): Promise<CompletedRun> =>
    runToCompletion(runner, ffmpegPath, args, { timeoutMs: 15_000 });
  const version = await run(['-version']);
  if (version.code !== 0) {
    const detail = version.stderr.trim().split('\n').slice(-1)[0] || `exit code ${version.code}`;
    throw notFound(ffmpegPath, detail);
  }
  const [http, tcp, rtmp, rtspDemuxer, rtspProtocol, protocols, full] = await Promise.all([
    run(['-hide_banner', '-h', 'protocol=http']),
    run(['-hide_banner', '-h', 'protocol=tcp']),
    run(['-hide_banner', '-h', 'protocol=rtmp']),
    run(['-hide_banner', '-h', 'demuxer=rtsp']),
    run(['-hide_banner', '-h', 'protocol=rtsp']),
    run(['-hide_banner', '-protocols']),
    run(['-hide_banner', '-h', 'full']),
  ]);
  const rtspOptions = parseOptionNames(rtspDemuxer.stdout);
  for (const name of parseOptionNames(rtspProtocol.stdout)) rtspOptions.add(name);
  return {
    version: parseVersion(version.stdout),
    httpOptions: parseOptionNames(http.stdout),
    tcpOptions: parseOptionNames(tcp.stdout),
    rtmpOptions: parseOptionNames(rtmp.stdout),
    rtspOptions,
    inputProtocols: parseInputProtocols(protocols.stdout),
    rwTimeout: helpHasOption(full.stdout, 'rw_timeout'),
    statsPeriod: helpHasOption(full.stdout, 'stats_period'),
    formatProbeSize: helpHasOption(full.stdout, 'formatprobesize'),
    clusterTimeLimit: helpHasOption(full.stdout, 'cluster_time_limit'),
  };
}

/**
 * Runs the ffmpeg at `ffmpegPath` a few times (`-version`, `-h ...`, `-protocols`) to learn its
 * version and the input options it supports. Cached per path; a failed detection is not cached.
 * Rejects with FFMPEG_NOT_FOUND when ffmpeg cannot be run.
 */
export function detectCapabilities(
  runner: ProcessRunner,
  ffmpegPath: string,
): Promise<FfmpegCapabilities> {
  let pending = cache.get(ffmpegPath);
  if (!pending) {
    pending = detect(runner, ffmpegPath);
    cache.set(ffmpegPath, pending);
    pending.catch(() => cache.delete(ffmpegPath));
  }
  return pending;
}
