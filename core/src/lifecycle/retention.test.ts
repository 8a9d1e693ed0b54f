import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransferStatus } from '../../contract';
import type { Database } from '../db/database';
import { createEventBus } from '../events/event-bus';
import { SessionStore } from '../pipeline/session-store';
import { fakeClock, seedStream, testDatabase } from '../pipeline/test-fixtures';
import { memoryLogger } from '../ports/logger';
import { isExpired, runRetention } from './retention';
import { insertSession } from '../pipeline/session-fixtures';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();

describe('isExpired', () => {
  const base = {
    status: 'COMPLETED' as const,
    transferStatus: 'SKIPPED' as TransferStatus,
    outputFilePath: '/rec/a.mp3',
    startTime: ago(31),
    endTime: ago(31),
  };
  it('takes local-only files (no destination, or delivered) older than the retention', () => {
    expect(isExpired(base, NOW, 30)).toBe(true);
    expect(isExpired({ ...base, transferStatus: 'COMPLETED' }, NOW, 30)).toBe(true);
    expect(isExpired({ ...base, endTime: ago(29) }, NOW, 30)).toBe(false);
    expect(isExpired({ ...base, endTime: null, startTime: ago(40) }, NOW, 30)).toBe(true);
  });
  it('never takes a file a delivery still waits for', () => {
    for (const t of ['PENDING', 'IN_PROGRESS', 'FAILED'] as const) {
      expect(isExpired({ ...base, transferStatus: t, endTime: ago(400) }, NOW, 30)).toBe(false);
    }
  });
  it('keeps everything with retentionDays 0, and ignores sessions without a file or not completed', () => {
    expect(isExpired({ ...base, endTime: ago(4000) }, NOW, 0)).toBe(false);
    expect(isExpired({ ...base, outputFilePath: null }, NOW, 30)).toBe(false);
    expect(isExpired({ ...base, status: 'FAILED' }, NOW, 30)).toBe(false);
  });
});

describe('runRetention', () => {
  let db: Database;
  let dir: string;
  beforeEach(async () => {
    db = await testDatabase();
    await seedStream(db, { id: 'stream-1' });
    dir = mkdtempSync(join(tmpdir(), 'asr-retention-'));
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function recording(name: string, transferStatus: TransferStatus, endedDaysAgo: number) {
    const path = join(dir, `${name}.mp3`);
    writeFileSync(path, 'mp3');
    return insertSession(db, {
      transferStatus,
      outputFilePath: path,
      startTime: ago(endedDaysAgo + 0.05),
      endTime: ago(endedDaysAgo),
    });
  }

  it('removes old local-only recordings, keeps the rest, and records it on the session', async () => {
    const oldLocal = await recording('old-local', 'SKIPPED', 31);
    const oldDelivered = await recording('old-delivered', 'COMPLETED', 45);
    const recent = await recording('recent', 'SKIPPED', 29);
    const waiting = [
      await recording('pending', 'PENDING', 90),
      await recording('in-progress', 'IN_PROGRESS', 90),
      await recording('failed', 'FAILED', 90),
    ];
    const logger = memoryLogger();
    const sessions = new SessionStore(db, createEventBus(), fakeClock(NOW));
    const result = await runRetention({
      sessions,
      clock: fakeClock(NOW),
      logger,
      retentionDays: () => 30,
    });
    expect(result.removed.map((r) => r.sessionId).sort()).toEqual(
      [oldLocal.id, oldDelivered.id].sort(),
    );
    expect(existsSync(oldLocal.outputFilePath!)).toBe(false);
    expect(existsSync(oldDelivered.outputFilePath!)).toBe(false);
    expect((await sessions.get(oldLocal.id)).outputFilePath).toBeNull();
    expect((await sessions.get(oldLocal.id)).status).toBe('COMPLETED');
    for (const s of [recent, ...waiting]) {
      expect(existsSync(s.outputFilePath!)).toBe(true);
      expect((await sessions.get(s.id)).outputFilePath).toBe(s.outputFilePath);
    }
    expect(logger.entries.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Retention: removed old-local\.mp3 \(recorded \d{4}-\d\d-\d\d, older than 30 day\(s\)\)\./,
        ),
        expect.stringMatching(/^Retention: 2 recording\(s\) older than 30 day\(s\) removed\./),
      ]),
    );
  });

  it('keeps everything with retentionDays 0, and clears the path of a file already gone', async () => {
    const old = await recording('old', 'SKIPPED', 400);
    const sessions = new SessionStore(db, createEventBus(), fakeClock(NOW));
    const deps = { sessions, clock: fakeClock(NOW), logger: memoryLogger() };
    expect(await runRetention({ ...deps, retentionDays: () => 0 })).toEqual({ removed: [] });
    expect(existsSync(old.outputFilePath!)).toBe(true);
    rmSync(old.outputFilePath!);
    const r = await runRetention({ ...deps, retentionDays: () => 365 });
    expect(r.removed).toEqual([{ sessionId: old.id, path: old.outputFilePath }]);
    expect((await sessions.get(old.id)).outputFilePath).toBeNull();
  });

  it('leaves a file alone when a retry-transfer queued it between the query and the removal', async () => {
    const old = await recording('queued', 'SKIPPED', 40);
    const sessions = new SessionStore(db, createEventBus(), fakeClock(NOW));
    // the user retries the transfer right after retention picked its candidates
    const racing = {
      localFilesEndedBefore: sessions.localFilesEndedBefore.bind(sessions),
      updateIf: async (...args: Parameters<SessionStore['updateIf']>) => {
        await sessions.update(old.id, { transferStatus: 'PENDING' });
        return sessions.updateIf(...args);
      },
    };
    const r = await runRetention({
      sessions: racing,
      clock: fakeClock(NOW),
      logger: memoryLogger(),
      retentionDays: () => 30,
    });
    expect(r.removed).toEqual([]);
    expect(existsSync(old.outputFilePath!)).toBe(true);
    expect((await sessions.get(old.id)).outputFilePath).toBe(old.outputFilePath);
  });

  it('keeps the path and warns when the file cannot be removed', async () => {
    const old = await recording('locked', 'SKIPPED', 40);
    const sessions = new SessionStore(db, createEventBus(), fakeClock(NOW));
    const logger = memoryLogger();
    const r = await runRetention({
      sessions,
      clock: fakeClock(NOW),
      logger,
      retentionDays: () => 30,
      removeFile: async () => {
        throw new Error('EACCES: permission denied');
      },
    });
    expect(r.removed).toEqual([]);
    expect((await sessions.get(old.id)).outputFilePath).toBe(old.outputFilePath);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        sessionId: old.id,
        message: expect.stringMatching(/EACCES/),
      }),
    );
  });
});
