// Secrets at rest and in logs, through the built server as users run it: a generated admin
// password, a passphrase-protected key used for a real transfer to OpenSSH's sshd, and a stream URL
// with credentials recorded from a real Icecast. None of them may reach a log file, /api/logs,
// the sessions' messages or the server's output (but the password's one line on stdout), and the
// files that hold secrets are the owner's only.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry, SessionDto } from '../contract';
import { buildServerOnce } from '../test-support/build-once';
import { startBuiltServer, type BuiltServer } from '../test-support/built-server';
import { startIcecast, type IcecastServer } from '../test-support/icecast';
import type { TrackedChild } from '../test-support/processes';
import { serverEnv } from '../test-support/server-env';
import { startSshd, type SshdServer } from '../test-support/sshd';
import { tempDirForFile } from '../test-support/temp-dir';
import { waitUntil } from '../test-support/wait';

const API_KEY = 'secrets-test-api-key-0123456789abcdef';
const K = { 'x-api-key': API_KEY };
/** The password of the stream URL: it must never be seen outside the stream's own record. */
const URL_SECRET = 'listener-pw-7f3a9c';

let icecast: IcecastServer;
let sshd: SshdServer;
let root: string;
let dataDir: string;
let configDir: string;
let logsDir: string;
let base: string;
let server: TrackedChild;
let served: BuiltServer;
let password = '';

const mode = (path: string) => statSync(path).mode & 0o777;

async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = K,
): Promise<{ status: number; json: T; text: string }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T, text };
}

async function finished(id: string, timeoutMs = 60_000): Promise<SessionDto> {
  return waitUntil(
    `session ${id} finished`,
    async () => {
      const s = (await api<SessionDto>('GET', `/api/sessions/${id}`)).json;
      const settled =
        s.status === 'FAILED' ||
        s.transferStatus === 'FAILED' ||
        (s.status === 'COMPLETED' && ['COMPLETED', 'FAILED', 'SKIPPED'].includes(s.transferStatus));
      return settled ? s : undefined;
    },
    { timeoutMs, intervalMs: 250 },
  );
}

/** Every file under `dir` (recursively), as text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { path, text: readFileSync(path).toString('latin1') };
    });
}

tempDirForFile('asr-secrets-', (made) => (root = made));

beforeAll(async () => {
  buildServerOnce();
  dataDir = join(root, 'data');
  configDir = join(dataDir, 'config');
  logsDir = join(dataDir, 'logs');
  // as an older version left them: readable by everyone
  mkdirSync(logsDir, { recursive: true, mode: 0o755 });
  chmodSync(dataDir, 0o755);
  chmodSync(logsDir, 0o755);
  writeFileSync(join(logsDir, 'recorder.log'), '', { mode: 0o644 });
  chmodSync(join(logsDir, 'recorder.log'), 0o644);

  [icecast, sshd] = await Promise.all([startIcecast(), startSshd()]);
  await icecast.addMount('/live.mp3', { codec: 'mp3', bitrateKbps: 128 });
  // the passphrase-protected key, mounted where the rule wants key files: inside CONFIG_DIR
  mkdirSync(join(configDir, 'ssh'), { recursive: true });
  writeFileSync(join(configDir, 'ssh', 'id_rsa'), sshd.encryptedKey.privateKey, { mode: 0o600 });

  served = await startBuiltServer(
    serverEnv({
      LOG_LEVEL: 'debug', // everything the app would ever log
      CLEANUP_AFTER_TRANSFER: 'false', // the local recording stays, to check its mode
      DATA_DIR: dataDir,
      API_KEY, // no ADMIN_PASSWORD: one is generated
    }),
  );
  ({ base, process: server } = served);
  password = /generated for the web UI: (\S+) /.exec(served.stdout)?.[1] ?? '';
});

afterAll(async () => {
  await server?.stop(30_000);
  await Promise.allSettled([icecast?.stop(), sshd?.dispose()]);
});

describe('secrets at rest and in logs', () => {
  it('a run with all of them leaks none, and the files that hold them are the owner’s only', async () => {
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const login = await api('POST', '/api/auth/login', { password }, {});
    expect(login.status).toBe(200);

    // a destination with a passphrase-protected key file inside CONFIG_DIR
    const dest = await api<{ id: string; hasPassphrase: boolean }>('POST', '/api/destinations', {
      name: 'Secret SFTP',
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      remoteDir: sshd.remoteRoot,
      privateKeyPath: join(configDir, 'ssh', 'id_rsa'),
      passphrase: sshd.encryptedKey.passphrase,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
    });
    expect(dest.status).toBe(201);
    expect(dest.json.hasPassphrase).toBe(true);
    // and one pointing at the server's own host key: refused, saying nothing about it
    const hostKey = await api<{ error: { message: string } }>('POST', '/api/destinations', {
      name: 'Host key',
      host: sshd.host,
      username: sshd.username,
      remoteDir: sshd.remoteRoot,
      privateKeyPath: '/etc/ssh/ssh_host_ed25519_key',
    });
    const missing = await api<{ error: { message: string } }>('POST', '/api/destinations', {
      name: 'Missing',
      host: sshd.host,
      username: sshd.username,
      remoteDir: sshd.remoteRoot,
      privateKeyPath: '/etc/ssh/no_such_key',
    });
    expect(hostKey.status).toBe(400);
    expect(hostKey.json).toEqual(missing.json);

    // a stream whose URL carries credentials (Icecast lets the listener in), and one whose mount
    // does not exist, so that the URL lands in error messages
    const withCredentials = (mount: string) =>
      icecast.url(mount).replace('http://', `http://listener:${URL_SECRET}@`);
    const stream = await api<{ id: string; streamUrl: string }>('POST', '/api/streams', {
      name: 'Secret FM',
      streamUrl: withCredentials('/live.mp3'),
      artist: 'Artist',
      album: 'Album',
      albumArtist: 'Album Artist',
      destinationId: dest.json.id,
    });
    expect(stream.status).toBe(201);
    // the user's own data: the URL stays whole for them (and for ffmpeg)
    expect(stream.json.streamUrl).toBe(withCredentials('/live.mp3'));
    const broken = await api<{ id: string }>('POST', '/api/streams', {
      name: 'Broken FM',
      streamUrl: withCredentials('/missing.mp3'),
      artist: 'Artist',
      album: 'Album',
      albumArtist: 'Album Artist',
    });
    const probe = await api('POST', '/api/streams/probe', {
      streamUrl: withCredentials('/missing.mp3'),
    });
    expect(probe.text).not.toContain(URL_SECRET);

    // a real recording from the URL with credentials, delivered with the encrypted key; the
    // window is long: on a loaded machine the first capture of a process may start seconds late
    const good = await api<SessionDto>('POST', `/api/streams/${stream.json.id}/record`, {
      durationSeconds: 20,
    });
    expect(good.status).toBe(202);
    await waitUntil(
      'audio arriving',
      async () => {
        const logs = await api<{ items: LogEntry[] }>(
          'GET',
          `/api/logs?sessionId=${good.json.id}&limit=100`,
        );
        return logs.json.items.some((e) => e.message.startsWith('Audio is arriving'));
      },
      { timeoutMs: 30_000 },
    );
    // meanwhile, ffmpeg fails on the missing mount, with the URL in what it says
    const bad = await api<SessionDto>('POST', `/api/streams/${broken.json.id}/record`, {
      durationSeconds: 6,
    });
    expect(bad.status).toBe(202);
    const failed = await finished(bad.json.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.errorMessage).toContain('http://[redacted]@127.0.0.1');
    const delivered = await finished(good.json.id);
    expect(delivered).toMatchObject({ status: 'COMPLETED', transferStatus: 'COMPLETED' });
    expect(statSync(sshd.localPathOf(delivered.remotePath!)).size).toBe(delivered.fileSizeBytes);

    // the backup holds the passphrase by design (read from its file), and restores
    const backup = await api<{ destinations: { passphrase: string | null }[] }>(
      'GET',
      '/api/backup',
    );
    expect(backup.json.destinations[0]?.passphrase).toBe(sshd.encryptedKey.passphrase);
    expect((await api('POST', '/api/restore', backup.json)).status).toBe(200);

    // nothing shows a secret: /api/logs at every level, the sessions, the log files, the output
    const logs = await api<{ items: LogEntry[] }>('GET', '/api/logs?level=debug&limit=1000');
    expect(logs.json.items.some((e) => e.message.includes('[redacted]@'))).toBe(true);
    const sessions = await api('GET', '/api/sessions?limit=100');
    const shown = [
      { where: '/api/logs', text: logs.text },
      { where: '/api/sessions', text: sessions.text },
      ...filesUnder(logsDir).map((f) => ({ where: f.path, text: f.text })),
      { where: 'stderr', text: server.log() },
    ];
    const secrets = [password, sshd.encryptedKey.passphrase, URL_SECRET];
    for (const { where, text } of shown) {
      for (const secret of secrets)
        expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
    }
    // stdout: the password's one line, and nothing else secret
    expect(served.stdout.split(password).length - 1).toBe(1);
    expect(served.stdout).not.toContain(sshd.encryptedKey.passphrase);
    expect(served.stdout).not.toContain(URL_SECRET);
    // the database holds no passphrase (and no password) at all
    for (const f of filesUnder(dataDir).filter((x) => /recorder\.sqlite/.test(x.path))) {
      expect(f.text.includes(sshd.encryptedKey.passphrase), f.path).toBe(false);
      expect(f.text.includes(password), f.path).toBe(false);
    }

    // modes: folders of secrets 0700, their files 0600; the user's recordings keep theirs
    for (const dir of [dataDir, configDir, join(configDir, 'keys'), join(configDir, 'auth')]) {
      expect(mode(dir), dir).toBe(0o700);
    }
    expect(mode(logsDir)).toBe(0o700);
    for (const name of ['recorder.sqlite', 'recorder.sqlite-wal', 'recorder.sqlite-shm']) {
      expect(mode(join(dataDir, name)), name).toBe(0o600);
    }
    for (const dir of [join(configDir, 'keys'), join(configDir, 'auth'), logsDir]) {
      for (const name of readdirSync(dir)) expect(mode(join(dir, name)), name).toBe(0o600);
    }
    expect(readdirSync(join(configDir, 'keys'))).toEqual([`${dest.json.id}.passphrase`]);
    const control = join(root, 'control');
    writeFileSync(control, '');
    expect(mode(delivered.outputFilePath!)).toBe(mode(control));
  });
});
