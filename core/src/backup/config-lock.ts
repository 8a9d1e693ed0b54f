import type { Database } from '../db/database';
import { WriteLock } from '../db/write-lock';

const locks = new WeakMap<Database, WriteLock>();

/**
 * One lock per database for whole-configuration work that spans the database and files (a
 * restore renames key and artwork files after its transaction; a backup reads them): such work
 * runs one at a time, so that a backup never reads a restore's half-renamed files and two
 * restores never interleave their renames.
 */
export function configLock(db: Database): WriteLock {
  let lock = locks.get(db);
  if (!lock) locks.set(db, (lock = new WriteLock()));
  return lock;
}
