import { describe, expect, it } from 'vitest';
import { DeadAir1764500000000 } from './0006-dead-air';
import { OLDER_SESSIONS, OLDER_STREAMS, withOlderTables } from './test-db';

describe('migration 0006: dead air on streams and sessions', () => {
  it('gives older streams the default level and length, older sessions no silences; down undoes it', async () => {
    await withOlderTables(
      {
        streams: OLDER_STREAMS,
        sessions: OLDER_SESSIONS,
      },
      async ({ sqlite, runner, columns, firstRow }) => {
        const migration = new DeadAir1764500000000();
        await migration.up(runner);

        expect(firstRow('streams')).toEqual({
          id: 's1',
          name: 'Morning Show',
          silenceThresholdDb: -50,
          deadAirSeconds: 60,
        });
        expect(firstRow('sessions')).toEqual({
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
            .prepare(
              `SELECT "silenceThresholdDb", "deadAirSeconds" FROM "streams" WHERE "id" = 's2'`,
            )
            .get(),
        ).toEqual({
          silenceThresholdDb: -50,
          deadAirSeconds: 0,
        });

        await migration.down(runner);
        expect(columns('streams')).toEqual(['id', 'name']);
        expect(columns('sessions')).toEqual(['id', 'status']);
      },
    );
  });
});
