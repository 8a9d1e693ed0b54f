import BetterSqlite3 from 'better-sqlite3';
import type { QueryRunner } from 'typeorm';

/** A table as a release before the migration left it: its columns (SQL) and its rows. */
export interface OlderTable {
  columns: string;
  rows?: readonly (readonly unknown[])[];
}

/** `streams` and `sessions` reduced to an id and one column, with one row each. */
export const OLDER_STREAMS: OlderTable = {
  columns: `"id" varchar PRIMARY KEY, "name" varchar`,
  rows: [['s1', 'Morning Show']],
};
export const OLDER_SESSIONS: OlderTable = {
  columns: `"id" varchar PRIMARY KEY, "status" varchar`,
  rows: [['x1', 'COMPLETED']],
};

/** What a migration test reads: the database, the runner a migration is handed, and readers. */
export interface MigrationTestDb {
  sqlite: BetterSqlite3.Database;
  /** The part of TypeORM's QueryRunner the migrations use: `query(sql, params)`. */
  runner: QueryRunner;
  /** The names of a table's columns, in order. */
  columns(table: string): string[];
  /** A table's first row. */
  firstRow(table: string): unknown;
}

/**
 * Runs `test` against an in-memory SQLite database holding `tables` (created, then filled), and
 * closes it afterwards, whatever happens. Shared by the migration tests.
 */
export async function withOlderTables(
  tables: Record<string, OlderTable>,
  test: (db: MigrationTestDb) => Promise<void>,
): Promise<void> {
  const sqlite = new BetterSqlite3(':memory:');
  try {
    for (const [name, table] of Object.entries(tables)) {
      sqlite.exec(`CREATE TABLE "${name}" (${table.columns})`);
      for (const row of table.rows ?? []) {
        const marks = row.map(() => '?').join(', ');
        sqlite.prepare(`INSERT INTO "${name}" VALUES (${marks})`).run(...row);
      }
    }
    await test({
      sqlite,
      runner: {
        query: async (sql: string, params: unknown[] = []) => sqlite.prepare(sql).run(...params),
      } as unknown as QueryRunner,
      columns: (table) =>
        (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
          (column) => column.name,
        ),
      firstRow: (table) => sqlite.prepare(`SELECT * FROM "${table}"`).get(),
    });
  } finally {
    sqlite.close();
  }
}
