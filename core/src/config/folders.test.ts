import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import { prepareFolders } from './folders';
import { loadSettings } from './settings';

let base: string;
const mode = (path: string) => statSync(path).mode & 0o777;
tempDirEachTest('asr-folders-', (d) => (base = d));

describe('prepareFolders', () => {
  it('creates data, config and logs 0700; recordings and artwork keep the umask modes', () => {
    const settings = loadSettings({ TZ: 'UTC', RECORDINGS_DIR: 'music' }, base);
    expect(prepareFolders(settings)).toEqual([]);
    const control = join(base, 'control');
    mkdirSync(control);
    const usual = mode(control);
    expect(mode(settings.dataDir)).toBe(0o700);
    expect(mode(settings.configDir)).toBe(0o700);
    expect(mode(settings.logsDir)).toBe(0o700);
    expect(mode(join(settings.dataDir, 'parts'))).toBe(usual);
    expect(mode(settings.recordingsDir)).toBe(usual);
    expect(mode(settings.artworkDir)).toBe(usual);
  });

  it('tightens what an older version left readable: folders, keys, backups, logs', () => {
    const settings = loadSettings({ TZ: 'UTC' }, base);
    const loose = (path: string, content?: string) => {
      if (content === undefined) mkdirSync(path, { recursive: true });
      else writeFileSync(path, content);
      chmodSync(path, content === undefined ? 0o755 : 0o644);
    };
    loose(settings.dataDir);
    loose(settings.configDir);
    loose(join(settings.configDir, 'keys'));
    loose(join(settings.configDir, 'keys', 'd1.pem'), 'key');
    loose(join(settings.dataDir, 'backups'));
    loose(join(settings.dataDir, 'backups', 'backup-2026-01-01.json'), '{}');
    loose(settings.logsDir);
    loose(join(settings.logsDir, 'recorder.log.1'), 'line');
    loose(join(settings.logsDir, 'other-program.log'), 'not ours');
    loose(settings.recordingsDir);
    loose(join(settings.recordingsDir, 'show.mp3'), 'mp3');
    prepareFolders(settings);
    expect(mode(settings.dataDir)).toBe(0o700);
    expect(mode(settings.configDir)).toBe(0o700);
    expect(mode(join(settings.configDir, 'keys'))).toBe(0o700);
    expect(mode(join(settings.configDir, 'keys', 'd1.pem'))).toBe(0o600);
    expect(mode(join(settings.dataDir, 'backups'))).toBe(0o700);
    expect(mode(join(settings.dataDir, 'backups', 'backup-2026-01-01.json'))).toBe(0o600);
    expect(mode(settings.logsDir)).toBe(0o700);
    expect(mode(join(settings.logsDir, 'recorder.log.1'))).toBe(0o600);
    expect(mode(join(settings.logsDir, 'other-program.log'))).toBe(0o644);
    // the user's library is theirs
    expect(mode(settings.recordingsDir)).toBe(0o755);
    expect(mode(join(settings.recordingsDir, 'show.mp3'))).toBe(0o644);
  });
});
