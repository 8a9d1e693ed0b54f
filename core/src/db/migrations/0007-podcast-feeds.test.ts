import { describe, expect, it } from 'vitest';
import { NO_PODCAST } from '../../../contract/podcast';
import { NO_PODCAST_JSON, PodcastFeeds1764600000000 } from './0007-podcast-feeds';
import { OLDER_STREAMS, withOlderTables } from './test-db';

describe('migration 0007: podcast feeds', () => {
  it('gives older streams no feed and older destinations no public address; down undoes it', async () => {
    await withOlderTables(
      {
        streams: OLDER_STREAMS,
        destinations: {
          columns: `"id" varchar PRIMARY KEY, "name" varchar`,
          rows: [['d1', 'NAS']],
        },
      },
      async ({ runner, columns, firstRow }) => {
        const migration = new PodcastFeeds1764600000000();
        await migration.up(runner);

        const stream = firstRow('streams') as { podcast: string };
        expect(JSON.parse(stream.podcast)).toEqual(NO_PODCAST);
        expect(NO_PODCAST_JSON).toBe(JSON.stringify(NO_PODCAST));
        expect(firstRow('destinations')).toEqual({
          id: 'd1',
          name: 'NAS',
          publicBaseUrl: null,
        });

        await migration.down(runner);
        expect(columns('streams')).toEqual(['id', 'name']);
        expect(columns('destinations')).toEqual(['id', 'name']);
      },
    );
  });
});
