import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsOfEachTest } from '../../test-support/temp-dir';
import { acquireInstanceLock, LOCK_FILE, realLockSystem, type LockSystem } from './instance-lock';

const newDir = tempDirsOfEachTest('asr-lock-');

function dataDir(): string {
  return join(newDir(), 'data');
}

/** A system where `running` lists the live pids, time moves only by sleeping. */
function fakeSystem(pid: number, running: Set<number>) {
  const exits: (() => void)[] = [];
  const clock = { now: 0 };
  const system: LockSystem = {
    pid,
    isRunning: (p) => running.has(p),
    startedAt: () => undefined,
    sleep: async (ms) => {
      clock.now += ms;
    },
    now: () => clock.now,
    onExit: (listener) => exits.push(listener),
  };
  return { system, exits, clock };
}

const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as unknown;

/** DATA_DIR held by server 100, which is stopping; 100 and 200 (the next server) are running. */
async function stoppingServer() {
  const dir = dataDir();
  const running = new Set([100, 200]);
  const first = await acquireInstanceLock(dir, {
    log: () => undefined,
    system: fakeSystem(100, running).system,
  });
  first.markStopping();
  return { dir, running };
}
describe('acquireInstanceLock', () => {
  it('takes DATA_DIR (creating it), names this process, and lets go when it exits', async () => {
    const dir = dataDir();
    const { system, exits } = fakeSystem(100, new Set([100]));
    const lock = await acquireInstanceLock(dir, { log: () => undefined, system });
    expect(lockOf(dir)).toEqual({ pid: 100, state: 'running' });
    expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    lock.markStopping();
    expect(lockOf(dir)).toEqual({ pid: 100, state: 'stopping' });
    for (const exit of exits) exit();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a start while another server runs on the same DATA_DIR, saying which', async () => {
    const dir = dataDir();
    const running = new Set([100, 200]);
    await acquireInstanceLock(dir, {
      log: () => undefined,
      system: fakeSystem(100, running).system,
    });
    await expect(
      acquireInstanceLock(dir, { log: () => undefined, system: fakeSystem(200, running).system }),
    ).rejects.toThrow(/DATA_DIR .* is in use by another Audio Stream Recorder \(pid 100\)/);
    expect(lockOf(dir)).toMatchObject({ pid: 100 });
  });

  it('waits for a server that is stopping, and takes over once it is gone', async () => {
    const { dir, running } = await stoppingServer();
    const logs: string[] = [];
    const second = fakeSystem(200, running);
    const original = second.system.sleep;
    second.system.sleep = async (ms) => {
      await original(ms);
      if (second.clock.now >= 3000) {
        running.delete(100); // the old server finished stopping (or died) after 3 s
      }
    };
    await acquireInstanceLock(dir, { log: (m) => logs.push(m), system: second.system });
    expect(lockOf(dir)).toEqual({ pid: 200, state: 'running' });
    expect(logs).toEqual([
      'Waiting for the previous Audio Stream Recorder (pid 100) to finish stopping...',
    ]);
    expect(second.clock.now).toBeGreaterThanOrEqual(3000);
  });

  it('gives up waiting after waitMs with what to do', async () => {
    const { dir, running } = await stoppingServer();
    await expect(
      acquireInstanceLock(dir, {
        log: () => undefined,
        waitMs: 5000,
        system: fakeSystem(200, running).system,
      }),
    ).rejects.toThrow(/\(pid 100\) is still stopping after 5 s.*kill 100/);
  });

  it('takes over a lock whose process is gone (killed with -9), or that cannot be read', async () => {
    const dir = dataDir();
    await acquireInstanceLock(dir, {
      log: () => undefined,
      system: fakeSystem(100, new Set([100])).system,
    });
    await acquireInstanceLock(dir, {
      log: () => undefined,
      system: fakeSystem(200, new Set([200])).system,
    });
    expect(lockOf(dir)).toMatchObject({ pid: 200 });
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    await acquireInstanceLock(dir, {
      log: () => undefined,
      system: fakeSystem(300, new Set([200, 300])).system,
    });
    expect(lockOf(dir)).toMatchObject({ pid: 300 });
  });
});

describe('realLockSystem', () => {
  it('knows this process (with its start time) from one that is gone or started at another time', () => {
    const started = realLockSystem.startedAt(process.pid);
    expect(realLockSystem.isRunning(process.pid, started)).toBe(true);
    expect(realLockSystem.isRunning(2 ** 22 + 1, undefined)).toBe(false);
    if (started !== undefined) {
      // a reused pid: the same number, another process
      expect(realLockSystem.isRunning(process.pid, `${Number(started) + 1}`)).toBe(false);
    }
  });
});
