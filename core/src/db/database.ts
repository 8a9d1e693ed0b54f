import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { entities } from './entities/schemas';
import { migrations } from './migrations';
import { WriteLock } from './write-lock';

export interface DatabaseOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Tests only: create tables from the entities instead of running the migrations. */
  synchronizeForTests?: boolean;
}

/** The database: WAL, foreign keys on, migrations run at open, all writes serialized. */
export class Database {
  private readonly lock = new WriteLock();

  private constructor(readonly dataSource: DataSource) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    const dataSource = new DataSource({
      type: 'better-sqlite3',
      database: options.path,
      entities,
      migrations,
      migrationsRun: !options.synchronizeForTests,
      synchronize: options.synchronizeForTests === true,
      enableWAL: options.path !== ':memory:',
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
      },
      logging: false,
    });
    await dataSource.initialize();
    return new Database(dataSource);
  }

  /** Reads need no lock: WAL gives them a consistent snapshot. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /** One serialized transaction. Nest nothing inside: call `write` once per unit of work. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.lock.run(() => this.dataSource.transaction(work));
  }

  async journalMode(): Promise<string> {
    const rows = (await this.dataSource.query('PRAGMA journal_mode')) as { journal_mode: string }[];
    return rows[0]?.journal_mode ?? '';
  }

  async close(): Promise<void> {
    await this.lock.run(async () => {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    });
  }
}
