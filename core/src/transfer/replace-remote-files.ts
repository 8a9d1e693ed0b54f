import { Readable } from 'node:stream';
import type { Logger } from '../ports/logger';
import type { Connection, SftpDestination } from './connection';
import { remoteFolderOf } from './remote-folder';
import { openOneOffConnection, type OneOffConnectionDeps } from './one-off-connection';
import { assertPlainFileName, partNameOf, remoteJoin } from './remote-name';
import { POSIX_RENAME_UNSUPPORTED } from './sftp-client';

/** A small file (a feed, its cover) made in memory, to be put in the remote folder. */
export interface RemoteFile {
  name: string;
  bytes: Buffer;
}

export type ReplaceDeps = OneOffConnectionDeps;

/**
 * Moves `part` over `target`: atomically with posix-rename@openssh.com (readers see the old file
 * or the new one, never none); a server without it gets the old file removed, then a plain
 * rename (for a moment there is no file).
 */
async function moveOver(conn: Connection, part: string, target: string, logger: Logger) {
  try {
    await conn.call(`replacing ${target}`, (c) => c.posixRename(part, target));
    return;
  } catch (err) {
    if ((err as { code?: unknown }).code !== POSIX_RENAME_UNSUPPORTED) throw err;
  }
  logger.debug(`${conn.where} lacks posix-rename: ${target} is removed, then renamed into place.`);
  if (await conn.call(`checking ${target}`, (c) => c.exists(target))) {
    await conn.call(`removing ${target}`, (c) => c.delete(target));
  }
  await conn.call(`renaming ${part}`, (c) => c.rename(part, target));
}

/** Writes one file as `<name>.part`, checks its size, and moves it over `<name>`. */
async function replaceOne(conn: Connection, dir: string, file: RemoteFile, logger: Logger) {
  const target = remoteJoin(dir, file.name);
  const part = remoteJoin(dir, partNameOf(file.name));
  try {
    await conn.stream(`writing ${part}`, (c) => c.put(Readable.from([file.bytes]), part, {}));
    const { size } = await conn.call(`checking ${part}`, (c) => c.stat(part));
    if (size !== file.bytes.length) {
      throw new Error(`${part} has ${size} bytes on the server, not ${file.bytes.length}`);
    }
    await moveOver(conn, part, target, logger);
  } catch (err) {
    if (conn.alive) await conn.call(`removing ${part}`, (c) => c.delete(part)).catch(() => null);
    throw conn.classify(err, { remotePath: target });
  }
}

/**
 * Puts `files` in the destination's remote folder, each REPLACING the file of its name (unlike
 * recordings, which never overwrite): one connection, host key verified, `mkdir -p` of the
 * folder, then each file as `<name>.part`, size check, atomic rename over the old one. No `.part`
 * is left behind while the connection allows removing it. Throws the AppError of the first
 * failure (SSH_UNREACHABLE, SSH_AUTH_FAILED, HOST_KEY_MISMATCH, TRANSFER_FAILED).
 */
export async function replaceRemoteFiles(
  destination: SftpDestination,
  files: readonly RemoteFile[],
  deps: ReplaceDeps,
): Promise<string[]> {
  for (const f of files) assertPlainFileName(f.name);
  const dir = remoteFolderOf(destination);
  const conn = await openOneOffConnection(destination, deps);
  try {
    await conn
      .call(`creating ${dir}`, (c) => c.mkdir(dir, true))
      .catch((err: unknown) => {
        throw conn.classify(err, { remotePath: dir });
      });
    for (const file of files) await replaceOne(conn, dir, file, deps.logger);
    return files.map((f) => remoteJoin(dir, f.name));
  } finally {
    await conn.close();
  }
}
