import { describe, expect, it } from 'vitest';
import {
  backupDocument as doc,
  backupSchedule as schedule,
} from '@contract/testing/backup-fixtures';
import { backupFileName, parseBackup } from './backup-file';

describe('parseBackup', () => {
  it('accepts a backup and fills what older backups lack', () => {
    const old = doc() as unknown as { settings: Record<string, unknown> };
    delete old.settings.notifyRecordingStarted;
    const parsed = parseBackup(JSON.stringify(old));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.doc.settings.notifyRecordingStarted).toBe(false);
  });

  it('says what is wrong, with where', () => {
    expect(parseBackup('{nope')).toEqual({
      ok: false,
      problems: ['The file is not JSON: pick a backup downloaded from Settings.'],
    });
    expect(parseBackup('{"hello": 1}')).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('not a backup of Audio Stream Recorder')],
    });
    const broken = doc({ schedules: [schedule('k1', 'missing')] });
    const parsed = parseBackup(JSON.stringify(broken));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems[0]).toMatch(/^schedules\.0\.streamId: .*refers to stream missing/);
    }
  });
});

describe('backupFileName', () => {
  it('names the file with the local date', () => {
    expect(backupFileName(new Date(2026, 0, 5, 23, 59))).toBe(
      'audio-stream-recorder-backup-2026-01-05.json',
    );
  });
});
