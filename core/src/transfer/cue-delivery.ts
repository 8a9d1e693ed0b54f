import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { cuePathOf, retargetCue } from '../processor/cue-sheet';

/** A cue sheet to upload beside a delivered MP3. */
export interface CueUpload {
  /** The local file to send (a temp copy when the FILE line had to change). */
  localPath: string;
  /** `<remote MP3 name without .mp3>.cue`. */
  fileName: string;
  /** Removes the temp copy, if one was made. */
  done: () => Promise<void>;
}

/**
 * The cue sheet beside `localMp3Path` (processing writes `<name>.cue` when the stream asks for
 * one), named after the MP3 as it landed remotely; undefined when there is none. When the MP3
 * landed under another name (`name (2).mp3`), a temp copy names it in its FILE line.
 */
export async function cueUploadFor(
  localMp3Path: string,
  remoteMp3Path: string,
): Promise<CueUpload | undefined> {
  const localCue = cuePathOf(localMp3Path);
  const text = await readFile(localCue, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const remoteName = basename(remoteMp3Path);
  const fileName = `${remoteName.replace(/\.mp3$/i, '')}.cue`;
  if (remoteName === basename(localMp3Path)) {
    return { localPath: localCue, fileName, done: () => Promise.resolve() };
  }
  const temp = `${localCue}.tmp-${randomBytes(6).toString('hex')}`;
  await writeFile(temp, retargetCue(text, remoteName), { encoding: 'utf8', flag: 'wx' });
  return { localPath: temp, fileName, done: () => rm(temp, { force: true }) };
}
