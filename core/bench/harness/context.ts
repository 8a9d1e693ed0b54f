// What every benchmark gets: the mode, a temp folder, and the real servers, started on demand
// and shared (one Icecast with its ffmpeg feeders, one OpenSSH server).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIcecast, type IcecastServer, type MountOptions } from '../../test-support/icecast';
import { startSshd, type SshdServer } from '../../test-support/sshd';
import { sleep } from '../../test-support/wait';
import type { Row } from './table';

export interface BenchContext {
  readonly quick: boolean;
  /** A folder of this run's own, removed at the end. */
  readonly tmp: string;
  log(message: string): void;
  /** Icecast with a live feeder on `mount`; resolves once its 64 KB burst buffer has filled. */
  mount(mount: string, options: MountOptions): Promise<IcecastServer>;
  /** Stops Icecast and its feeders (their CPU would disturb the next benchmarks). */
  stopIcecast(): Promise<void>;
  sshd(): Promise<SshdServer>;
}

export interface BenchOutcome {
  rows: Row[];
  raw: Record<string, unknown>;
  /** Set when part of the benchmark could not run: the run fails, the rows it has are kept. */
  error?: string;
}

export interface Benchmark {
  /** What `--only=` selects. */
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}

export async function createContext(
  quick: boolean,
  log: (m: string) => void,
): Promise<BenchContext & { dispose(): Promise<void> }> {
  const tmp = await mkdtemp(join(tmpdir(), 'asr-bench-'));
  let icecast: Promise<IcecastServer> | undefined;
  let sshd: Promise<SshdServer> | undefined;
  const mounts = new Map<string, Promise<void>>();
  const stopIcecast = async () => {
    const running = icecast;
    icecast = undefined;
    mounts.clear();
    if (running) await (await running.catch(() => undefined))?.stop();
  };
  return {
    quick,
    tmp,
    log,
    async mount(mount, options) {
      icecast ??= startIcecast({ maxClients: 400, maxSources: 40 });
      const server = await icecast;
      let ready = mounts.get(mount);
      if (!ready) {
        // let the burst buffer fill (about 4 s at 128 kb/s), as on a station that is on air
        ready = server.addMount(mount, options).then(() => sleep(4500));
        mounts.set(mount, ready);
      }
      await ready;
      return server;
    },
    stopIcecast,
    sshd() {
      sshd ??= startSshd();
      return sshd;
    },
    async dispose() {
      await stopIcecast();
      const s = sshd;
      sshd = undefined;
      if (s) await (await s.catch(() => undefined))?.dispose();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
