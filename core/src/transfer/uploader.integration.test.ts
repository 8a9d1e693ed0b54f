import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../test-support/app-error-code';
import { generateClientKey, startSshd, type SshdServer } from '../../test-support/sshd';
import { memoryLogger } from '../ports/logger';
import type { SftpDestination } from './connection';
import { createSftpClientFactory } from './sftp-client';
import { testDestination } from './test-connection';
import { uploadFile, type UploadRequest } from './uploader';

// Real OpenSSH (core/test-support/sshd.ts) on 127.0.0.1, real ssh2-sftp-client.

let sshd: SshdServer;
let work: string;
let bigFile: string;
let bigHash: string;
const logger = memoryLogger();
const clientFactory = createSftpClientFactory(logger);
const BIG = 20 * 1024 * 1024;

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

function destination(extra: Partial<SftpDestination> = {}): SftpDestination {
  return {
    id: 'dest-1',
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    remoteDir: join(sshd.remoteRoot, 'shows'),
    privateKey: sshd.privateKey,
    ...extra,
  };
}

function upload(request: Partial<UploadRequest> & { destination?: SftpDestination }) {
  return uploadFile(
    {
      destination: request.destination ?? destination(),
      localPath: request.localPath ?? bigFile,
      fileName: request.fileName ?? 'show.mp3',
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      timeouts: { connectMs: 5_000, operationMs: 10_000, stallMs: 15_000, endMs: 2_000 },
    },
    { clientFactory, logger },
  );
}

async function remoteFiles(dir: string): Promise<string[]> {
  return (await readdir(sshd.localPathOf(dir)).catch(() => [] as string[])).sort();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'asr-upload-it-'));
  bigFile = join(work, 'big.mp3');
  await writeFile(bigFile, randomBytes(BIG));
  bigHash = await sha256(bigFile);
  sshd = await startSshd();
});

afterAll(async () => {
  await sshd?.dispose();
  await rm(work, { recursive: true, force: true });
  for (const entry of logger.entries) {
    expect(entry.message).not.toMatch(/PRIVATE KEY/);
    expect(entry.message).not.toContain(sshd.encryptedKey.passphrase);
  }
});

describe('uploadFile against a real OpenSSH server', () => {
  it('(a) uploads 20 MB with fastPut: same content, no .part, full progress, host key reported', async () => {
    const progress: number[] = [];
    const started = Date.now();
    const result = await upload({ onProgress: (bytes) => progress.push(bytes) });
    const seconds = (Date.now() - started) / 1000;

    const remoteDir = join(sshd.remoteRoot, 'shows');
    expect(result).toEqual({
      remotePath: join(remoteDir, 'show.mp3'),
      bytes: BIG,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
      transferMode: 'fastPut',
    });
    const landed = sshd.localPathOf(result.remotePath);
    expect((await stat(landed)).size).toBe(BIG);
    expect(await sha256(landed)).toBe(bigHash);
    expect(await remoteFiles(remoteDir)).toEqual(['show.mp3']);
    expect(progress.at(-1)).toBe(BIG);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    console.log(`fastPut: 20 MB in ${seconds.toFixed(2)} s (${(20 / seconds).toFixed(0)} MB/s)`);
  });

  it('(b) the same fileName again lands as "show (2).mp3", the first file untouched', async () => {
    const result = await upload({});
    const remoteDir = join(sshd.remoteRoot, 'shows');
    expect(result.remotePath).toBe(join(remoteDir, 'show (2).mp3'));
    expect(await sha256(sshd.localPathOf(result.remotePath))).toBe(bigHash);
    expect(await remoteFiles(remoteDir)).toEqual(['show (2).mp3', 'show.mp3']);
  });

  it("transferMode 'put' streams the file with put: same content", async () => {
    const small = join(work, 'small.mp3');
    await writeFile(small, randomBytes(3 * 1024 * 1024 + 17));
    const dest = destination({ remoteDir: join(sshd.remoteRoot, 'put'), transferMode: 'put' });
    const result = await upload({ destination: dest, localPath: small, fileName: 'p.mp3' });
    expect(result.transferMode).toBe('put');
    expect(await sha256(sshd.localPathOf(result.remotePath))).toBe(await sha256(small));
    expect(await remoteFiles(dest.remoteDir)).toEqual(['p.mp3']);
  });

  it('(c) server down → SSH_UNREACHABLE within seconds; back up → the upload succeeds', async () => {
    await sshd.stop();
    try {
      const started = Date.now();
      const err = await appErrorOf(upload({ fileName: 'outage.mp3' }));
      expect(err.code).toBe('SSH_UNREACHABLE');
      expect(err.message).toContain(`127.0.0.1:${sshd.port} is unreachable`);
      expect(err.message).toMatch(/firewall/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await sshd.start();
    }
    const result = await upload({ fileName: 'outage.mp3' });
    expect(await sha256(sshd.localPathOf(result.remotePath))).toBe(bigHash);
  });

  it('(d) a changed host key with the old one pinned → HOST_KEY_MISMATCH, nothing written', async () => {
    const oldFingerprint = sshd.hostKeyFingerprint;
    const newFingerprint = await sshd.regenerateHostKey();
    await sshd.stop();
    await sshd.start();
    const dest = destination({
      remoteDir: join(sshd.remoteRoot, 'pinned'),
      hostKeyFingerprint: oldFingerprint,
    });
    const err = await appErrorOf(upload({ destination: dest, fileName: 'refused.mp3' }));
    expect(err.code).toBe('HOST_KEY_MISMATCH');
    expect(err.message).toContain(oldFingerprint);
    expect(err.message).toContain(newFingerprint);
    expect(err.message).toMatch(/clear the pinned fingerprint/);
    expect(await remoteFiles(dest.remoteDir)).toEqual([]);
    await expect(stat(sshd.localPathOf(dest.remoteDir))).rejects.toThrow(); // not even created

    // pinning the new key works
    const ok = await upload({
      destination: { ...dest, hostKeyFingerprint: newFingerprint },
      fileName: 'accepted.mp3',
    });
    expect(ok.hostKeyFingerprint).toBe(newFingerprint);
  });

  it('(e) a passphrase-protected PEM key works; a wrong passphrase or key → SSH_AUTH_FAILED', async () => {
    const small = join(work, 'tiny.mp3');
    await writeFile(small, randomBytes(1000));
    const { privateKey, passphrase } = sshd.encryptedKey;
    const dest = destination({ remoteDir: join(sshd.remoteRoot, 'keys'), privateKey, passphrase });
    const result = await upload({ destination: dest, localPath: small, fileName: 'k.mp3' });
    expect(await sha256(sshd.localPathOf(result.remotePath))).toBe(await sha256(small));

    const badPass = await appErrorOf(
      upload({ destination: { ...dest, passphrase: 'wrong words' }, localPath: small }),
    );
    expect(badPass.code).toBe('SSH_AUTH_FAILED');
    expect(badPass.message).toMatch(/passphrase/);

    const stranger = await generateClientKey(work, 'stranger');
    const wrongKey = await appErrorOf(
      upload({ destination: { ...dest, privateKey: stranger.privateKey, passphrase: null } }),
    );
    expect(wrongKey.code).toBe('SSH_AUTH_FAILED');
    expect(wrongKey.message).toContain(`refused the key for user “${sshd.username}”`);
    for (const err of [badPass, wrongKey]) {
      expect(err.message).not.toMatch(/PRIVATE KEY/);
      expect(err.message).not.toContain('wrong words');
    }
    expect(await remoteFiles(dest.remoteDir)).toEqual(['k.mp3']);
  });

  it('(f) testDestination: ok on a writable (new) dir, a clear error on an unwritable one', async () => {
    const deps = { clientFactory, logger };
    const fresh = join(sshd.remoteRoot, 'new', 'nested');
    const ok = await testDestination(destination({ remoteDir: fresh }), deps);
    expect(ok).toEqual({ ok: true, hostKeyFingerprint: sshd.hostKeyFingerprint });
    expect(await remoteFiles(fresh)).toEqual([]); // probe deleted

    const locked = join(sshd.remoteRoot, 'locked');
    await mkdir(locked); // owned by root: the SFTP user may not write here
    await chmod(locked, 0o755);
    const denied = await testDestination(destination({ remoteDir: locked }), deps);
    expect(denied.ok).toBe(false);
    expect(denied.code).toBe('TRANSFER_FAILED');
    expect(denied.error).toContain(`Writing a test file to ${locked}`);
    expect(denied.error).toMatch(/permission denied/i);
    expect(denied.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);

    const uncreatable = join(locked, 'sub');
    const noMkdir = await testDestination(destination({ remoteDir: uncreatable }), deps);
    expect(noMkdir.ok).toBe(false);
    expect(noMkdir.error).toMatch(/permission denied/i);
    expect(noMkdir.error).toContain(uncreatable);
  });

  it('an upload into an unwritable directory fails with TRANSFER_FAILED and leaves nothing', async () => {
    const locked = join(sshd.remoteRoot, 'locked');
    const err = await appErrorOf(upload({ destination: destination({ remoteDir: locked }) }));
    expect(err.code).toBe('TRANSFER_FAILED');
    expect(err.message).toContain(join(locked, 'show.mp3'));
    expect(await remoteFiles(locked)).toEqual([]);
  });

  it('throughput on 50 MB, fastPut vs put (printed, only sizes asserted)', async () => {
    const file = join(work, 'fifty.mp3');
    await writeFile(file, randomBytes(50 * 1024 * 1024));
    for (const mode of ['fastPut', 'put'] as const) {
      const dest = destination({ remoteDir: join(sshd.remoteRoot, 'speed'), transferMode: mode });
      const started = Date.now();
      const result = await upload({ destination: dest, localPath: file, fileName: `${mode}.mp3` });
      const seconds = (Date.now() - started) / 1000;
      expect((await stat(sshd.localPathOf(result.remotePath))).size).toBe(50 * 1024 * 1024);
      console.log(`${mode}: 50 MB in ${seconds.toFixed(2)} s = ${(50 / seconds).toFixed(0)} MB/s`);
    }
  });
});
