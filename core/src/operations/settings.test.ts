import { afterEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../contract';
import type { Database } from '../db/database';
import { SettingEntity } from '../db/entities/schemas';
import { createEventBus } from '../events/event-bus';
import { ActiveRecordings } from '../pipeline/active-recordings';
import { memoryLogger } from '../ports/logger';
import { runtimeSettingsOn } from '../settings/test-settings';
import type { OperationContext } from './context';
import { checkedInvoke } from './resource-test-context';
import { settingsOperations } from './settings';

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function setup(env: NodeJS.ProcessEnv = {}) {
  const { db: opened, settings, runtime } = await runtimeSettingsOn(env);
  db = opened;
  const events = createEventBus();
  const system: EventMap['system'][] = [];
  events.on('system', (e) => system.push(e));
  const ctx = {
    settings,
    db,
    events,
    logger: memoryLogger(),
    active: new ActiveRecordings(),
    runtime,
  } as unknown as OperationContext;
  return { db, ctx, system, invoke: checkedInvoke(settingsOperations, ctx) };
}

const snapshot = async (d: Database) => d.reader.find(SettingEntity, { order: { key: 'ASC' } });

describe('settings operations', () => {
  it('settings.get answers the values and lockedByEnv', async () => {
    const { invoke } = await setup({ LOG_LEVEL: 'debug' });
    expect(await invoke('settings.get', {})).toEqual({
      maxConcurrentRecordings: 3,
      cleanupAfterTransfer: true,
      retentionDays: 30,
      minFreeDiskMb: 500,
      logLevel: 'debug',
      notifyRecordingStarted: false,
      notifyRecordingCompleted: true,
      notifyRecordingFailed: true,
      notifyTransferFailed: true,
      preflightMinutes: 10,
      lockedByEnv: ['logLevel'],
    });
  });

  it('settings.update changes, persists and answers the settings; GET sees it', async () => {
    const { invoke, db, system } = await setup();
    const answer = await invoke('settings.update', {
      maxConcurrentRecordings: 5,
      cleanupAfterTransfer: false,
    });
    expect(answer).toMatchObject({ maxConcurrentRecordings: 5, cleanupAfterTransfer: false });
    expect(await invoke('settings.get')).toEqual(answer);
    expect(await snapshot(db)).toEqual([
      { key: 'cleanupAfterTransfer', value: 'false' },
      { key: 'maxConcurrentRecordings', value: '5' },
    ]);
    expect(system).toEqual([{ activeRecordings: 0, maxConcurrentRecordings: 5 }]);
  });

  it('preflightMinutes: 0 turns the checks off, is kept by later changes of other settings', async () => {
    const { invoke, db } = await setup();
    expect(await invoke('settings.update', { preflightMinutes: 0 })).toMatchObject({
      preflightMinutes: 0,
    });
    // a patch without it keeps it (the contract's default only fills what was never stored)
    expect(await invoke('settings.update', { retentionDays: 3 })).toMatchObject({
      preflightMinutes: 0,
      retentionDays: 3,
    });
    expect(await snapshot(db)).toEqual([
      { key: 'preflightMinutes', value: '0' },
      { key: 'retentionDays', value: '3' },
    ]);
  });

  it('accepts what settings.get answered, lockedByEnv included', async () => {
    const { invoke } = await setup({ MAX_CONCURRENT_RECORDINGS: '2' });
    const read = (await invoke('settings.get')) as Record<string, unknown>;
    const answer = await invoke('settings.update', { ...read, retentionDays: 7 });
    expect(answer).toMatchObject({ retentionDays: 7, maxConcurrentRecordings: 2 });
  });

  it('refuses a locked setting with CONFLICT naming the variable, changing nothing', async () => {
    const { invoke, db, ctx } = await setup({ CLEANUP_AFTER_TRANSFER: 'true' });
    await expect(
      invoke('settings.update', { cleanupAfterTransfer: false, retentionDays: 1 }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'cleanupAfterTransfer',
      message: expect.stringContaining(
        'set by the environment variable CLEANUP_AFTER_TRANSFER',
      ) as string,
    });
    expect(await snapshot(db)).toEqual([]);
    expect(ctx.runtime.get().retentionDays).toBe(30);
  });

  it.each([
    [{ maxConcurrentRecordings: 0 }, 'maxConcurrentRecordings'],
    [{ maxConcurrentRecordings: 101 }, 'maxConcurrentRecordings'],
    [{ maxConcurrentRecordings: 2.5 }, 'maxConcurrentRecordings'],
    [{ maxConcurrentRecordings: '3' }, 'maxConcurrentRecordings'],
    [{ cleanupAfterTransfer: 'yes' }, 'cleanupAfterTransfer'],
    [{ retentionDays: -1 }, 'retentionDays'],
    [{ retentionDays: 3651 }, 'retentionDays'],
    [{ minFreeDiskMb: 1_000_001 }, 'minFreeDiskMb'],
    [{ minFreeDiskMb: null }, 'minFreeDiskMb'],
    [{ logLevel: 'verbose' }, 'logLevel'],
    [{ preflightMinutes: -1 }, 'preflightMinutes'],
    [{ preflightMinutes: 721 }, 'preflightMinutes'],
    [{ preflightMinutes: 2.5 }, 'preflightMinutes'],
    [{ preflightMinutes: null }, 'preflightMinutes'],
    [{ retentionDays: 3, maxConcurent: 4 }, undefined],
  ])('refuses %j with VALIDATION_FAILED naming %s', async (input, field) => {
    const { invoke, db } = await setup();
    const error = await invoke('settings.update', input).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((error as { field?: string }).field).toBe(field);
    if (!field) expect((error as Error).message).toContain('maxConcurent');
    expect(await snapshot(db)).toEqual([]);
  });
});
