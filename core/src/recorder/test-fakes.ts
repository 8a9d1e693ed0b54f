/**
 * Fakes for the recorder's unit tests: a clock whose time only moves when the test says so, and a
 * ProcessRunner whose "ffmpeg" follows a script on that clock. Test-only code.
 */
import {
  BoundedLog,
  type ExitInfo,
  type ProcessRunner,
  type RunningProcess,
  type StartOptions,
  type StopOptions,
} from '../ffmpeg/process';
import { TestClock } from '../ports/test-clock';

/** The shared fake clock, starting at 2026-11-24 06:00 UTC unless told. */
export class FakeClock extends TestClock {
  constructor(start = Date.UTC(2026, 10, 24, 6, 0, 0)) {
    super(start);
  }
}

/** How one fake ffmpeg run behaves; times are ms after its start. */
export interface FakeBehaviour {
  /** Audio starts to arrive (never when undefined). */
  audioAfterMs?: number;
  /** Media seconds delivered at once when audio starts (the server's burst). */
  burstSeconds?: number;
  /** Media stops advancing; the process stays up. */
  stallAfterMs?: number;
  /** Media pauses, then resumes: with the audio of the pause (delivered late) or without it. */
  pause?: { atMs: number; forMs: number; skipped: boolean };
  /** The process ends by itself. */
  exitAfterMs?: number;
  exitCode?: number;
  stderr?: string;
  /** `q` is ignored: stop() has to escalate to SIGTERM after its grace. */
  ignoreQ?: boolean;
  /** Media ffmpeg still writes out when it ends by itself (buffered packets). */
  flushOnExitSeconds?: number;
}

export class FakeProcess implements RunningProcess {
  readonly pid = 4242;
  readonly stderr = new BoundedLog();
  readonly exited: Promise<ExitInfo>;
  readonly spawnedAt: number;
  stopCalls = 0;
  stopRequestedAt: number | undefined;
  signals: string[] = [];
  private done = false;
  private resolveExit!: (e: ExitInfo) => void;
  private lastOut = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly behaviour: FakeBehaviour,
    private readonly options: StartOptions,
  ) {
    this.spawnedAt = clock.now();
    this.exited = new Promise((r) => (this.resolveExit = r));
    if (behaviour.stderr) this.stderr.push(behaviour.stderr);
    void this.live();
  }

  get hasExited(): boolean {
    return this.done;
  }

  /** Media seconds written so far. */
  get mediaSeconds(): number {
    return this.lastOut;
  }

  private emit(progress: 'continue' | 'end'): void {
    const us = Math.round(this.lastOut * 1_000_000);
    this.options.onStdout?.(
      `total_size=${Math.round(this.lastOut * 16000)}\nout_time_us=${us}\nout_time_ms=${us}\nprogress=${progress}\n`,
    );
  }

  private async live(): Promise<void> {
    const b = this.behaviour;
    while (!this.done) {
      await this.clock.sleep(100);
      if (this.done) return;
      const t = this.clock.now() - this.spawnedAt;
      if (b.exitAfterMs !== undefined && t >= b.exitAfterMs) {
        if (b.flushOnExitSeconds && this.lastOut > 0) {
          this.lastOut += b.flushOnExitSeconds;
          this.emit('continue');
        }
        this.end({ code: b.exitCode ?? 1, signal: null });
        return;
      }
      const audioAfter = b.audioAfterMs;
      if (audioAfter === undefined || t < audioAfter) continue;
      let until = b.stallAfterMs !== undefined ? Math.min(t, b.stallAfterMs) : t;
      const p = b.pause;
      if (p && until >= p.atMs) {
        if (until < p.atMs + p.forMs) until = p.atMs;
        else if (p.skipped) until -= p.forMs;
      }
      const out = (b.burstSeconds ?? 0) + Math.max(0, until - audioAfter) / 1000;
      if (out > this.lastOut || this.lastOut === 0) {
        this.lastOut = Math.max(out, 0.026);
        this.emit('continue');
      }
    }
  }

  private end(info: ExitInfo): void {
    if (this.done) return;
    this.done = true;
    if (this.lastOut > 0) this.emit('end');
    this.resolveExit(info);
  }

  async stop(options: StopOptions = {}): Promise<ExitInfo> {
    this.stopCalls += 1;
    this.stopRequestedAt ??= this.clock.now();
    if (this.done) return this.exited;
    if (!this.behaviour.ignoreQ) {
      this.end({ code: 0, signal: null });
      return this.exited;
    }
    await this.clock.sleep(options.graceMs ?? 5000);
    this.signals.push('SIGTERM');
    this.end({ code: 255, signal: null });
    return this.exited;
  }

  kill(): void {
    this.signals.push('SIGKILL');
    this.end({ code: null, signal: 'SIGKILL' });
  }
}

export interface FakeSpawn {
  bin: string;
  args: readonly string[];
  at: number;
  proc: FakeProcess;
}

/** A ProcessRunner whose n-th start (0-based) behaves as `script(n, args)` says. */
export class FakeRunner implements ProcessRunner {
  readonly spawns: FakeSpawn[] = [];

  constructor(
    private readonly clock: FakeClock,
    private readonly script: (n: number, args: readonly string[]) => FakeBehaviour,
  ) {}

  start(bin: string, args: readonly string[], options: StartOptions = {}): RunningProcess {
    const proc = new FakeProcess(this.clock, this.script(this.spawns.length, args), options);
    this.spawns.push({ bin, args, at: this.clock.now(), proc });
    return proc;
  }

  /** The `-i` argument of each start. */
  get inputs(): string[] {
    return this.spawns.map((s) => s.args[s.args.indexOf('-i') + 1] ?? '');
  }
}
