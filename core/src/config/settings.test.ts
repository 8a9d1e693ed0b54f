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
    expect(s.nativeCapture).toBe(true);
    expect(s.dataDir).toBe('/repo/data');
    expect(s.recordingsDir).toBe('/repo/data/recordings');
    expect(s.configDir).toBe('/repo/data/config');
    expect(s.logsDir).toBe('/repo/data/logs');
    expect(s.artworkDir).toBe('/repo/data/artwork');
    expect(s.lockedByEnv).toEqual([]);
    expect(s.trustProxy).toEqual([]);
    expect(s.allowedHosts).toEqual([]);
  });

  it('reads every variable of the contract', () => {
    const s = loadSettings(
      {
        WEB_PORT: '9000',
        HOST: '0.0.0.0',
        LOG_LEVEL: 'DEBUG',
        MAX_CONCURRENT_RECORDINGS: '5',
        CLEANUP_AFTER_TRANSFER: 'false',
        NATIVE_CAPTURE: 'false',
        TZ: 'Europe/Berlin',
        API_KEY: 'k'.repeat(16),
        TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,::1',
        ALLOWED_HOSTS: 'Recorder.LAN,192.168.1.20,::1',
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
      nativeCapture: false,
      timeZone: 'Europe/Berlin',
      apiKey: 'k'.repeat(16),
      trustProxy: ['10.0.0.1', '172.16.0.0/12', '::1'],
      allowedHosts: ['recorder.lan', '192.168.1.20', '[::1]'],
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
    [{ API_KEY: '0123456789abcde' }, 'API_KEY'],
    [{ TRUST_PROXY: 'proxy.lan' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1/8/1' }, 'TRUST_PROXY'],
    [{ ALLOWED_HOSTS: 'http://recorder.lan' }, 'ALLOWED_HOSTS'],
    [{ ALLOWED_HOSTS: 'recorder.lan:8666' }, 'ALLOWED_HOSTS'],
  ])('refuses bad values with the variable named: %o', (env, field) => {
    expect(() => loadSettings(env, '/repo')).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field }),
    );
  });

  it('stops the start on an API_KEY shorter than 16 characters, saying how to make one', () => {
    expect(() => loadSettings({ API_KEY: ' short-key ' }, '/repo')).toThrow(
      /API_KEY must be at least 16 characters long \(it has 9\).*openssl rand/,
    );
    expect(loadSettings({ API_KEY: '0123456789abcdef' }, '/repo').apiKey).toBe('0123456789abcdef');
    expect(loadSettings({ API_KEY: '  ' }, '/repo').apiKey).toBeUndefined();
  });

  it('reads METRICS_TOKEN, and stops the start on one that is short or has spaces', () => {
    expect(loadSettings({}, '/repo').metricsToken).toBeUndefined();
    expect(loadSettings({ METRICS_TOKEN: ' scrape-0123456789ab ' }, '/repo').metricsToken).toBe(
      'scrape-0123456789ab',
    );
    expect(() => loadSettings({ METRICS_TOKEN: 'short' }, '/repo')).toThrow(
      /^METRICS_TOKEN must be at least 16 characters long without spaces \(it has 5\)/,
    );
    expect(() => loadSettings({ METRICS_TOKEN: 'scrape 0123456789 ab' }, '/repo')).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'METRICS_TOKEN' }),
    );
  });

  it('reads PUBLIC_URL (the link base of alerts) and stops the start on one that is not http(s)', () => {
    expect(loadSettings({}, '/repo').publicUrl).toBeUndefined();
    expect(loadSettings({ PUBLIC_URL: ' https://rec.example.org/ ' }, '/repo').publicUrl).toBe(
      'https://rec.example.org',
    );
    expect(() => loadSettings({ PUBLIC_URL: 'ftp://rec.example.org' }, '/repo')).toThrow(
      /^PUBLIC_URL "ftp:" URLs are not allowed here/,
    );
  });
});
