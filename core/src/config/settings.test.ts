import { describe, expect, it } from 'vitest';
import { loadSettings } from './settings';

describe('loadSettings', () => {
  it('uses the contract defaults and folders inside the checkout', () => {
    const s = loadSettings({ TZ: 'UTC' }, '/repo');
    expect(s.webPort).toBe(8666);
    expect(s.host).toBe('127.0.0.1');
    expect(s.logLevel).toBe('info');
    expect(s.maxConcurrentRecordings).toBe(3);
    expect(s.cleanupAfterTransfer).toBe(true);
    expect(s.dataDir).toBe('/repo/data');
    expect(s.recordingsDir).toBe('/repo/data/recordings');
    expect(s.configDir).toBe('/repo/data/config');
    expect(s.logsDir).toBe('/repo/data/logs');
    expect(s.artworkDir).toBe('/repo/data/artwork');
    expect(s.lockedByEnv).toEqual([]);
  });

  it('reads every variable of the contract', () => {
    const s = loadSettings(
      {
        WEB_PORT: '9000',
        HOST: '0.0.0.0',
        LOG_LEVEL: 'DEBUG',
        MAX_CONCURRENT_RECORDINGS: '5',
        CLEANUP_AFTER_TRANSFER: 'false',
        TZ: 'Europe/Berlin',
        API_KEY: 'k',
        ADMIN_PASSWORD: 'p',
        TLS_CERT_FILE: '/c.pem',
        TLS_KEY_FILE: '/k.pem',
        FFMPEG_PATH: '/opt/ffmpeg',
        DATA_DIR: '/app/data',
        RECORDINGS_DIR: '/app/recordings',
        CONFIG_DIR: '/app/config',
        LOGS_DIR: '/app/logs',
        ARTWORK_DIR: '/app/artwork',
      },
      '/repo',
    );
    expect(s).toMatchObject({
      webPort: 9000,
      host: '0.0.0.0',
      logLevel: 'debug',
      maxConcurrentRecordings: 5,
      cleanupAfterTransfer: false,
      timeZone: 'Europe/Berlin',
      apiKey: 'k',
      adminPassword: 'p',
      tlsCertFile: '/c.pem',
      tlsKeyFile: '/k.pem',
      ffmpegPath: '/opt/ffmpeg',
      dataDir: '/app/data',
      recordingsDir: '/app/recordings',
      configDir: '/app/config',
      logsDir: '/app/logs',
      artworkDir: '/app/artwork',
    });
    expect(s.lockedByEnv.sort()).toEqual([
      'cleanupAfterTransfer',
      'logLevel',
      'maxConcurrentRecordings',
    ]);
  });

  it.each([
    [{ WEB_PORT: '70000' }, 'WEB_PORT'],
    [{ MAX_CONCURRENT_RECORDINGS: 'two' }, 'MAX_CONCURRENT_RECORDINGS'],
    [{ CLEANUP_AFTER_TRANSFER: 'maybe' }, 'CLEANUP_AFTER_TRANSFER'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TZ: 'Mars/Olympus' }, 'TZ'],
  ])('refuses bad values with the variable named: %o', (env, field) => {
    expect(() => loadSettings(env, '/repo')).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field }),
    );
  });
});
