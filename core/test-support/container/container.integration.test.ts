// The container image, for real: podman runs the image that scripts/test-container.sh built from
// the unchanged Dockerfile, on the host network, against a real Icecast and a real OpenSSH on
// loopback. Skipped unless ASR_CONTAINER_IMAGE names the image (npm run test:container sets it).
import { execFile } from 'node:child_process';
import { chmod, chown, copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../../contract';
import { apiFetch } from '../api-fetch';
import { freePort } from '../free-port';
import { startIcecast, type IcecastServer } from '../icecast';
import { startSshd, type SshdServer } from '../sshd';
import { waitUntil } from '../wait';

const execFileAsync = promisify(execFile);
const image = process.env.ASR_CONTAINER_IMAGE;

/** Where the image lets the app write: host folder name → mount point. */
const VOLUMES = ['data', 'recordings', 'config', 'logs', 'artwork'] as const;
/** The user the container is asked to run as (PUID/PGID); the folders start out owned by OTHER. */
const PUID = 2000;
const PGID = 2000;
const OTHER = 3000;
const LABEL = 'asr-test=container';
const API_KEY = 'container-test-api-key-0123456789';
const ADMIN_PASSWORD = 'container-test-password';
const RECORD_SECONDS = 6;

/** podman with the flags this machine needs (runc; lowered rlimits that its cgroup v1 accepts). */
async function podman(args: string[], timeoutMs = 120_000): Promise<string> {
  const { stdout } = await execFileAsync('podman', ['--runtime', 'runc', ...args], {
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

/** Like podman(), but never rejects: exit code and both outputs. */
async function podmanResult(
  args: string[],
  timeoutMs = 120_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync('podman', ['--runtime', 'runc', ...args], {
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    };
  }
}

const RUN_FLAGS = [
  '--network',
  'host',
  '--ulimit',
  'nofile=1024:1024',
  '--ulimit',
  'nproc=1024:1024',
  '--label',
  LABEL,
];

let work: string;
let ice: IcecastServer;
let sshd: SshdServer;
let port: number;
const containers: string[] = [];

const hostDir = (name: (typeof VOLUMES)[number]) => join(work, name);

/** `-v host:/app/<name>[:ro]` for the five volumes (`readOnly` names those mounted read-only). */
function volumeArgs(readOnly: string[] = []): string[] {
  return VOLUMES.flatMap((name) => [
    '-v',
    `${hostDir(name)}:/app/${name}${readOnly.includes(name) ? ':ro' : ''}`,
  ]);
}

/** `-e NAME=value` for each variable of `env`. */
function envArgs(env: Record<string, string | number>): string[] {
  return Object.entries(env).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
}

/** Starts the server container (detached) and returns its name. */
async function startContainer(name: string): Promise<string> {
  await podman([
    'run',
    '-d',
    '--name',
    name,
    ...RUN_FLAGS,
    ...volumeArgs(),
    // the SSH key folder the compose file suggests: read-only inside the config volume
    '-v',
    `${join(work, 'ssh')}:/app/config/ssh:ro`,
    ...envArgs({
      PUID,
      PGID,
      WEB_PORT: port,
      // loopback only (host network): nothing of the test listens on other addresses
      HOST: '127.0.0.1',
      API_KEY,
      ADMIN_PASSWORD,
      MIN_FREE_DISK_MB: 0,
      TZ: 'Europe/Berlin',
    }),
    image!,
  ]);
  containers.push(name);
  return name;
}

const logsOf = async (name: string) => {
  const r = await podmanResult(['logs', name]);
  return `${r.stdout}${r.stderr}`.slice(-6000);
};

/** Waits until the image's HEALTHCHECK passes (run on demand: no systemd timers here). */
async function waitHealthy(name: string): Promise<void> {
  await waitUntil(
    `container ${name} to be healthy`,
    async () => {
      const state = await podman(['inspect', '--format', '{{.State.Status}}', name]);
      if (state !== 'running') throw new Error(`container is ${state}:\n${await logsOf(name)}`);
      const check = await podmanResult(['healthcheck', 'run', name], 30_000);
      return check.code === 0;
    },
    { timeoutMs: 90_000, intervalMs: 1000 },
  ).catch(async (err: Error) => {
    throw new Error(`${err.message}\n--- container log:\n${await logsOf(name)}`);
  });
  expect(await podman(['inspect', '--format', '{{.State.Health.Status}}', name])).toBe('healthy');
}

async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const { status, text } = await apiFetch(`http://127.0.0.1:${port}`, API_KEY, method, path, body);
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status, body: parsed as T };
}

async function ffprobe(file: string): Promise<{
  format: { duration: string; tags?: Record<string, string> };
  streams: { codec_name: string }[];
}> {
  const { stdout } = await execFileAsync('ffprobe', [
    '-v',
    'error',
    '-show_format',
    '-show_streams',
    '-of',
    'json',
    file,
  ]);
  return JSON.parse(stdout);
}

if (!image) {
  throw new Error(
    'ASR_CONTAINER_IMAGE is not set: run the container test with `npm run test:container`.',
  );
}

describe(`the container image ${image}`, () => {
  let streamId: string;
  let destinationId: string;
  let sessionId: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'asr-container-'));
    // the volume folders belong to someone else at first: the entrypoint hands them to PUID
    for (const name of VOLUMES) {
      await mkdir(hostDir(name));
      await chown(hostDir(name), OTHER, OTHER);
    }
    [ice, sshd, port] = await Promise.all([startIcecast(), startSshd(), freePort()]);
    await ice.addMount('/live.mp3', { codec: 'mp3', name: 'Container FM' });
    // a key file for privateKeyPath, as docker-compose.yml mounts ./ssh (owned by PUID, 600)
    await mkdir(join(work, 'ssh'));
    await copyFile(sshd.privateKeyPath, join(work, 'ssh', 'id_ed25519'));
    await chmod(join(work, 'ssh', 'id_ed25519'), 0o600);
    await chown(join(work, 'ssh'), PUID, PGID);
    await chown(join(work, 'ssh', 'id_ed25519'), PUID, PGID);
  }, 120_000);

  afterAll(async () => {
    for (const name of containers) await podmanResult(['rm', '-f', '-t', '0', name]);
    await ice?.stop();
    await sshd?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it('starts healthy, as PUID/PGID under tini, and hands the volume folders to that user', async () => {
    const name = await startContainer(`asr-test-${process.pid}-a`);
    await waitHealthy(name);

    // tini is PID 1; node, its child, runs as PUID (podman top: host view of the user)
    const top = await podman(['top', name, 'pid', 'huser', 'args']);
    const lines = top.split('\n').slice(1);
    const tini = lines.find((l) => /\btini\b/.test(l));
    const node = lines.find((l) => /^\s*\d+\s+\S+\s+node dist\/server\/main\.js/.test(l));
    expect(tini, top).toMatch(/^\s*1\s/);
    expect(node, top).toBeDefined();
    expect(node!.trim().split(/\s+/)[1]).toBe(String(PUID));
    // real and effective ids of the server process, as the kernel has them
    const pid = node!.trim().split(/\s+/)[0]!;
    const ids = await podman([
      'exec',
      name,
      'sh',
      '-c',
      `grep -E '^(Uid|Gid):' /proc/${pid}/status`,
    ]);
    expect(ids).toMatch(new RegExp(`^Uid:\\s+${PUID}\\s+${PUID}\\s`, 'm'));
    expect(ids).toMatch(new RegExp(`^Gid:\\s+${PGID}\\s+${PGID}\\s`, 'm'));

    for (const dir of VOLUMES) {
      const s = await stat(hostDir(dir));
      expect({ dir, uid: s.uid, gid: s.gid }).toEqual({ dir, uid: PUID, gid: PGID });
    }
    const db = await stat(join(hostDir('data'), 'recorder.sqlite'));
    expect([db.uid, db.gid]).toEqual([PUID, PGID]);

    // the contract's health answer, and no access without the key
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/api/streams`)).status).toBe(401);

    // Debian's ffmpeg is the one the app found
    const system = await api<{ ffmpeg: { path: string; version: string } }>('GET', '/api/system');
    expect(system.status).toBe(200);
    expect(system.body.ffmpeg.path).toMatch(/ffmpeg$/);
    expect(system.body.ffmpeg.version).toBeTruthy();
  }, 180_000);

  it('records from Icecast and delivers the MP3 over SFTP', async () => {
    const dest = await api<{ id: string }>('POST', '/api/destinations', {
      name: 'Test sshd',
      host: '127.0.0.1',
      port: sshd.port,
      username: sshd.username,
      remoteDir: sshd.remoteRoot,
      privateKey: sshd.privateKey,
    });
    expect(dest.status, JSON.stringify(dest.body)).toBe(201);
    destinationId = dest.body.id;

    // a key mounted read-only under /app/config/ssh works as privateKeyPath
    const byPath = await api<{ id: string }>('POST', '/api/destinations', {
      name: 'Test sshd (key file)',
      host: '127.0.0.1',
      port: sshd.port,
      username: sshd.username,
      remoteDir: sshd.remoteRoot,
      privateKeyPath: '/app/config/ssh/id_ed25519',
    });
    expect(byPath.status, JSON.stringify(byPath.body)).toBe(201);
    const tested = await api<{ ok: boolean; error?: string }>(
      'POST',
      `/api/destinations/${byPath.body.id}/test`,
    );
    expect(tested.body, JSON.stringify(tested.body)).toMatchObject({ ok: true });

    const stream = await api<{ id: string }>('POST', '/api/streams', {
      name: 'Container FM',
      streamUrl: ice.url('/live.mp3'),
      artist: 'Container Artist',
      album: 'Container Album',
      albumArtist: 'Container Album Artist',
      destinationId,
    });
    expect(stream.status, JSON.stringify(stream.body)).toBe(201);
    streamId = stream.body.id;

    const started = await api<SessionDto>('POST', `/api/streams/${streamId}/record`, {
      durationSeconds: RECORD_SECONDS,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    sessionId = started.body.id;

    const session = await waitUntil(
      'the session to be recorded and delivered',
      async () => {
        const { body } = await api<SessionDto>('GET', `/api/sessions/${sessionId}`);
        if (body.status === 'FAILED' || body.transferStatus === 'FAILED') {
          throw new Error(`session failed: ${JSON.stringify(body)}`);
        }
        return body.status === 'COMPLETED' && body.transferStatus === 'COMPLETED' ? body : false;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}\n--- container log:\n${await logsOf(containers[0]!)}`);
    });

    expect(session.remotePath).toBeTruthy();
    const delivered = sshd.localPathOf(session.remotePath!);
    const probe = await ffprobe(delivered);
    expect(probe.streams[0]?.codec_name).toBe('mp3');
    expect(Number(probe.format.duration)).toBeGreaterThan(RECORD_SECONDS - 0.5);
    expect(Number(probe.format.duration)).toBeLessThan(RECORD_SECONDS + 0.5);
    expect(probe.format.tags?.artist).toBe('Container Artist');
    expect(probe.format.tags?.title).toMatch(/^\d{4}-\d{2}-\d{2} Container FM$/);
    expect((await stat(delivered)).size).toBe(session.fileSizeBytes);
  }, 180_000);

  it('stops cleanly on SIGTERM and keeps its configuration across a restart', async () => {
    const name = containers[0]!;
    const t0 = Date.now();
    await podman(['stop', '-t', '30', name], 60_000);
    const stoppedIn = Date.now() - t0;
    // tini passed SIGTERM to node, which stopped by itself (not killed after the timeout)
    expect(await podman(['inspect', '--format', '{{.State.ExitCode}}', name])).toBe('0');
    expect(stoppedIn).toBeLessThan(25_000);

    await podman(['start', name]);
    await waitHealthy(name);

    const destinations = await api<{ items: { id: string; name: string }[]; total: number }>(
      'GET',
      '/api/destinations',
    );
    expect(destinations.body.items.map((d) => d.id)).toContain(destinationId);
    const streams = await api<{ items: { id: string; streamUrl: string }[] }>(
      'GET',
      '/api/streams',
    );
    expect(streams.body.items).toContainEqual(
      expect.objectContaining({ id: streamId, streamUrl: ice.url('/live.mp3') }),
    );
    const session = await api<SessionDto>('GET', `/api/sessions/${sessionId}`);
    expect(session.body).toMatchObject({ status: 'COMPLETED', transferStatus: 'COMPLETED' });

    // and a new container on the same folders finds it all too
    await podman(['rm', '-f', '-t', '30', name], 60_000);
    const second = await startContainer(`asr-test-${process.pid}-b`);
    await waitHealthy(second);
    const again = await api<{ items: { id: string }[] }>('GET', '/api/streams');
    expect(again.body.items.map((s) => s.id)).toContain(streamId);
    await podman(['stop', '-t', '30', second], 60_000);
  }, 240_000);

  it('refuses to start when a volume is mounted read-only, naming the folder', async () => {
    const result = await podmanResult([
      'run',
      '--rm',
      ...RUN_FLAGS,
      ...volumeArgs(['recordings']),
      ...envArgs({ PUID, PGID, WEB_PORT: port }),
      image!,
    ]);
    const output = result.stdout + result.stderr;
    expect(result.code, output).toBe(78);
    expect(output).toContain('/app/recordings (RECORDINGS_DIR): mounted read-only');
    expect(output).toContain(`chown -R ${PUID}:${PGID}`);
  }, 120_000);

  it('refuses to start as a --user that cannot write a folder, and says how to fix it', async () => {
    await chown(hostDir('logs'), OTHER, OTHER);
    try {
      const result = await podmanResult([
        'run',
        '--rm',
        ...RUN_FLAGS,
        '--user',
        `${PUID}:${PGID}`,
        ...volumeArgs(),
        ...envArgs({ WEB_PORT: port }),
        image!,
      ]);
      const output = result.stdout + result.stderr;
      expect(result.code, output).toBe(78);
      expect(output).toContain(`/app/logs (LOGS_DIR): owned by ${OTHER}:${OTHER}`);
      expect(output).toContain(`chown -R ${PUID}:${PGID} <host folder>`);
      expect(output).not.toContain('/app/data (DATA_DIR)');
    } finally {
      await chown(hostDir('logs'), PUID, PGID);
    }
  }, 120_000);
});
