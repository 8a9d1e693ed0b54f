import type { EntityManager } from 'typeorm';
import type { Database } from './database';

/**
 * Where a repository runs its statements: on the database (reads on WAL snapshots, each write
 * its own serialized transaction through `Database.write`), or inside one transaction of
 * `Repositories.write` (reads and writes on that transaction, which is already serialized).
 */
export interface Scope {
  readonly read: EntityManager;
  write<T>(work: (m: EntityManager) => Promise<T>): Promise<T>;
}

export function databaseScope(db: Database): Scope {
  return {
    get read() {
      return db.reader;
    },
    write: (work) => db.write(work),
  };
}

export function transactionScope(m: EntityManager): Scope {
  return { read: m, write: (work) => work(m) };
}
