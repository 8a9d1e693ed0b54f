import { describe, expect, it } from 'vitest';
import { NativeCaptureTracks1764700000000 } from './0008-native-capture-tracks';
import { OLDER_SESSIONS, OLDER_STREAMS, withOlderTables } from './test-db';

describe('migration 0008: tracks on sessions, writeCueSheet on streams', () => {
  it('gives older sessions no tracks and older streams no cue sheet; down undoes it', async () => {
    await withOlderTables(
      {
        streams: OLDER_STREAMS,
        sessions: OLDER_SESSIONS,
      },
      async ({ runner, columns, firstRow }) => {
        const migration = new NativeCaptureTracks1764700000000();
        await migration.up(runner);
        expect(firstRow('streams')).toEqual({
          id: 's1',
          name: 'Morning Show',
          writeCueSheet: 0,
        });
        expect(firstRow('sessions')).toEqual({
          id: 'x1',
          status: 'COMPLETED',
          tracks: '[]',
        });
        await migration.down(runner);
        expect(columns('streams')).toEqual(['id', 'name']);
        expect(columns('sessions')).toEqual(['id', 'status']);
      },
    );
  });
});
