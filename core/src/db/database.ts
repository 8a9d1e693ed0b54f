import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { createPrivateFile, privateFile, type ModeProblem } from '../config/private-files';
import { entities } from './entities/schemas';
import { migrationsFor, SECRETS_MIGRATION } from './migrations';
import { WriteLock } from './write-lock';

export interface DatabaseOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** CONFIG_DIR: where secrets that a migration moves out of the database go. */
  configDir?: string;
  /** Tests only: create tables from the entities instead of running the migrations. */
  synchronizeForTests?: boolean;
  /** Told when a database file's mode cannot be made 0600 (not the owner, ...). */
  onModeProblem?: ModeProblem;
}

/** The files SQLite keeps beside the database in WAL mode. */
const SIDE_FILES = ['-wal', '-shm'];

/**
 * The database: WAL, foreign keys on, migrations run at open, all writes serialized. Its files are
 * the owner's only (0600), also when they existed with a looser mode: the database file is created
 * 0600 before SQLite opens it, and SQLite gives the -wal and -shm files the database file's mode.
 */
export class Database {
  private readonly lock = new WriteLock();

  private constructor(readonly dataSource: DataSource) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    const onFile = options.path !== ':memory:';
    const problem = options.onModeProblem ?? (() => undefined);
    if (onFile) {
      mkdirSync(dirname(options.path), { recursive: true });
      for (const suffix of SIDE_FILES) privateFile(`${options.path}${suffix}`, problem);
      createPrivateFile(options.path, problem);
    }
    const dataSource = new DataSource({
      type: 'better-sqlite3',
      database: options.path,
      entities,
      migrations: migrationsFor({ configDir: options.configDir }),
      migrationsRun: false, // below: a failure closes the file, a move of secrets is cleaned up
      synchronize: options.synchronizeForTests === true,
      enableWAL: onFile,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
      },
      logging: false,
    });
    await dataSource.initialize();
    try {
      if (!options.synchronizeForTests) {
        const ran = await dataSource.runMigrations({ transaction: 'all' });
        // secrets moved out of the database: rewrite it, so that no free page or old WAL frame
        // still holds them
        if (onFile && ran.some((m) => m.name === SECRETS_MIGRATION)) {
          await dataSource.query('VACUUM');
          await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
        }
      }
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw error;
    }
    if (onFile) for (const suffix of SIDE_FILES) privateFile(`${options.path}${suffix}`, problem);
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
