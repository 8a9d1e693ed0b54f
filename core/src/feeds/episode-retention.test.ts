import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_PODCAST } from '../../contract/podcast';
import type { Database } from '../db/database';
import { createRepositories } from '../db/repositories';
import { SessionRepository } from '../db/session-repository';
import { insertSession } from '../pipeline/session-fixtures';
import { seedStream, testDatabase } from '../pipeline/test-fixtures';
import { EpisodeRetention } from './episode-retention';

let db: Database;
let retention: EpisodeRetention;
beforeEach(async () => {
  db = await testDatabase();
  retention = new EpisodeRetention({
    streams: createRepositories(db).streams,
    sessions: new SessionRepository(db),
  });
});
afterEach(async () => {
  await db.close();
});

const day = (n: number) => `2026-11-0${n}T06:00:00.000Z`;

describe('EpisodeRetention', () => {
  it("keeps the feed's last keepEpisodes recordings and releases older delivered copies; no feed: keeps nothing, releases nothing", async () => {
    await seedStream(db, { id: 'pod', podcast: { ...NO_PODCAST, enabled: true, keepEpisodes: 2 } });
    await seedStream(db, { id: 'off' });
    for (const n of [1, 2, 3]) {
      for (const streamId of ['pod', 'off']) {
        await insertSession(db, {
          id: `${streamId}-${n}`,
          streamId,
          startTime: day(n),
          transferStatus: 'COMPLETED',
          outputFilePath: `/r/${streamId}-${n}.mp3`,
        });
      }
    }
    const keeps = async (id: string, streamId: string) =>
      retention.keepsAfterDelivery({ id, streamId });
    expect([
      await keeps('pod-1', 'pod'),
      await keeps('pod-2', 'pod'),
      await keeps('pod-3', 'pod'),
    ]).toEqual([false, true, true]);
    expect((await retention.released('pod')).map((s) => s.id)).toEqual(['pod-1']);
    expect(await keeps('off-3', 'off')).toBe(false);
    expect(await retention.released('off')).toEqual([]);
  });
});
