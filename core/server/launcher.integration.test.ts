// `npm start`'s launcher (scripts/start.mjs) as a supervisor or a terminal meets it: real
// processes in their own process groups, recording from a real Icecast. SIGKILL to the
// launcher's group leaves no server behind: the server stops cleanly by itself (its IPC channel
// to the launcher closed), the port is free at once, and a start right away waits for the old
// server to finish and then serves the recording it ended. Ctrl-C (SIGINT to the launcher's
// whole group, as a terminal sends it) reaches the server once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../contract';
import { runToCompletion, spawnRunner } from '../src/ffmpeg/process';
import { buildServerOnce } from '../test-support/build-once';
import { freePort, isPortClosed } from '../test-support/free-port';
import { serverEnv } from '../test-support/server-env';
import { startIcecast, type IcecastServer } from '../test-support/icecast';
import { sleep, waitForHealthy, waitUntil } from '../test-support/wait';
import { LOCK_FILE, realLockSystem } from './startup/instance-lock';

const repoRoot = resolve(import.meta.dirname, '../..');
const API_KEY = 'launcher-test-api-key-0123456789';
const K = { 'x-api-key': API_KEY };

let icecast: IcecastServer;
let dir: string;
let dataDir: string;
let port: number;
let base: string;

interface Launched {
  child: ChildProcess;
  output(): string;
  /** Resolves with the launcher's exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves when the output pipes closed: every process holding them (the server) is gone. */
  outputClosed: Promise<void>;
}

const launched: Launched[] = [];
const serverPids = new Set<number>();

/** `node scripts/start.mjs` in a process group of its own, as a supervisor starts it. */
function launch(): Launched {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnv({
      TZ: 'Europe/Berlin',
      WEB_PORT: String(port),
      DATA_DIR: dataDir,
      API_KEY,
      ADMIN_PASSWORD: 'launcher test password',
      // no web UI build for this test: the server shows its placeholder page
      RENDERER_DIR: join(dir, 'no-ui'),
    }),
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString('utf8');
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const outputClosed = Promise.all([
    new Promise<void>((r) => child.stdout!.once('close', () => r())),
    new Promise<void>((r) => child.stderr!.once('close', () => r())),
  ]).then(() => undefined);
  const entry = { child, output: () => out, exited, outputClosed };
  launched.push(entry);
  return entry;
}

/** The server process: the launcher's only child (Linux /proc). */
function serverPid(launcher: Launched): number {
  const pid = launcher.child.pid!;
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
  );
  expect(children).toHaveLength(1);
  const server = Number(children[0]);
  serverPids.add(server);
  return server;
}

const isRunning = (pid: number) => realLockSystem.isRunning(pid, undefined);

async function healthy(proc: Launched, timeoutMs?: number): Promise<void> {
  await waitForHealthy(
    base,
    () => {
      const code = proc.child.exitCode;
      return code === null ? undefined : `launcher exited ${code}: ${proc.output()}`;
    },
    timeoutMs,
  );
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? K : { ...K, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

beforeAll(async () => {
  // the bundle start.mjs runs (it builds it only when older than the sources)
  buildServerOnce();
  dir = mkdtempSync(join(tmpdir(), 'asr-launcher-'));
  dataDir = join(dir, 'data');
  icecast = await startIcecast();
  await icecast.addMount('/live.mp3', { codec: 'mp3', bitrateKbps: 128, name: 'Launcher FM' });
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  // whatever a failed test left: launchers' groups, then the servers (own groups) themselves
  for (const l of launched) {
    if (l.child.exitCode === null && l.child.signalCode === null) {
      try {
        process.kill(-l.child.pid!, 'SIGTERM');
      } catch {
        // gone
      }
    }
  }
  for (const pid of serverPids) {
    if (!isRunning(pid)) continue;
    process.kill(pid, 'SIGTERM');
    await waitUntil('server gone', () => !isRunning(pid), { timeoutMs: 30_000 }).catch(() =>
      process.kill(pid, 'SIGKILL'),
    );
  }
  await icecast?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let streamId: string | undefined;

/** Starts a 5-minute recording and answers once a few seconds of audio are on disk. */
async function recordSomeSeconds(proc: Launched): Promise<SessionDto> {
  streamId ??= (
    await api<{ id: string }>('POST', '/api/streams', {
      name: 'Launcher FM',
      streamUrl: icecast.url('/live.mp3'),
      artist: 'Artist',
      album: 'Album',
      albumArtist: 'Album Artist',
    })
  ).id;
  const session = await api<SessionDto>('POST', `/api/streams/${streamId}/record`, {
    durationSeconds: 300,
  });
  await waitUntil(
    'recording',
    async () =>
      (await api<SessionDto>('GET', `/api/sessions/${session.id}`)).status === 'RECORDING',
    { timeoutMs: 30_000 },
  );
  const before = proc.output().match(/Audio is arriving/g)?.length ?? 0;
  await waitUntil(
    'audio',
    () => (proc.output().match(/Audio is arriving/g)?.length ?? 0) > before,
    { timeoutMs: 60_000 },
  );
  await sleep(3000);
  return session;
}

/** Waits until `id` is COMPLETED or FAILED, and downloads its audio; answers both. */
async function settled(id: string): Promise<{ session: SessionDto; file: string }> {
  const session = await waitUntil(
    'session settled',
    async () => {
      const s = await api<SessionDto>('GET', `/api/sessions/${id}`);
      return s.status === 'COMPLETED' || s.status === 'FAILED' ? s : undefined;
    },
    { timeoutMs: 60_000 },
  );
  const file = join(dir, `${id}.mp3`);
  if (session.status === 'COMPLETED') {
    const audio = await fetch(`${base}/api/sessions/${id}/audio`, { headers: K });
    expect(audio.status).toBe(200);
    writeFileSync(file, Buffer.from(await audio.arrayBuffer()));
  }
  return { session, file };
}

async function decodeErrors(file: string): Promise<string> {
  const run = await runToCompletion(spawnRunner, 'ffmpeg', [
    ...['-v', 'error', '-i', file, '-f', 'null', '-'],
  ]);
  return `${run.code === 0 ? '' : `exit ${run.code}\n`}${run.stderr}`;
}

/**
 * The recording `id`, ended at the latest at `endedBy` (a clean stop's kill, or a crash's recovery),
 * settles as a complete MP3 (`expected` adds to what it is) holding the audio up to then (3 s past
 * the first audio at least), nothing later.
 */
async function expectRecordedUntilKill(
  id: string,
  endedBy: number,
  expected: Partial<SessionDto>,
  log: string,
): Promise<void> {
  const { session: done, file } = await settled(id);
  expect(done, `${done.errorMessage}\n${log}`).toMatchObject({
    status: 'COMPLETED',
    transferStatus: 'SKIPPED',
    ...expected,
  });
  const recorded = (endedBy - Date.parse(done.startTime)) / 1000;
  expect(done.durationSeconds).toBeGreaterThan(2.5);
  expect(done.durationSeconds).toBeLessThan(recorded + 5);
  expect(await decodeErrors(file)).toBe('');
}

/** A supervisor's SIGTERM to the launcher's group: forwarded once, a clean stop (exit 0). */
async function stopGroup(proc: Launched): Promise<void> {
  process.kill(-proc.child.pid!, 'SIGTERM');
  expect(await proc.exited).toBe(0);
  await proc.outputClosed;
}

/** A launcher started and serving: it and the pid of its server. */
async function launchServing(): Promise<{ launched: Launched; server: number }> {
  const launched = launch();
  await healthy(launched);
  return { launched, server: serverPid(launched) };
}

describe('npm start launcher', () => {
  it('SIGKILL to its process group: the server stops cleanly, the port is free within 3 s, a new start serves the recording', async () => {
    const { launched: first, server: oldServer } = await launchServing();

    const session = await recordSomeSeconds(first);

    const killedAt = Date.now();
    process.kill(-first.child.pid!, 'SIGKILL');
    await waitUntil('port free', () => isPortClosed(port), { timeoutMs: 10_000, intervalMs: 25 });
    const freeAfterMs = Date.now() - killedAt;
    console.log(`port free ${freeAfterMs} ms after SIGKILL to the launcher's group`);
    expect(freeAfterMs).toBeLessThan(3000);
    expect(await first.exited).toBeNull(); // the launcher itself died of SIGKILL

    // a start right away: it waits for the old server, which ends the recording and exits
    const second = launch();
    try {
      await healthy(second);
      // the new server started after the old one let go of DATA_DIR, i.e. finished its stop
      await first.outputClosed;
      await waitUntil('old server gone', () => !isRunning(oldServer), { timeoutMs: 10_000 });
      const oldLog = first.output();
      expect(oldLog).toMatch(/The launcher ended: stopping \(recordings are ended cleanly/);
      expect(oldLog).toMatch(/Stopped\./);
      expect(second.output()).not.toMatch(/cannot start/);
      const newServer = serverPid(second);
      expect(newServer).not.toBe(oldServer);
      // DATA_DIR names the server that uses it
      const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number };
      expect(lock.pid).toBe(newServer);

      // the recording was ended where the launcher died and is a complete MP3, as after any stop
      await expectRecordedUntilKill(session.id, killedAt, {}, `${oldLog}\n${second.output()}`);
    } finally {
      await stopGroup(second);
    }
  });

  it('launcher and server killed with -9 (a crash): a new start takes DATA_DIR over and recovers the recording', async () => {
    const { launched: first, server } = await launchServing();
    const session = await recordSomeSeconds(first);
    process.kill(server, 'SIGKILL');
    process.kill(-first.child.pid!, 'SIGKILL');
    await waitUntil('port free', () => isPortClosed(port), { timeoutMs: 10_000, intervalMs: 25 });
    // the killed server's lock is still there: it is taken over, not taken for a live server
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: server,
    });

    const second = launch();
    try {
      await healthy(second);
      // the killed server's ffmpeg is an orphan that records on until the new server's crash
      // recovery stops it (before the server answers): that, not the kill, ends the audio
      const recoveredBy = Date.now();
      expect(second.output()).not.toMatch(/cannot start|in use by another/);
      await expectRecordedUntilKill(session.id, recoveredBy, { partial: true }, second.output());
    } finally {
      await stopGroup(second);
    }
  });

  it('Ctrl-C (SIGINT to the launcher`s whole group) reaches the server once: a clean stop, exit 0', async () => {
    const { launched: proc, server } = await launchServing();
    process.kill(-proc.child.pid!, 'SIGINT');
    expect(await proc.exited).toBe(0);
    await proc.outputClosed;
    expect(isRunning(server)).toBe(false);
    const log = proc.output();
    expect(log.match(/SIGINT: stopping/g)).toHaveLength(1);
    expect(log).not.toMatch(/again: exiting now/);
    expect(log).toMatch(/Stopped\./);
  });
});
