import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { SftpDestination } from '../connection';
import type {
  FastPutOptions,
  PutOptions,
  RemoteStat,
  SftpClient,
  SftpConnectConfig,
} from '../sftp-client';

/** An ed25519 host key blob and its fingerprint as `ssh-keygen -lf` printed it. */
export const TEST_HOST_KEY = Buffer.from(
  'AAAAC3NzaC1lZDI1NTE5AAAAIKtGlnok+Oa2h6wyaoi03Z6iE4uWvbjU0CVV+4NopgRe',
  'base64',
);
export const TEST_HOST_KEY_FINGERPRINT = 'SHA256:kvoQMJTedD1giukp6v7FCtFUl4A1DbhQrqXKecBz/X4';

/** A destination on the fake server (host h, user u, folder /d, a key the fake takes as is). */
export function fakeDestination(patch: Partial<SftpDestination> = {}): SftpDestination {
  return {
    id: 'd',
    host: 'h',
    port: 22,
    username: 'u',
    remoteDir: '/d',
    privateKey: 'KEY',
    ...patch,
  };
}

export function sftpError(message: string, code: string | number, level?: string): Error {
  return Object.assign(new Error(message), { code }, level ? { level } : {});
}

/** What the fake server does; every field may be changed between attempts. */
export interface FakeBehaviour {
  hostKey: Buffer;
  connect?: () => Promise<void>;
  /** Thrown by fastPut after it wrote half of the file. */
  fastPutError?: Error;
  /** fastPut never finishes and reports no progress. */
  fastPutHangs?: boolean;
  /** Added to the real size by stat() of a `.part` (simulates a truncated upload). */
  partSizeDelta?: number;
  putError?: Error;
  /** Runs before each rename (e.g. to make the target appear meanwhile). */
  beforeRename?: (from: string, to: string) => void;
  endHangs?: boolean;
  /** The server lacks posix-rename@openssh.com. */
  noPosixRename?: boolean;
}

/**
 * An in-memory SFTP server behind the SftpClient interface: `files` maps remote paths to
 * sizes, `calls` records each operation. One FakeSftpServer hands out one client per connect.
 */
export class FakeSftpServer {
  readonly files = new Map<string, number>();
  readonly dirs = new Set<string>(['/']);
  readonly calls: string[] = [];
  readonly clients: FakeSftpClient[] = [];
  behaviour: FakeBehaviour = { hostKey: TEST_HOST_KEY };

  readonly factory = (): SftpClient => {
    const client = new FakeSftpClient(this);
    this.clients.push(client);
    return client;
  };

  partFiles(): string[] {
    return [...this.files.keys()].filter((p) => p.endsWith('.part'));
  }
}

export class FakeSftpClient implements SftpClient {
  destroyed = false;
  ended = false;
  config: SftpConnectConfig | undefined;

  constructor(private readonly server: FakeSftpServer) {}

  private get b(): FakeBehaviour {
    return this.server.behaviour;
  }

  private record(call: string): void {
    if (this.destroyed) throw sftpError('No SFTP connection available', 'ERR_NOT_CONNECTED');
    this.server.calls.push(call);
  }

  async connect(config: SftpConnectConfig): Promise<void> {
    this.config = config;
    this.server.calls.push('connect');
    if (this.b.connect) await this.b.connect();
    if (!config.hostVerifier(this.b.hostKey)) {
      throw sftpError('getConnection: Host denied (verification failed)', 'ERR_GENERIC_CLIENT');
    }
  }

  async mkdir(dir: string, recursive: boolean): Promise<void> {
    this.record(`mkdir ${dir}${recursive ? ' -p' : ''}`);
    this.server.dirs.add(dir);
  }

  async exists(path: string): Promise<false | 'd' | '-' | 'l'> {
    this.record(`exists ${path}`);
    if (this.server.files.has(path)) return '-';
    return this.server.dirs.has(path) ? 'd' : false;
  }

  async stat(path: string): Promise<RemoteStat> {
    this.record(`stat ${path}`);
    const size = this.server.files.get(path);
    if (size === undefined) throw sftpError(`No such file: ${path}`, 'ENOENT');
    const delta = path.endsWith('.part') ? (this.b.partSizeDelta ?? 0) : 0;
    return { size: size + delta, isFile: true, isDirectory: false };
  }

  async fastPut(localPath: string, remotePath: string, options: FastPutOptions): Promise<void> {
    this.record(`fastPut ${remotePath}`);
    if (this.b.fastPutHangs) return new Promise(() => undefined);
    const total = (await stat(localPath)).size;
    const chunk = options.chunkSize ?? 32768;
    this.server.files.set(remotePath, 0);
    for (let done = 0; done < total;) {
      done = Math.min(total, done + chunk);
      if (this.b.fastPutError && done >= total / 2) {
        this.server.files.set(remotePath, done);
        throw this.b.fastPutError;
      }
      options.step?.(done, chunk, total);
    }
    this.server.files.set(remotePath, total);
  }

  async put(source: Readable, remotePath: string, _options: PutOptions): Promise<void> {
    this.record(`put ${remotePath}`);
    let size = 0;
    this.server.files.set(remotePath, 0);
    for await (const chunk of source) {
      size += (chunk as Buffer).length;
      this.server.files.set(remotePath, size);
    }
    if (this.b.putError) throw this.b.putError;
  }

  async rename(from: string, to: string): Promise<void> {
    this.b.beforeRename?.(from, to);
    this.record(`rename ${from} -> ${to}`);
    const size = this.server.files.get(from);
    if (size === undefined) throw sftpError(`No such file ${from}`, 2);
    if (this.server.files.has(to)) throw sftpError(`_rename: Failure ${from}`, 4);
    this.server.files.delete(from);
    this.server.files.set(to, size);
  }

  async posixRename(from: string, to: string): Promise<void> {
    this.record(`posixRename ${from} -> ${to}`);
    if (this.b.noPosixRename) {
      throw sftpError('Server does not support this extended request', 'POSIX_RENAME_UNSUPPORTED');
    }
    const size = this.server.files.get(from);
    if (size === undefined) throw sftpError(`No such file ${from}`, 2);
    this.server.files.delete(from);
    this.server.files.set(to, size);
  }

  async delete(path: string): Promise<void> {
    this.record(`delete ${path}`);
    if (!this.server.files.delete(path)) throw sftpError(`No such file ${path}`, 2);
  }

  async end(): Promise<void> {
    this.server.calls.push('end');
    if (this.b.endHangs) return new Promise(() => undefined);
    this.ended = true;
  }

  destroy(): void {
    this.destroyed = true;
  }
}
