import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortClosed } from './free-port';
import { startSshd, type SshdServer } from './sshd';

const run = promisify(execFile);

let sshd: SshdServer;
let work: string;

/** How OpenSSH's clients log in here: with the test key, never asking, no known_hosts. */
function withTestKey(): string[] {
  return [
    ...['-i', sshd.privateKeyPath, '-o', 'BatchMode=yes'],
    ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'],
  ];
}

/** OpenSSH's own sftp client in batch mode; resolves with its output, rejects on failure. */
async function sftpBatch(commands: string, extraOptions: string[] = []): Promise<string> {
  const batch = join(work, `batch-${Date.now()}`);
  await writeFile(batch, commands);
  const { stdout } = await run('sftp', [
    '-b',
    batch,
    '-P',
    String(sshd.port),
    ...withTestKey(),
    ...['-o', 'IdentitiesOnly=yes', '-o', 'ConnectTimeout=5'],
    ...extraOptions,
    `${sshd.username}@127.0.0.1`,
  ]);
  return stdout;
}

/** The fingerprint of the host key the server presents right now, via ssh-keyscan. */
async function presentedFingerprint(): Promise<string> {
  const { stdout: scanned } = await run('ssh-keyscan', [
    '-p',
    String(sshd.port),
    '-t',
    'ed25519',
    '127.0.0.1',
  ]);
  const file = join(work, `scan-${Date.now()}`);
  await writeFile(file, scanned);
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', file]);
  return stdout.trim().split(/\s+/)[1] ?? '';
}

async function processesOf(user: string): Promise<string> {
  const { stdout } = await run('ps', ['-o', 'pid=,stat=,args=', '-u', user]).catch(() => ({
    stdout: '',
  }));
  // zombies are gone once reaped; only live processes count as strays
  return stdout
    .split('\n')
    .filter((l) => l.trim() && !/^\s*\d+\s+Z/.test(l))
    .join('\n');
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'asr-sshd-it-'));
  sshd = await startSshd();
});

afterAll(async () => {
  await sshd?.dispose();
  await rm(work, { recursive: true, force: true });
});

describe('startSshd', () => {
  it('serves SFTP on 127.0.0.1:<free port> to the key-only user, writable remoteRoot', async () => {
    expect(sshd.host).toBe('127.0.0.1');
    expect(sshd.port).toBeGreaterThan(1024);
    const local = join(work, 'hello.txt');
    await writeFile(local, 'hello sftp\n');
    await sftpBatch(`cd ${sshd.remoteRoot}\nput ${local} hello.txt\n`);
    const landed = sshd.localPathOf(join(sshd.remoteRoot, 'hello.txt'));
    expect(await readFile(landed, 'utf8')).toBe('hello sftp\n');
  });

  it('reports the fingerprint of the host key it presents, as ssh-keygen prints it', async () => {
    expect(sshd.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(await presentedFingerprint()).toBe(sshd.hostKeyFingerprint);
  });

  it('refuses passwords and keyboard-interactive: only keys', async () => {
    await expect(
      sftpBatch('pwd\n', ['-o', 'PreferredAuthentications=password,keyboard-interactive']),
    ).rejects.toThrow(/Permission denied/);
  });

  it('gives no shell: the forced command is internal-sftp', async () => {
    const attempt = run('ssh', [
      '-p',
      String(sshd.port),
      ...withTestKey(),
      `${sshd.username}@127.0.0.1`,
      'echo shell-access',
    ]);
    const result = await attempt.then(
      (r) => r.stdout,
      (e: { stdout?: string }) => e.stdout ?? '',
    );
    expect(result).not.toContain('shell-access');
  });

  it('stop() closes the port and leaves no sshd process; start() serves on the same port', async () => {
    const port = sshd.port;
    await sshd.stop();
    expect(await isPortClosed(port)).toBe(true);
    expect(await processesOf(sshd.username)).toBe('');
    await sshd.start();
    expect(sshd.port).toBe(port);
    expect(await sftpBatch(`cd ${sshd.remoteRoot}\nls\n`)).toContain('hello.txt');
  });

  it('regenerateHostKey() changes the presented key (at the latest after a restart)', async () => {
    const before = sshd.hostKeyFingerprint;
    const after = await sshd.regenerateHostKey();
    expect(after).not.toBe(before);
    await sshd.stop();
    await sshd.start();
    expect(await presentedFingerprint()).toBe(after);
    expect(sshd.hostKeyFingerprint).toBe(after);
  });

  it('dispose() stops the server and removes its temp directory', async () => {
    const other = await startSshd();
    const root = other.remoteRoot;
    await other.dispose();
    expect(await isPortClosed(other.port)).toBe(true);
    await expect(stat(root)).rejects.toThrow();
  });
});
