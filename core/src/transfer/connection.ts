import type { AppError } from '../../contract';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { classifyTransferError, type FailureContext } from './classify-error';
import { createHostKeyCheck, type HostKeyCheck } from './host-key';
import type { SftpClient, SftpClientFactory } from './sftp-client';
import { OperationTimeoutError, withStallTimeout, withTimeout } from './time-limits';

export type TransferMode = 'fastPut' | 'put';

/** Where files go. Secrets stay in memory: never logged, never put in an error message. */
export interface SftpDestination {
  id: string;
  host: string;
  port: number;
  username: string;
  remoteDir: string;
  privateKey: string | Buffer;
  passphrase?: string | null;
  /** The pinned host key (`SHA256:…`); empty: accept the first one and report it for pinning. */
  hostKeyFingerprint?: string | null;
  /** Remembered per destination: 'put' when the server refused fastPut before. */
  transferMode?: TransferMode | null;
}

/** Time limits of one attempt, in milliseconds. */
export interface TransferTimeouts {
  /** TCP connect + SSH handshake + authentication + opening SFTP. */
  connectMs: number;
  /** Each short request: mkdir, exists, stat, rename, delete. */
  operationMs: number;
  /** An upload that makes no progress for this long is abandoned. */
  stallMs: number;
  /** Closing the connection; after it the socket is destroyed (a hung end never hangs us). */
  endMs: number;
}

export const DEFAULT_TRANSFER_TIMEOUTS: TransferTimeouts = {
  connectMs: 20_000,
  operationMs: 30_000,
  stallMs: 60_000,
  endMs: 5_000,
};

export interface ConnectionDeps {
  clientFactory: SftpClientFactory;
  logger: Logger;
  clock: Clock;
}

/** One connected SFTP client whose every call is bounded by a time limit. */
export interface Connection {
  readonly hostKey: HostKeyCheck;
  /** `host:port`, for messages. */
  readonly where: string;
  /** False after a timeout or a lost connection: nothing more can be done on it. */
  readonly alive: boolean;
  /** A short request bounded by `operationMs`. */
  call<T>(operation: string, work: (client: SftpClient) => Promise<T>): Promise<T>;
  /** A long request bounded by `stallMs` without progress (`touch` marks progress). */
  stream<T>(
    operation: string,
    work: (client: SftpClient, touch: () => void) => Promise<T>,
  ): Promise<T>;
  /** The AppError for something that went wrong after connecting. */
  classify(err: unknown, detail?: Pick<FailureContext, 'remotePath' | 'action'>): AppError;
  /** end(), bounded by `endMs`, then destroy(). Never throws. */
  close(): Promise<void>;
}

function looksDisconnected(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | undefined)?.code;
  return (
    err instanceof OperationTimeoutError ||
    code === 'ECONNRESET' ||
    code === 'ERR_NOT_CONNECTED' ||
    /no sftp connection|not connected|unexpected (end|close)|no response from server/i.test(message)
  );
}

/**
 * Connects a NEW client (one per attempt) to `destination`, verifying the host key with
 * `hostKey` (pass one to read the observed fingerprint even when connecting fails). Throws an
 * AppError: SSH_UNREACHABLE, SSH_AUTH_FAILED, HOST_KEY_MISMATCH or TRANSFER_FAILED.
 */
export async function openConnection(
  destination: SftpDestination,
  timeouts: TransferTimeouts,
  deps: ConnectionDeps,
  hostKey: HostKeyCheck = createHostKeyCheck(destination.hostKeyFingerprint),
): Promise<Connection> {
  const { host, port, username } = destination;
  const where = `${host}:${port}`;
  const secrets = [destination.privateKey, destination.passphrase ?? undefined];
  const context = (phase: FailureContext['phase']): FailureContext => ({
    host,
    port,
    username,
    phase,
    hostKey,
    secrets,
  });
  const client = deps.clientFactory();
  let alive = true;
  const kill = () => {
    alive = false;
    client.destroy();
  };

  try {
    await withTimeout(
      client.connect({
        host,
        port,
        username,
        privateKey: destination.privateKey,
        ...(destination.passphrase ? { passphrase: destination.passphrase } : {}),
        readyTimeout: timeouts.connectMs,
        hostVerifier: hostKey.verify,
      }),
      // ssh2's readyTimeout should fire first; this one also covers opening the SFTP channel
      timeouts.connectMs + Math.min(2_000, timeouts.connectMs),
      `connecting to ${where}`,
      deps.clock,
      kill,
    );
  } catch (err) {
    kill();
    throw classifyTransferError(err, context('connect'));
  }

  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (looksDisconnected(err)) alive = false;
      throw err;
    }
  };

  return {
    hostKey,
    where,
    get alive() {
      return alive;
    },
    call: (operation, work) =>
      guard(() => withTimeout(work(client), timeouts.operationMs, operation, deps.clock, kill)),
    stream: (operation, work) =>
      guard(() =>
        withStallTimeout(
          (touch) => work(client, touch),
          timeouts.stallMs,
          operation,
          deps.clock,
          kill,
        ),
      ),
    classify: (err, detail) => classifyTransferError(err, { ...context('transfer'), ...detail }),
    async close() {
      if (!alive) return client.destroy();
      try {
        await withTimeout(
          client.end(),
          timeouts.endMs,
          `closing the connection to ${where}`,
          deps.clock,
        );
      } catch (err) {
        deps.logger.debug(`SFTP: ${err instanceof Error ? err.message : String(err)}; closed hard`);
      } finally {
        alive = false;
        client.destroy();
      }
    },
  };
}
