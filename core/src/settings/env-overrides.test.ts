import { describe, expect, it } from 'vitest';
import { loadSettings } from '../config/settings';
import { envOverrides } from './env-overrides';

describe('envOverrides', () => {
  it('reads RETENTION_DAYS and MIN_FREE_DISK_MB besides what loadSettings read', () => {
    const env = { RETENTION_DAYS: '0', MIN_FREE_DISK_MB: '1000000', LOG_LEVEL: 'error' };
    expect(envOverrides(loadSettings(env, '/tmp'), env)).toEqual({
      defaults: {
        maxConcurrentRecordings: 3,
        cleanupAfterTransfer: true,
        retentionDays: 0,
        minFreeDiskMb: 1_000_000,
        logLevel: 'error',
        notifyRecordingStarted: false,
        notifyRecordingCompleted: true,
        notifyRecordingFailed: true,
        notifyTransferFailed: true,
        preflightMinutes: 10,
      },
      locked: ['retentionDays', 'minFreeDiskMb', 'logLevel'],
    });
  });

  it('reads PREFLIGHT_MINUTES (0 turns the checks off) and locks it', () => {
    for (const [raw, minutes] of [
      ['0', 0],
      ['720', 720],
      [' 15 ', 15],
    ] as const) {
      const env = { PREFLIGHT_MINUTES: raw };
      const { defaults, locked } = envOverrides(loadSettings(env, '/tmp'), env);
      expect(defaults.preflightMinutes).toBe(minutes);
      expect(locked).toEqual(['preflightMinutes']);
    }
  });

  it('reads the notification switches from NOTIFY_* and locks them', () => {
    const env = {
      NOTIFY_RECORDING_STARTED: 'yes',
      NOTIFY_RECORDING_COMPLETED: '0',
      NOTIFY_TRANSFER_FAILED: 'off',
    };
    const { defaults, locked } = envOverrides(loadSettings(env, '/tmp'), env);
    expect(defaults).toMatchObject({
      notifyRecordingStarted: true,
      notifyRecordingCompleted: false,
      notifyRecordingFailed: true,
      notifyTransferFailed: false,
    });
    expect(locked).toEqual([
      'notifyRecordingStarted',
      'notifyRecordingCompleted',
      'notifyTransferFailed',
    ]);
  });

  it('treats an empty variable as unset', () => {
    const env = { RETENTION_DAYS: ' ', MIN_FREE_DISK_MB: '' };
    expect(envOverrides(loadSettings(env, '/tmp'), env).locked).toEqual([]);
  });

  it.each([
    ['RETENTION_DAYS', '3651'],
    ['RETENTION_DAYS', '1.5'],
    ['RETENTION_DAYS', 'forever'],
    ['MIN_FREE_DISK_MB', '-1'],
    ['NOTIFY_RECORDING_FAILED', 'maybe'],
    ['PREFLIGHT_MINUTES', '721'],
    ['PREFLIGHT_MINUTES', '-5'],
  ])('refuses %s=%s naming it', (name, value) => {
    expect(() => envOverrides(loadSettings({}, '/tmp'), { [name]: value })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: name }) as Error,
    );
  });
});
