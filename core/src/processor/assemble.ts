import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { AppError, isAppError } from '../../contract';

export interface AssembleInput {
  /** The complete ID3v2 tag (buildId3Tag). */
  tag: Buffer;
  /** An audio-only MP3 without tags (the join's output). Left in place. */
  audioPath: string;
  /** Where the tagged file goes. Must not exist: an existing file is never overwritten. */
  finalPath: string;
}

export interface AssembleResult {
  path: string;
  sizeBytes: number;
}

const CHUNK = 1024 * 1024;

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err
    ? String((err as { code: unknown }).code)
    : undefined;
}

async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch {
    // already gone
  }
}

/** fsync of a file or folder; a folder cannot be opened for that on Windows: best effort. */
async function syncPath(path: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Moves `tmp` to `finalPath` without ever replacing an existing file: a hard link fails when the
 * name is taken (atomically); where links are not supported (FAT, some network shares) the name
 * is checked and the file renamed.
 */
async function moveIntoPlace(tmp: string, finalPath: string): Promise<void> {
  try {
    await link(tmp, finalPath);
    await removeQuietly(tmp);
    return;
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') throw conflict(finalPath);
  }
  try {
    await stat(finalPath);
    throw conflict(finalPath);
  } catch (err) {
    if (isAppError(err)) throw err;
  }
  await rename(tmp, finalPath);
}

function conflict(finalPath: string): AppError {
  return new AppError(
    'CONFLICT',
    `${basename(finalPath)} already exists: an existing recording is never overwritten.`,
  );
}

/**
 * Writes `<tag><audio>` to `<finalPath>.tmp-<random>` by streaming (memory does not grow with
 * the file's length), fsyncs it, and moves it into place atomically. On failure the temp file is
 * removed and an AppError thrown (DISK_FULL, CONFLICT, INTERNAL); `audioPath` is never touched.
 */
export async function assembleMp3(input: AssembleInput): Promise<AssembleResult> {
  const { tag, audioPath, finalPath } = input;
  return writeAndPlace(finalPath, async (out) => {
    const audioBytes = (await stat(audioPath)).size;
    out.write(tag);
    await pipeline(createReadStream(audioPath, { highWaterMark: CHUNK }), out);
    return tag.length + audioBytes;
  });
}

/**
 * Writes a new file at `finalPath` through `write` (which streams into `out`, ends it, and answers
 * the number of bytes the file must have) to `<finalPath>.tmp-<random>`, checks its size, fsyncs
 * it and moves it into place atomically, never over an existing file. On failure the temp file is
 * removed and an AppError thrown (DISK_FULL, CONFLICT, INTERNAL, or the one `write` threw).
 */
export async function writeAndPlace(
  finalPath: string,
  write: (out: WriteStream) => Promise<number>,
): Promise<AssembleResult> {
  return placeNewFile(finalPath, async (tmp) => {
    const out = createWriteStream(tmp, { flags: 'wx', mode: 0o644, highWaterMark: CHUNK });
    const expected = await write(out).catch(async (err: unknown) => {
      // the stream opens its file asynchronously: wait until it has opened and closed it, or the
      // file would appear after the clean-up below has removed it (a temp file left behind)
      out.destroy();
      if (!out.closed) await new Promise<void>((done) => out.once('close', () => done()));
      throw err;
    });
    if (!out.writableFinished) await finished(out);
    await syncPath(tmp, 'r+');
    return expected;
  });
}

/**
 * As writeAndPlace, for a writer that writes the file itself: `produce` creates `tmp` (it must
 * not exist: open it 'wx'), writes and fsyncs it, and answers the number of bytes it must have;
 * then its size is checked and it is moved into place. Same errors and clean-up.
 */
export async function placeNewFile(
  finalPath: string,
  produce: (tmp: string) => Promise<number>,
): Promise<AssembleResult> {
  const tmp = `${finalPath}.tmp-${randomBytes(6).toString('hex')}`;
  // the random suffix makes the name ours alone: on failure it can be removed unconditionally
  let moved = false;
  try {
    const expected = await produce(tmp);
    const written = (await stat(tmp)).size;
    if (written !== expected) {
      throw new AppError(
        'INTERNAL',
        `Writing ${basename(finalPath)} stopped at ${written} of ${expected} bytes.`,
      );
    }
    await moveIntoPlace(tmp, finalPath);
    moved = true;
    await syncPath(dirname(finalPath), 'r').catch(() => undefined);
    return { path: finalPath, sizeBytes: expected };
  } catch (err) {
    if (!moved) await removeQuietly(tmp);
    if (isAppError(err)) throw err;
    const code = errnoCode(err);
    const detail = err instanceof Error ? err.message : String(err);
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new AppError('DISK_FULL', `The disk is full: could not write ${basename(finalPath)}.`, {
        cause: err,
      });
    }
    throw new AppError('INTERNAL', `Could not write ${basename(finalPath)}: ${detail}`, {
      cause: err,
    });
  }
}
