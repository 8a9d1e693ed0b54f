import { describe, expect, it } from 'vitest';
import type { Database } from './database';
import { SettingEntity } from './entities/schemas';
import { testDatabasePerTest } from '../pipeline/test-database';
import { readStoredSettings, writeStoredSettings } from './settings-repository';

let db: Database | undefined;
const openDatabase = testDatabasePerTest();

describe('stored settings', () => {
  it('writes one JSON row per given name and reads them back', async () => {
    db = await openDatabase();
    await db.write((m) =>
      writeStoredSettings(m, { cleanupAfterTransfer: false, logLevel: 'warn', retentionDays: 9 }),
    );
    await db.write((m) => writeStoredSettings(m, { retentionDays: 10 }));
    expect(await db.reader.find(SettingEntity, { order: { key: 'ASC' } })).toEqual([
      { key: 'cleanupAfterTransfer', value: 'false' },
      { key: 'logLevel', value: '"warn"' },
      { key: 'retentionDays', value: '10' },
    ]);
    expect(await readStoredSettings(db.reader)).toEqual({
      cleanupAfterTransfer: false,
      logLevel: 'warn',
      retentionDays: 10,
    });
  });

  it('leaves rows of other parts alone', async () => {
    db = await openDatabase();
    await db.write(async (m) => {
      await m.save(SettingEntity, { key: 'apiKey', value: 'abc' });
      await writeStoredSettings(m, { minFreeDiskMb: 1 });
    });
    expect(await readStoredSettings(db.reader)).toEqual({ minFreeDiskMb: 1 });
    expect(await db.reader.findOneBy(SettingEntity, { key: 'apiKey' })).toEqual({
      key: 'apiKey',
      value: 'abc',
    });
  });
});
