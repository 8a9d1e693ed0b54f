import BetterSqlite3 from 'better-sqlite3';
import type { QueryRunner } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { NO_PODCAST } from '../../../contract/podcast';
import { NO_PODCAST_JSON, PodcastFeeds1764600000000 } from './0007-podcast-feeds';

function runnerOf(sqlite: BetterSqlite3.Database): QueryRunner {
  return {
    query: async (sql: string, params: unknown[] = []) => sqlite.prepare(sql).run(...params),
  } as unknown as QueryRunner;
}

describe('migration 0007: podcast feeds', () => {
  it('gives older streams no feed and older destinations no public address; down undoes it', async () => {
    const sqlite = new BetterSqlite3(':memory:');
    try {
      sqlite.exec(`CREATE TABLE "streams" ("id" varchar PRIMARY KEY, "name" varchar)`);
      sqlite.exec(`CREATE TABLE "destinations" ("id" varchar PRIMARY KEY, "name" varchar)`);
      sqlite.prepare(`INSERT INTO "streams" VALUES ('s1', 'Morning Show')`).run();
      sqlite.prepare(`INSERT INTO "destinations" VALUES ('d1', 'NAS')`).run();
      const migration = new PodcastFeeds1764600000000();
      await migration.up(runnerOf(sqlite));

      const stream = sqlite.prepare('SELECT * FROM "streams"').get() as { podcast: string };
      expect(JSON.parse(stream.podcast)).toEqual(NO_PODCAST);
      expect(NO_PODCAST_JSON).toBe(JSON.stringify(NO_PODCAST));
      expect(sqlite.prepare('SELECT * FROM "destinations"').get()).toEqual({
        id: 'd1',
        name: 'NAS',
        publicBaseUrl: null,
      });

      await migration.down(runnerOf(sqlite));
      const columns = (table: string) =>
        (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
          (c) => c.name,
        );
      expect(columns('streams')).toEqual(['id', 'name']);
      expect(columns('destinations')).toEqual(['id', 'name']);
    } finally {
      sqlite.close();
    }
  });
});
