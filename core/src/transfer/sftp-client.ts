import type { Readable } from 'node:stream';
import SftpClientLib from 'ssh2-sftp-client';
import type { Logger } from '../ports/logger';

export interface SftpConnectConfig {
  host: string;
  port: number;
  username: string;
  privateKey: string | Buffer;
  passphrase?: string;
  /** Milliseconds allowed for TCP connect + SSH handshake + authentication. */
  readyTimeout: number;
  /** Called with the server's host key blob; returning false aborts the handshake. */
  hostVerifier: (key: Buffer) => boolean;
}

export interface RemoteStat {
  size: number;
  isFile: boolean;
  isDirectory: boolean;
}

export interface FastPutOptions {
  /** Write requests in flight at once (ssh2's default is 64). */
  concurrency?: number;
  /** Bytes per write request (ssh2's default is 32 KiB). */
  chunkSize?: number;
  /** Progress: bytes acknowledged so far, the last chunk's size, the file size. */
  step?: (transferred: number, chunk: number, total: number) => void;
}

export interface PutOptions {
  writeStreamOptions?: { highWaterMark?: number };
}

/**
 * What the uploader needs from an SFTP client. One instance is one connection: the uploader
 * makes a new one per attempt and throws it away afterwards. Errors keep the underlying
 * library's `code` (errno string like ECONNREFUSED, or the SFTP status number) and, for SSH
 * errors, ssh2's `level` (client-socket, client-timeout, client-authentication, handshake…).
 */
export interface SftpClient {
  connect(config: SftpConnectConfig): Promise<void>;
  /** Creates `dir`; with `recursive`, its missing parents too (`mkdir -p`). */
  mkdir(dir: string, recursive: boolean): Promise<void>;
  /** false, or the type: d directory, - file, l symbolic link. */
  exists(path: string): Promise<false | 'd' | '-' | 'l'>;
  stat(path: string): Promise<RemoteStat>;
  /** Pipelined upload of a local file (many write requests in flight). */
  fastPut(localPath: string, remotePath: string, options: FastPutOptions): Promise<void>;
  /** Streamed upload: one write request in flight at a time. */
  put(source: Readable, remotePath: string, options: PutOptions): Promise<void>;
  /** Plain SFTP rename: on OpenSSH it fails, rather than overwrites, when `to` exists. */
  rename(from: string, to: string): Promise<void>;
  /**
   * Atomic rename that replaces `to` (OpenSSH's posix-rename@openssh.com extension). A server
   * without the extension rejects with code POSIX_RENAME_UNSUPPORTED.
   */
  posixRename(from: string, to: string): Promise<void>;
  delete(path: string): Promise<void>;
  /** Closes the connection politely. */
  end(): Promise<void>;
  /** Closes the socket at once (after a timeout, or when end() hangs). Never throws. */
  destroy(): void;
}

export type SftpClientFactory = () => SftpClient;

/** The `code` of posixRename's refusal when the server lacks posix-rename@openssh.com. */
export const POSIX_RENAME_UNSUPPORTED = 'POSIX_RENAME_UNSUPPORTED';

interface SshError extends Error {
  code?: string | number;
  level?: string;
}

/**
 * ssh2-sftp-client rewraps connection errors into new Error objects that keep the message and
 * `code` but drop ssh2's `level`; put it back from the last error the connection emitted.
 */
function withLevel(err: unknown, raw: SshError | undefined): unknown {
  if (err instanceof Error && raw?.level !== undefined && !('level' in err)) {
    Object.assign(err, { level: raw.level });
  }
  return err;
}

class Ssh2SftpClient implements SftpClient {
  private readonly inner: SftpClientLib;
  private lastError: SshError | undefined;

  constructor(logger?: Logger) {
    // Own listeners instead of the library's defaults, which print to the console.
    this.inner = new SftpClientLib('asr-transfer', {
      error: (err) => logger?.debug(`SFTP connection error: ${(err as Error).message}`),
      end: () => undefined,
      close: () => undefined,
    });
    this.inner.on('error', (err: SshError) => {
      this.lastError = err;
    });
  }

  async connect(config: SftpConnectConfig): Promise<void> {
    try {
      await this.inner.connect({
        host: config.host,
        port: config.port,
        username: config.username,
        privateKey: config.privateKey,
        passphrase: config.passphrase,
        readyTimeout: config.readyTimeout,
        hostVerifier: config.hostVerifier,
        // notice a dead peer during a long upload instead of waiting for TCP's own timeout
        keepaliveInterval: 10_000,
        keepaliveCountMax: 3,
      });
    } catch (err) {
      throw withLevel(err, this.lastError);
    }
  }

  async mkdir(dir: string, recursive: boolean): Promise<void> {
    await this.inner.mkdir(dir, recursive);
  }

  exists(path: string): Promise<false | 'd' | '-' | 'l'> {
    return this.inner.exists(path);
  }

  async stat(path: string): Promise<RemoteStat> {
    const stats = await this.inner.stat(path);
    return { size: stats.size, isFile: stats.isFile, isDirectory: stats.isDirectory };
  }

  async fastPut(localPath: string, remotePath: string, options: FastPutOptions): Promise<void> {
    await this.inner.fastPut(localPath, remotePath, options);
  }

  async put(source: Readable, remotePath: string, options: PutOptions): Promise<void> {
    // the typings lack highWaterMark; ssh2's WriteStream hands its options to stream.Writable
    const writeStreamOptions = options.writeStreamOptions as SftpClientLib.WriteStreamOptions;
    await this.inner.put(source, remotePath, { writeStreamOptions });
  }

  async rename(from: string, to: string): Promise<void> {
    await this.inner.rename(from, to);
  }

  async posixRename(from: string, to: string): Promise<void> {
    try {
      await this.inner.posixRename(from, to);
    } catch (err) {
      // ssh2 refuses before sending when the server did not announce the extension
      if (err instanceof Error && /does not support this extended request/i.test(err.message)) {
        throw Object.assign(err, { code: POSIX_RENAME_UNSUPPORTED });
      }
      throw err;
    }
  }

  async delete(path: string): Promise<void> {
    await this.inner.delete(path);
  }

  async end(): Promise<void> {
    await this.inner.end();
  }

  destroy(): void {
    try {
      (this.inner as unknown as { client: { destroy(): void } }).client.destroy();
    } catch {
      // already closed
    }
  }
}

/** The real client factory: a new ssh2-sftp-client (one connection) per call. */
export function createSftpClientFactory(logger?: Logger): SftpClientFactory {
  return () => new Ssh2SftpClient(logger);
}
