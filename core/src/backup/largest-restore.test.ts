import { describe, expect, it } from 'vitest';
import {
  backupDocumentSchema,
  MAX_BACKUP_BYTES,
  MAX_BACKUP_DESTINATIONS,
  MAX_BACKUP_SCHEDULES,
  MAX_BACKUP_STREAMS,
  MAX_BACKUP_TEXT_BYTES,
} from '../../contract/operations/backup';
import { ScheduleEntity, SessionEntity, StreamEntity } from '../db/entities/schemas';
import { watchStalls } from '../../test-support/event-loop-stalls';
import { createBackup } from './create-backup';
import { restoreBackup } from './restore-backup';
import {
  closeAfterEach,
  configuredInstallation,
  emptyInstallation,
  largestRestoreDocument,
  restoreDeps,
} from './test-support';

const opened = closeAfterEach();

describe('the largest document a restore accepts', () => {
  it('is as large as allowed, restores, and never holds the event loop long', async () => {
    const doc = await largestRestoreDocument();
    const text = JSON.stringify(doc);
    const withoutArtwork = JSON.stringify({
      ...doc,
      streams: doc.streams.map((s) => ({ ...s, artwork: null })),
    });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_BACKUP_BYTES);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_BACKUP_BYTES * 0.9);
    expect(Buffer.byteLength(withoutArtwork)).toBeLessThanOrEqual(MAX_BACKUP_TEXT_BYTES);
    expect(Buffer.byteLength(withoutArtwork)).toBeGreaterThan(MAX_BACKUP_TEXT_BYTES * 0.9);
    expect([doc.destinations.length, doc.streams.length, doc.schedules.length]).toEqual([
      MAX_BACKUP_DESTINATIONS,
      MAX_BACKUP_STREAMS,
      MAX_BACKUP_SCHEDULES,
    ]);
    expect(backupDocumentSchema.safeParse(doc).success).toBe(true);

    const inst = opened(await emptyInstallation());
    const input = JSON.parse(text) as unknown as typeof doc;
    const watch = watchStalls();
    const summary = await restoreBackup(restoreDeps(inst), input);
    const stalls = watch.stop();
    expect(summary).toMatchObject({ destinations: 100, streams: 500, schedules: 2000 });
    expect(await inst.db.reader.count(StreamEntity)).toBe(MAX_BACKUP_STREAMS);
    expect(await inst.db.reader.count(ScheduleEntity)).toBe(MAX_BACKUP_SCHEDULES);
    // every check and write of ~64 MB took seconds, in short turns (a loaded machine and a GC
    // pause aside: the whole used to hold the loop for several seconds)
    expect(stalls.cpuMs).toBeLessThan(200);
  }, 300_000);

  it('with a base, keeps its entries: a restore onto that installation stands', async () => {
    const inst = opened(await configuredInstallation());
    const base = await createBackup(inst);
    const doc = await largestRestoreDocument({ base });
    expect(doc.streams.slice(0, 3)).toEqual(base.streams);
    expect(doc.streams).toHaveLength(MAX_BACKUP_STREAMS);
    expect(Buffer.byteLength(JSON.stringify(doc))).toBeLessThanOrEqual(MAX_BACKUP_BYTES);
    // the installation has a session of stream-1: without its stream, this would be a 409
    await expect(
      restoreBackup(restoreDeps(inst), JSON.parse(JSON.stringify(doc)) as typeof doc),
    ).resolves.toMatchObject({ streams: MAX_BACKUP_STREAMS });
    expect(await inst.db.reader.count(SessionEntity)).toBe(1);
  }, 300_000);
});
