import BetterSqlite3 from 'better-sqlite3';
import type { QueryRunner } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { DeadAir1764500000000 } from './0006-dead-air';

function runnerOf(sqlite: BetterSqlite3.Database): QueryRunner {
  return {
    query: async (sql: string, params: unknown[] = []) => sqlite.prepare(sql).run(...params),
  } as unknown as QueryRunner;
}

describe('migration 0006: dead air on streams and sessions', () => {
  it('gives older streams the default level and length, older sessions no silences; down undoes it', async () => {
    const sqlite = new BetterSqlite3(':memory:');
    try {
      sqlite.exec(`CREATE TABLE "streams" ("id" varchar PRIMARY KEY, "name" varchar)`);
      sqlite.exec(`CREATE TABLE "sessions" ("id" varchar PRIMARY KEY, "status" varchar)`);
      sqlite.prepare(`INSERT INTO "streams" VALUES ('s1', 'Morning Show')`).run();
      sqlite.prepare(`INSERT INTO "sessions" VALUES ('x1', 'COMPLETED')`).run();
      const migration = new DeadAir1764500000000();
      await migration.up(runnerOf(sqlite));

      expect(sqlite.prepare('SELECT * FROM "streams"').get()).toEqual({
        id: 's1',
        name: 'Morning Show',
        silenceThresholdDb: -50,
        deadAirSeconds: 60,
      });
      expect(sqlite.prepare('SELECT * FROM "sessions"').get()).toEqual({
        id: 'x1',
        status: 'COMPLETED',
        silences: '[]',
        deadAir: 0,
      });
      // a new row gets the defaults too; a stream may turn detection off
      sqlite
        .prepare(`INSERT INTO "streams" ("id", "name", "deadAirSeconds") VALUES ('s2', 'B', 0)`)
        .run();
      expect(
        sqlite
          .prepare(`SELECT "silenceThresholdDb", "deadAirSeconds" FROM "streams" WHERE "id" = 's2'`)
          .get(),
      ).toEqual({
        silenceThresholdDb: -50,
        deadAirSeconds: 0,
      });

      await migration.down(runnerOf(sqlite));
      const columns = (table: string) =>
        (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
          (c) => c.name,
        );
      expect(columns('streams')).toEqual(['id', 'name']);
      expect(columns('sessions')).toEqual(['id', 'status']);
    } finally {
      sqlite.close();
    }
  });
});
