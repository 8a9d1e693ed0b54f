import BetterSqlite3 from 'better-sqlite3';
import type { QueryRunner } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { NativeCaptureTracks1764700000000 } from './0008-native-capture-tracks';

function runnerOf(sqlite: BetterSqlite3.Database): QueryRunner {
  return {
    query: async (sql: string, params: unknown[] = []) => sqlite.prepare(sql).run(...params),
  } as unknown as QueryRunner;
}

describe('migration 0008: tracks on sessions, writeCueSheet on streams', () => {
  it('gives older sessions no tracks and older streams no cue sheet; down undoes it', async () => {
    const sqlite = new BetterSqlite3(':memory:');
    try {
      sqlite.exec(`CREATE TABLE "streams" ("id" varchar PRIMARY KEY, "name" varchar)`);
      sqlite.exec(`CREATE TABLE "sessions" ("id" varchar PRIMARY KEY, "status" varchar)`);
      sqlite.prepare(`INSERT INTO "streams" VALUES ('s1', 'Morning Show')`).run();
      sqlite.prepare(`INSERT INTO "sessions" VALUES ('x1', 'COMPLETED')`).run();
      const migration = new NativeCaptureTracks1764700000000();
      await migration.up(runnerOf(sqlite));
      expect(sqlite.prepare('SELECT * FROM "streams"').get()).toEqual({
        id: 's1',
        name: 'Morning Show',
        writeCueSheet: 0,
      });
      expect(sqlite.prepare('SELECT * FROM "sessions"').get()).toEqual({
        id: 'x1',
        status: 'COMPLETED',
        tracks: '[]',
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
