import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract';
import { settingsValues } from '../../contract/testing/backup-fixtures';
import { loadSettings } from '../config/settings';
import type { Database } from '../db/database';
import { createRepositories } from '../db/repositories';
import { SettingEntity } from '../db/entities/schemas';
import { testDatabase } from '../pipeline/test-fixtures';
import { createRuntimeSettings } from './create-runtime-settings';
import { runtimeSettingsOn } from './test-settings';

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function setup(env: NodeJS.ProcessEnv = {}) {
  const made = await runtimeSettingsOn(env);
  db = made.db;
  return { db: made.db, runtime: made.runtime };
}

async function rows(d: Database) {
  return (await d.reader.find(SettingEntity)).sort((a, b) => a.key.localeCompare(b.key));
}

describe('createRuntimeSettings', () => {
  it('starts from the defaults', async () => {
    const { runtime } = await setup();
    // the fixture's values are the defaults but for the retention (0 there: kept forever)
    expect(runtime.get()).toEqual(settingsValues({ retentionDays: 30 }));
    expect(runtime.lockedByEnv).toEqual([]);
  });

  it('persists an update in the settings table and reads it back at the next start', async () => {
    const { db, runtime } = await setup();
    const seen: unknown[] = [];
    runtime.onChange((v) => seen.push(v));
    const after = await runtime.update({ retentionDays: 0, logLevel: 'debug' });
    expect(after.retentionDays).toBe(0);
    expect(after.logLevel).toBe('debug');
    expect(await rows(db)).toEqual([
      { key: 'logLevel', value: '"debug"' },
      { key: 'retentionDays', value: '0' },
    ]);
    expect(seen).toEqual([after]);
    const again = await createRuntimeSettings(
      createRepositories(db).settings,
      loadSettings({}, '/tmp/unused'),
      {},
    );
    expect(again.get()).toEqual(after);
  });

  it('locks the names an environment variable sets, and refuses to change them', async () => {
    const env = {
      MAX_CONCURRENT_RECORDINGS: '7',
      RETENTION_DAYS: '90',
      MIN_FREE_DISK_MB: '0',
      LOG_LEVEL: 'warn',
      CLEANUP_AFTER_TRANSFER: 'false',
    };
    const { db, runtime } = await setup(env);
    expect(runtime.lockedByEnv).toEqual([
      'maxConcurrentRecordings',
      'cleanupAfterTransfer',
      'retentionDays',
      'minFreeDiskMb',
      'logLevel',
    ]);
    expect(runtime.get()).toEqual({
      maxConcurrentRecordings: 7,
      cleanupAfterTransfer: false,
      retentionDays: 90,
      minFreeDiskMb: 0,
      logLevel: 'warn',
      notifyRecordingStarted: false,
      notifyRecordingCompleted: true,
      notifyRecordingFailed: true,
      notifyTransferFailed: true,
      preflightMinutes: 10,
    });
    const error = await runtime.update({ retentionDays: 10 }).catch((e: unknown) => e);
    expect(isAppError(error) && error.toBody()).toEqual({
      code: 'CONFLICT',
      field: 'retentionDays',
      message:
        'This setting is set by the environment variable RETENTION_DAYS: change it there and restart.',
    });
    expect(await rows(db)).toEqual([]);
    expect(runtime.get().retentionDays).toBe(90);
    // sending a locked value back unchanged is accepted (the UI PUTs the whole form)
    await expect(runtime.update({ retentionDays: 90 })).resolves.toMatchObject({
      retentionDays: 90,
    });
  });

  it('a refused patch changes nothing, not even its valid names', async () => {
    const { db, runtime } = await setup({ LOG_LEVEL: 'info' });
    await expect(runtime.update({ retentionDays: 5, logLevel: 'debug' })).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'logLevel',
    });
    await expect(
      runtime.update({ retentionDays: 5, maxConcurrentRecordings: 0 }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'maxConcurrentRecordings' });
    expect(await rows(db)).toEqual([]);
    expect(runtime.get().retentionDays).toBe(30);
  });

  it('the environment wins over a stored row', async () => {
    db = await testDatabase();
    await db.write((m) => m.save(SettingEntity, { key: 'retentionDays', value: '12' }));
    const runtime = await createRuntimeSettings(
      createRepositories(db).settings,
      loadSettings({}, '/tmp'),
      {
        RETENTION_DAYS: '3',
      },
    );
    expect(runtime.get().retentionDays).toBe(3);
  });

  it('ignores damaged rows and rows that are not run-time settings', async () => {
    db = await testDatabase();
    await db.write(async (m) => {
      await m.save(SettingEntity, { key: 'retentionDays', value: 'not json' });
      await m.save(SettingEntity, { key: 'minFreeDiskMb', value: '-4' });
      await m.save(SettingEntity, { key: 'auth.passwordHash', value: 'x' });
    });
    const runtime = await createRuntimeSettings(
      createRepositories(db).settings,
      loadSettings({}, '/tmp'),
      {},
    );
    expect(runtime.get()).toMatchObject({ retentionDays: 30, minFreeDiskMb: 500 });
  });

  it('refuses an environment value out of range at start', async () => {
    db = await testDatabase();
    await expect(
      createRuntimeSettings(createRepositories(db).settings, loadSettings({}, '/tmp'), {
        MIN_FREE_DISK_MB: '-1',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'MIN_FREE_DISK_MB' });
  });

  it('reload picks up rows written by someone else (a restore) and notifies', async () => {
    const { db, runtime } = await setup();
    const seen: number[] = [];
    const off = runtime.onChange((v) => seen.push(v.maxConcurrentRecordings));
    await db.write((m) => m.save(SettingEntity, { key: 'maxConcurrentRecordings', value: '9' }));
    expect(runtime.get().maxConcurrentRecordings).toBe(3);
    await runtime.reload();
    expect(runtime.get().maxConcurrentRecordings).toBe(9);
    off();
    await runtime.update({ maxConcurrentRecordings: 4 });
    expect(seen).toEqual([9]);
  });

  it('concurrent updates keep each other', async () => {
    const { runtime } = await setup();
    await Promise.all([
      runtime.update({ retentionDays: 1 }),
      runtime.update({ minFreeDiskMb: 2 }),
      runtime.update({ cleanupAfterTransfer: false }),
    ]);
    expect(runtime.get()).toMatchObject({
      retentionDays: 1,
      minFreeDiskMb: 2,
      cleanupAfterTransfer: false,
    });
  });
});
