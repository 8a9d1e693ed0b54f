// Shared by the processor's unit tests: a scripted ProcessRunner that never spawns anything.
import {
  BoundedLog,
  type ExitInfo,
  type ProcessRunner,
  type RunningProcess,
} from '../ffmpeg/process';

export interface FakeCall {
  bin: string;
  args: readonly string[];
}

export interface FakeReply {
  code?: number;
  stdout?: string;
  stderr?: string;
}

/**
 * A runner whose programs answer with `script(call)` (sync or async, so a fake ffmpeg can write
 * its output file first). Every call is recorded in `calls`.
 */
export function fakeRunner(
  script: (call: FakeCall) => FakeReply | Promise<FakeReply>,
): ProcessRunner & { calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  return {
    calls,
    start(bin, args, options = {}) {
      const call = { bin, args: [...args] };
      calls.push(call);
      const stderr = new BoundedLog(options.stderrLimit);
      let done = false;
      const exited: Promise<ExitInfo> = (async () => {
        const reply = await script(call);
        if (reply.stdout) options.onStdout?.(reply.stdout);
        if (reply.stderr) {
          stderr.push(reply.stderr);
          options.onStderr?.(reply.stderr);
        }
        done = true;
        return { code: reply.code ?? 0, signal: null };
      })();
      const proc: RunningProcess = {
        pid: 4242,
        exited,
        stderr,
        get hasExited() {
          return done;
        },
        stop: () => exited,
        kill: () => undefined,
      };
      return proc;
    },
  };
}

/** ffprobe's JSON for one audio stream. */
export function probeJson(opts: {
  formatName?: string;
  duration?: number;
  codec?: string;
  sampleRate?: number;
  channels?: number;
  bitRate?: number;
  profile?: string;
}): string {
  return JSON.stringify({
    format: {
      format_name: opts.formatName ?? 'matroska,webm',
      ...(opts.duration === undefined ? {} : { duration: opts.duration.toFixed(6) }),
    },
    streams: [
      {
        codec_type: 'audio',
        codec_name: opts.codec ?? 'mp3',
        sample_rate: String(opts.sampleRate ?? 44100),
        channels: opts.channels ?? 2,
        ...(opts.bitRate ? { bit_rate: String(opts.bitRate) } : {}),
        ...(opts.profile ? { profile: opts.profile } : {}),
      },
    ],
  });
}

/** The input of a probe call (ffprobe puts it last). */
export const lastArg = (call: FakeCall): string => call.args[call.args.length - 1] ?? '';
