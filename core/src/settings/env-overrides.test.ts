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
      },
      locked: ['retentionDays', 'minFreeDiskMb', 'logLevel'],
    });
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
  ])('refuses %s=%s naming it', (name, value) => {
    expect(() => envOverrides(loadSettings({}, '/tmp'), { [name]: value })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: name }) as Error,
    );
  });
});
