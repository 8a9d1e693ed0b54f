import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isInside } from './paths';

/** The stored cover of stream `streamId`: ARTWORK_DIR/<id>.jpg. */
export function artworkFilePath(artworkDir: string, streamId: string): string {
  return join(artworkDir, `${streamId.replace(/[^A-Za-z0-9_-]/g, '_')}.jpg`);
}

/** Writes the (normalised) JPEG under a temporary name and renames it into place. */
export async function writeArtwork(
  artworkDir: string,
  streamId: string,
  jpeg: Buffer,
): Promise<string> {
  await mkdir(artworkDir, { recursive: true });
  const path = artworkFilePath(artworkDir, streamId);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, jpeg, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return path;
}

/** Deletes a stored artwork file; paths outside ARTWORK_DIR are never touched. */
export async function removeArtworkFile(artworkDir: string, path: string | null): Promise<void> {
  if (path && isInside(artworkDir, path)) await rm(path, { force: true });
}
