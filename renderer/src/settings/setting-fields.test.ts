import { describe, expect, it } from 'vitest';
import { SETTING_NAMES, type SettingsValues } from '@contract/operations';
import { settingsValues } from '@contract/testing/backup-fixtures';
import { SETTING_DESCRIPTIONS, formatSettingValue, settingsOf } from './setting-descriptions';
import { changedSettings, settingKind, settingProblem } from './setting-fields';

const saved: SettingsValues = settingsValues();

describe('settings as fields', () => {
  it('reads kinds and ranges from the contract schema', () => {
    expect(settingKind('maxConcurrentRecordings')).toEqual({ type: 'number', min: 1, max: 100 });
    expect(settingKind('retentionDays')).toEqual({ type: 'number', min: 0, max: 3650 });
    expect(settingKind('preflightMinutes')).toEqual({ type: 'number', min: 0, max: 720 });
    expect(settingKind('cleanupAfterTransfer')).toEqual({ type: 'boolean' });
    expect(settingKind('logLevel')).toEqual({
      type: 'choice',
      options: ['debug', 'info', 'warn', 'error'],
    });
  });

  it('describes every setting and puts each in a group', () => {
    for (const name of SETTING_NAMES) expect(SETTING_DESCRIPTIONS[name].label).toBeTruthy();
    expect(settingsOf('notifications')).toEqual([
      'notifyRecordingStarted',
      'notifyRecordingCompleted',
      'notifyRecordingFailed',
      'notifyTransferFailed',
    ]);
    expect(settingsOf('recording')).toContain('preflightMinutes');
    expect(
      [...settingsOf('recording'), ...settingsOf('storage'), ...settingsOf('notifications')].sort(),
    ).toEqual([...SETTING_NAMES].sort());
  });

  it('says what is wrong with a value as the server would', () => {
    expect(settingProblem('maxConcurrentRecordings', 0)).toBe(
      'Must be a whole number from 1 to 100.',
    );
    expect(settingProblem('maxConcurrentRecordings', 2.5)).toBe(
      'Must be a whole number from 1 to 100.',
    );
    expect(settingProblem('retentionDays', null)).toBe('Enter a number.');
    expect(settingProblem('retentionDays', 30)).toBeUndefined();
    expect(settingProblem('logLevel', 'loud')).toBeDefined();
    expect(settingProblem('preflightMinutes', 721)).toBe('Must be a whole number from 0 to 720.');
    expect(settingProblem('preflightMinutes', 0)).toBeUndefined();
  });

  it('sends only what changed', () => {
    expect(changedSettings({ ...saved }, saved)).toEqual({});
    expect(changedSettings({ ...saved, retentionDays: 30, logLevel: 'debug' }, saved)).toEqual({
      retentionDays: 30,
      logLevel: 'debug',
    });
  });

  it('words values for people', () => {
    expect(formatSettingValue('retentionDays', 0)).toBe('forever');
    expect(formatSettingValue('retentionDays', 30)).toBe('30 days');
    expect(formatSettingValue('minFreeDiskMb', 500)).toBe('500 MB');
    expect(formatSettingValue('cleanupAfterTransfer', false)).toBe('off');
    expect(formatSettingValue('preflightMinutes', 0)).toBe('off');
    expect(formatSettingValue('preflightMinutes', 10)).toBe('10 minutes before');
  });
});
