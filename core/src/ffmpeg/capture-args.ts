import { PROGRESS_PERIOD_MS } from '../recorder/part-progress';
import { protocolWhitelist, sourceFamily } from '../recorder/url-policy';
import type { FfmpegCapabilities } from './capabilities';

export interface CaptureArgsInput {
  /** A URL that passed assertNetworkUrl (and playlist resolution). */
  url: string;
  caps: FfmpegCapabilities;
  /** The part file to write (Matroska audio, `.mka`); never overwritten (`-n`). */
  outputPath: string;
  userAgent?: string;
  /**
   * ffmpeg gives up on a read or connect that hangs this long (default 5 s) and ends cleanly.
   * This is what ends a stalled part with a finalized file: once ffmpeg runs, neither `q` nor a
   * single SIGTERM interrupts a blocked read (ffmpeg 5 needs a second signal for that).
   */
  ioTimeoutSeconds?: number;
  /** How often `-progress` reports, when the build supports `-stats_period` (default 2 s). */
  statsPeriodSeconds?: number;
}

/** Bytes ffmpeg may read to detect the format of an http(s) stream (its default is 1 MiB). */
export const FORMAT_PROBE_BYTES = 32_768;

/** Milliseconds of audio per Matroska cluster. */
const CLUSTER_MS = 1000;

/**
 * Seconds at the head of an http(s) connection that are left out of its part. A server's
 * connect burst starts anywhere inside a frame, and ffmpeg's ADTS (AAC) reader takes the first
 * 12-bit sync word it meets for a frame header: now and then (measured: ~3 connections in 100 to
 * an Icecast AAC mount) a false one, e.g. "22050 Hz, 3 channels". The Matroska muxer takes the
 * stream's configuration from the first packet it is given and writes it into the part when the
 * part is finalized: then nothing of the part decodes. Packets before this time never reach the
 * muxer (a stream copy compares each packet's time), so the misread head stays out; it is the
 * head of the burst, which the processing cuts anyway.
 */
export const HEAD_DROP_SECONDS = 0.1;

function httpInputOptions(input: CaptureArgsInput, timeoutUs: string): string[] {
  const { caps } = input;
  const has = (name: string) => caps.httpOptions.has(name);
  const args: string[] = [];
  // No -reconnect/-reconnect_streamed/-reconnect_on_network_error: ffmpeg would reconnect inside
  // the same part and append the server's new burst, so media time would no longer match the
  // wall clock and the gap would go unseen. One connection is one part; the recorder reconnects.
  if (caps.rwTimeout) args.push('-rw_timeout', timeoutUs);
  // http reads block in tcp, where only tcp's own -timeout (µs) ends a silent connection
  if (!has('timeout') && caps.tcpOptions.has('timeout')) args.push('-timeout', timeoutUs);
  if (input.userAgent && has('user_agent')) args.push('-user_agent', input.userAgent);
  // An Icecast burst does not start on an MP3 frame boundary, and then ffmpeg's format probe
  // reads 128 KB (8 s of a 128 kb/s stream) before any output: 32 KB detects MP3 as well.
  if (caps.formatProbeSize) args.push('-formatprobesize', String(FORMAT_PROBE_BYTES));
  return args;
}

function rtmpInputOptions(input: CaptureArgsInput, timeoutUs: string): string[] {
  // rtmp's own -timeout means "listen for an incoming connection": never pass it.
  const args = input.caps.rwTimeout ? ['-rw_timeout', timeoutUs] : [];
  // FLV announces no streams up front: ffmpeg would watch 5 s of it for a video stream
  // before writing anything; 1 s finds the audio as well.
  args.push('-analyzeduration', '1000000');
  return args;
}

function rtspInputOptions(input: CaptureArgsInput, timeoutUs: string): string[] {
  const { caps } = input;
  const has = (name: string) => caps.rtspOptions.has(name);
  const args: string[] = [];
  if (has('rtsp_transport')) args.push('-rtsp_transport', 'tcp');
  // ffmpeg < 5: -stimeout is the socket timeout (µs) and -timeout means listen. ffmpeg >= 5:
  // -timeout is the socket timeout and -listen_timeout the listen one.
  if (has('stimeout')) args.push('-stimeout', timeoutUs);
  else if (has('timeout') && has('listen_timeout')) args.push('-timeout', timeoutUs);
  if (input.userAgent && has('user_agent')) args.push('-user_agent', input.userAgent);
  return args;
}

/**
 * ffmpeg arguments that capture one part: the first audio stream of `url`, stream-copied into a
 * Matroska file (an http connection without its first HEAD_DROP_SECONDS). No `-t`: the recorder ends the part by wall clock (`q` on stdin, which is why
 * `-nostdin` is not passed). `-progress pipe:1` reports on stdout so stalls can be detected.
 */
export function buildCaptureArgs(input: CaptureArgsInput): string[] {
  const { caps, url } = input;
  const timeoutUs = String(Math.round((input.ioTimeoutSeconds ?? 5) * 1_000_000));
  const family = sourceFamily(url);
  const inputOptions =
    family === 'http'
      ? httpInputOptions(input, timeoutUs)
      : family === 'rtmp'
        ? rtmpInputOptions(input, timeoutUs)
        : rtspInputOptions(input, timeoutUs);
  return [
    ...['-hide_banner', '-loglevel', 'warning', '-nostats', '-n'],
    ...['-progress', 'pipe:1'],
    ...(caps.statsPeriod
      ? ['-stats_period', String(input.statsPeriodSeconds ?? PROGRESS_PERIOD_MS / 1000)]
      : []),
    ...inputOptions,
    ...['-protocol_whitelist', protocolWhitelist(url)],
    ...['-i', url],
    ...['-map', '0:a:0', '-c', 'copy'],
    ...(family === 'http' ? ['-ss', String(HEAD_DROP_SECONDS)] : []),
    // 1-s clusters written out at once: a part whose ffmpeg had to be killed loses at most ~1 s
    ...(caps.clusterTimeLimit ? ['-cluster_time_limit', String(CLUSTER_MS)] : []),
    ...['-flush_packets', '1', '-f', 'matroska', input.outputPath],
  ];
}
