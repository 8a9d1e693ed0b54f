import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, pipeline } from 'node:stream';
import { AppError } from '../../contract';
import { systemClock, type Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import {
  DEFAULT_TRANSFER_TIMEOUTS,
  openConnection,
  type Connection,
  type SftpDestination,
  type TransferMode,
  type TransferTimeouts,
} from './connection';
import { remoteFolderOf } from './remote-folder';
import { createProgressReporter, type ProgressCallback, type ProgressReporter } from './progress';
import { assertPlainFileName, candidateName, partNameOf, remoteJoin } from './remote-name';
import type { SftpClientFactory } from './sftp-client';

/** fastPut: write requests in flight and bytes per request (ssh2's defaults). */
export const FAST_PUT_CONCURRENCY = 64;
export const FAST_PUT_CHUNK_BYTES = 32 * 1024;
/** put: read and write buffer size; ssh2 splits each buffer into requests the server accepts. */
export const PUT_BUFFER_BYTES = 1024 * 1024;
/** Candidates tried for a free name (`name (2).mp3` … ) before giving up. */
const MAX_NAME_CANDIDATES = 1000;

export interface UploadRequest {
  destination: SftpDestination;
  localPath: string;
  /** The name the file should have remotely; ` (2)`, ` (3)`… are added if it is taken. */
  fileName: string;
  /** Forward-only, throttled; the last call is (totalBytes, totalBytes). */
  onProgress?: ProgressCallback;
  timeouts?: Partial<TransferTimeouts>;
  /** Only for log entries. */
  sessionId?: string;
}

export interface UploadDeps {
  clientFactory: SftpClientFactory;
  logger: Logger;
  clock?: Clock;
}

export interface UploadResult {
  /** Where the file landed (the free name that was chosen). */
  remotePath: string;
  bytes: number;
  /** The server's host key: pin it when the destination had none. */
  hostKeyFingerprint: string;
  /** How it was sent: remember 'put' for the destination when fastPut was refused. */
  transferMode: TransferMode;
}

/**
 * Signals that the server refuses pipelined writes: while fastPut runs, the server answers a
 * request with an SFTP error status (numeric code) other than "no such file" (2) or "permission
 * denied" (3), which a plain put would meet too, and the connection is still up. Lost
 * connections and local errors are not refusals.
 */
export function isFastPutRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && code !== 2 && code !== 3;
}

async function firstFreeName(
  conn: Connection,
  dir: string,
  fileName: string,
  from: number,
): Promise<{ index: number; name: string }> {
  for (let index = from; index < from + MAX_NAME_CANDIDATES; index++) {
    const name = candidateName(fileName, index);
    const taken = await conn.call(`checking ${name}`, (c) => c.exists(remoteJoin(dir, name)));
    if (!taken) return { index, name };
  }
  throw new AppError(
    'TRANSFER_FAILED',
    `No free name for ${fileName} in ${dir} on ${conn.where} after ${MAX_NAME_CANDIDATES} tries.`,
  );
}

async function sendWithFastPut(
  conn: Connection,
  localPath: string,
  partPath: string,
  progress: ProgressReporter,
): Promise<void> {
  await conn.stream('fastPut', (client, touch) =>
    client.fastPut(localPath, partPath, {
      concurrency: FAST_PUT_CONCURRENCY,
      chunkSize: FAST_PUT_CHUNK_BYTES,
      step: (transferred) => {
        touch();
        progress.report(transferred);
      },
    }),
  );
}

async function sendWithPut(
  conn: Connection,
  localPath: string,
  partPath: string,
  progress: ProgressReporter,
): Promise<void> {
  await conn.stream('put', (client, touch) => {
    let sent = 0;
    const counter = new Transform({
      highWaterMark: PUT_BUFFER_BYTES,
      transform(chunk: Buffer, _encoding, done) {
        sent += chunk.length;
        touch();
        progress.report(sent);
        done(null, chunk);
      },
    });
    const source = createReadStream(localPath, { highWaterMark: PUT_BUFFER_BYTES });
    // a read error destroys `counter` with it, which makes put() reject
    pipeline(source, counter, () => undefined);
    return client.put(counter, partPath, {
      writeStreamOptions: { highWaterMark: PUT_BUFFER_BYTES },
    });
  });
}

async function deleteQuietly(conn: Connection, path: string): Promise<void> {
  if (!conn.alive) return;
  await conn.call(`deleting ${path}`, (c) => c.delete(path)).catch(() => undefined);
}

/** Throws TRANSFER_SIZE_MISMATCH when `part` on the server does not have `totalBytes` bytes. */
async function assertUploadedSize(conn: Connection, part: string, totalBytes: number) {
  const { size } = await conn.call('stat', (c) => c.stat(part));
  if (size !== totalBytes) {
    throw new AppError(
      'TRANSFER_SIZE_MISMATCH',
      `${part} on ${conn.where} has ${size} bytes after the upload, but the local file has ` +
        `${totalBytes}. The partial file is removed; the transfer can be retried.`,
    );
  }
}

/**
 * Uploads `localPath` into the destination's remoteDir as `fileName` (or the first free
 * `fileName (n)`): a new connection per call, host key verified, `mkdir -p` of remoteDir, upload
 * under `<name>.part`, size check, rename into place (never overwriting). fastPut by default;
 * when the server refuses it (see isFastPutRefusal, or the size after fastPut is wrong), one
 * streamed put follows in the same attempt and the result says `transferMode: 'put'`.
 * Throws AppError: SSH_UNREACHABLE, SSH_AUTH_FAILED, HOST_KEY_MISMATCH, TRANSFER_SIZE_MISMATCH,
 * TRANSFER_FAILED (VALIDATION_FAILED for a fileName with a slash). No `.part` is left behind
 * when the connection still allows deleting it.
 */
export async function uploadFile(request: UploadRequest, deps: UploadDeps): Promise<UploadResult> {
  const { destination, localPath, fileName } = request;
  assertPlainFileName(fileName);
  const clock = deps.clock ?? systemClock;
  const timeouts = { ...DEFAULT_TRANSFER_TIMEOUTS, ...request.timeouts };
  const meta = request.sessionId ? { sessionId: request.sessionId } : undefined;
  const dir = remoteFolderOf(destination);

  let totalBytes: number;
  try {
    totalBytes = (await stat(localPath)).size;
  } catch (err) {
    throw new AppError('TRANSFER_FAILED', `The local file ${localPath} cannot be read.`, {
      cause: err,
    });
  }
  const progress = createProgressReporter(request.onProgress, totalBytes, clock);
  const startedAt = clock.now();

  const conn = await openConnection(destination, timeouts, { ...deps, clock });
  let partPath: string | undefined;
  let target = remoteJoin(dir, fileName);
  try {
    await conn.call(`creating ${dir}`, (c) => c.mkdir(dir, true));
    let { index, name } = await firstFreeName(conn, dir, fileName, 1);
    target = remoteJoin(dir, name);
    partPath = remoteJoin(dir, partNameOf(name));
    const part = partPath;

    progress.report(0);
    let mode: TransferMode = destination.transferMode === 'put' ? 'put' : 'fastPut';
    if (mode === 'fastPut') {
      try {
        await sendWithFastPut(conn, localPath, part, progress);
        const { size } = await conn.call('stat', (c) => c.stat(part));
        if (size !== totalBytes) {
          throw Object.assign(new Error(`size after fastPut is ${size}, expected ${totalBytes}`), {
            code: -1, // treated as a refusal of pipelined writes
          });
        }
      } catch (err) {
        if (!(isFastPutRefusal(err) && conn.alive)) throw err;
        deps.logger.warn(
          `SFTP server ${conn.where} refused the pipelined upload (fastPut) of ${part}: ` +
            `${conn.classify(err).message} Falling back to a streamed put.`,
          meta,
        );
        await deleteQuietly(conn, part);
        mode = 'put';
      }
    }
    if (mode === 'put') {
      await sendWithPut(conn, localPath, part, progress);
      await assertUploadedSize(conn, part, totalBytes);
    }

    // Rename into place. A plain SFTP rename fails when the target exists (OpenSSH links, then
    // unlinks): if a file of that name appeared meanwhile, move on to the next free name.
    for (;;) {
      try {
        await conn.call(`renaming ${part}`, (c) => c.rename(part, target));
        break;
      } catch (err) {
        if (!conn.alive) throw err;
        const taken = await conn.call(`checking ${target}`, (c) => c.exists(target));
        if (!taken) throw err;
        ({ index, name } = await firstFreeName(conn, dir, fileName, index + 1));
        target = remoteJoin(dir, name);
      }
    }
    partPath = undefined;
    progress.finish();

    const seconds = Math.max(0.001, (clock.now() - startedAt) / 1000);
    deps.logger.info(
      `Uploaded ${target} to ${conn.where} (${(totalBytes / 1e6).toFixed(1)} MB in ` +
        `${seconds.toFixed(1)} s, ${(totalBytes / 1e6 / seconds).toFixed(1)} MB/s, ${mode})`,
      meta,
    );
    return {
      remotePath: target,
      bytes: totalBytes,
      hostKeyFingerprint: conn.hostKey.observed() ?? '',
      transferMode: mode,
    };
  } catch (err) {
    if (partPath !== undefined) await deleteQuietly(conn, partPath);
    const error = conn.classify(err, { remotePath: target });
    deps.logger.warn(`Upload to ${conn.where} failed: ${error.message}`, meta);
    throw error;
  } finally {
    await conn.close();
  }
}
