import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSettings } from '../../core/src/config/settings';
import { createEventBus } from '../../core/src/events/event-bus';
import { FakeEmitter, FakeIpcMain, sessionDto } from '../testing/fakes';
import { bundledFfmpeg, desktopEnvironment, unpackedPath } from './core-env';
import { contentSecurityPolicy } from './csp';
import { openDesktopConfig } from './desktop-config';
import { forwardEvents } from './event-forwarder';
import { setUpMainLog, writeCoreEntry } from './log-bridge';
import { pauseAllSchedules, resumeSchedules } from './pause-schedules';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'asr-desktop-'));
  dirs.push(d);
  return d;
};

describe('the core in the desktop app', () => {
  it('keeps its data under userData; recordings where chosen; the environment still wins', () => {
    const userData = '/home/me/.config/Audio Stream Recorder';
    const env = desktopEnvironment({ PATH: '/bin' }, { userData });
    const settings = loadSettings(env, userData);
    expect(settings).toMatchObject({
      dataDir: `${userData}/data`,
      recordingsDir: `${userData}/recordings`,
      configDir: `${userData}/data/config`,
      logsDir: `${userData}/data/logs`,
      artworkDir: `${userData}/data/artwork`,
    });
    expect(desktopEnvironment({}, { userData, recordingsDir: '/media/radio' }).RECORDINGS_DIR).toBe(
      '/media/radio',
    );
    expect(
      desktopEnvironment(
        { RECORDINGS_DIR: '/srv/rec', DATA_DIR: '/srv/data' },
        { userData, recordingsDir: '/media/radio' },
      ),
    ).toMatchObject({ RECORDINGS_DIR: '/srv/rec', DATA_DIR: '/srv/data' });
  });

  it('runs the bundled ffmpeg from the unpacked copy beside app.asar', () => {
    const inAsar = '/opt/ASR/resources/app.asar/node_modules/ffmpeg-static/ffmpeg';
    expect(unpackedPath(inAsar)).toBe(
      '/opt/ASR/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
    );
    expect(
      unpackedPath('C:\\ASR\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe'),
    ).toBe('C:\\ASR\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe');
    expect(desktopEnvironment({}, { userData: '/u', ffmpegPath: '/x/ffmpeg' }).FFMPEG_PATH).toBe(
      '/x/ffmpeg',
    );
    expect(
      desktopEnvironment({ FFMPEG_PATH: '/usr/bin/ffmpeg' }, { userData: '/u', ffmpegPath: '/x' })
        .FFMPEG_PATH,
    ).toBe('/usr/bin/ffmpeg');
  });

  it('takes ffmpeg-static only in the packaged app, and only when it is installed', () => {
    const inAsar = '/opt/ASR/resources/app.asar/node_modules/ffmpeg-static/ffmpeg';
    expect(bundledFfmpeg(true, () => inAsar)).toBe(
      '/opt/ASR/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
    );
    expect(bundledFfmpeg(false, () => inAsar)).toBeUndefined();
    expect(bundledFfmpeg(true, () => null)).toBeUndefined(); // no binary for this platform
    expect(
      bundledFfmpeg(true, () => {
        throw new Error("Cannot find module 'ffmpeg-static'");
      }),
    ).toBeUndefined();
  });
});

describe('desktop.json', () => {
  it('starts from the defaults, writes through a temporary file (0600), reads back', async () => {
    const dir = await tempDir();
    const file = join(dir, 'sub', 'desktop.json');
    const config = openDesktopConfig(file);
    expect(config.get()).toEqual({ pausedScheduleIds: [] });
    config.update({ recordingsDir: '/media/radio', pausedScheduleIds: ['a'] });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      recordingsDir: '/media/radio',
      pausedScheduleIds: ['a'],
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(openDesktopConfig(file).get()).toEqual({
      recordingsDir: '/media/radio',
      pausedScheduleIds: ['a'],
    });
  });

  it('a damaged file gives the defaults and says why', async () => {
    const dir = await tempDir();
    const file = join(dir, 'desktop.json');
    const warn = vi.fn();
    await writeFile(file, '{"pausedScheduleIds": 5}');
    expect(openDesktopConfig(file, warn).get()).toEqual({ pausedScheduleIds: [] });
    await writeFile(file, 'not json');
    openDesktopConfig(file, warn);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(() => openDesktopConfig(file).update({ recordingsDir: '' })).toThrow();
  });
});

describe('pause all schedules', () => {
  function fakeCore(active: Record<string, boolean>) {
    const updates: unknown[] = [];
    const invoke = async (name: string, input: unknown) => {
      if (name === 'schedules.list') {
        return {
          items: Object.entries(active).map(([id, isActive]) => ({ id, isActive })),
          total: 0,
        };
      }
      const { id, isActive } = input as { id: string; isActive: boolean };
      updates.push([name, id, isActive]);
      active[id] = isActive;
      return {};
    };
    return { invoke, updates, active };
  }

  it('pauses the active schedules through the table; resume wakes exactly those', async () => {
    const core = fakeCore({ a: true, b: false, c: true });
    const paused = await pauseAllSchedules(core.invoke);
    expect(paused).toEqual(['a', 'c']);
    expect(core.updates).toEqual([
      ['schedules.update', 'a', false],
      ['schedules.update', 'c', false],
    ]);
    expect(await resumeSchedules(core.invoke, [...paused, 'deleted'])).toBe(2);
    expect(core.active).toEqual({ a: true, b: false, c: true });
  });
});

describe('event forwarding', () => {
  it('sends every contract event to the window on its channel; nothing without a window', () => {
    const bus = createEventBus();
    const sent: [string, unknown][] = [];
    let window: { isDestroyed(): boolean; send(c: string, p: unknown): void } | null = {
      isDestroyed: () => false,
      send: (channel, payload) => sent.push([channel, payload]),
    };
    const stop = forwardEvents(bus, () => window);
    const session = sessionDto();
    bus.emit('session', session);
    bus.emit('transfer-progress', { sessionId: 's', bytes: 1, totalBytes: 2 });
    bus.emit('log', { time: 't', level: 'info', message: 'm' });
    bus.emit('system', { activeRecordings: 1, maxConcurrentRecordings: 3 });
    window = null;
    bus.emit('session', session);
    window = {
      isDestroyed: () => false,
      send: () => {
        throw new Error('Render frame was disposed');
      },
    };
    bus.emit('session', session);
    stop();
    expect(sent.map(([channel]) => channel)).toEqual([
      'recorder:event:session',
      'recorder:event:transfer-progress',
      'recorder:event:log',
      'recorder:event:system',
    ]);
    expect(sent[0]?.[1]).toBe(session);
  });
});

describe('content security policy', () => {
  it('own scripts only; images and audio also from recorder-file:', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("img-src 'self' data: blob: recorder-file:;");
    expect(csp).toContain("media-src 'self' blob: recorder-file:;");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
  });

  it('in development, the dev server and its hot-reload socket', () => {
    const csp = contentSecurityPolicy({ devServer: 'http://localhost:5174/' });
    expect(csp).toContain("script-src 'self' http://localhost:5174;");
    expect(csp).toContain("connect-src 'self' http://localhost:5174 ws://localhost:5174;");
  });
});

describe('logging', () => {
  it('writes core entries through electron-log at their level, with the session', () => {
    const lines: string[] = [];
    const log = {
      debug: (m: unknown) => lines.push(`debug ${String(m)}`),
      info: (m: unknown) => lines.push(`info ${String(m)}`),
      warn: (m: unknown) => lines.push(`warn ${String(m)}`),
      error: (m: unknown) => lines.push(`error ${String(m)}`),
    };
    writeCoreEntry(log, { time: 't', level: 'warn', message: 'slow', sessionId: 's1' });
    writeCoreEntry(log, { time: 't', level: 'info', message: 'started' });
    expect(lines).toEqual(['warn [session s1] slow', 'info started']);
  });
});

describe("the main process's log", () => {
  function setUp(packaged: boolean) {
    const lines: string[] = [];
    const write = (level: string) => (m: unknown) => lines.push(`${level} ${String(m)}`);
    const log = {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      transports: {
        file: { level: 'silly' as string | false },
        console: { level: 'silly' as string | false },
      },
    };
    const handlers = new FakeIpcMain();
    const listeners = new FakeEmitter();
    handlers.handle('__ELECTRON_LOG__', () => undefined);
    listeners.on('__ELECTRON_LOG__', () => undefined);
    const ipcMain = {
      removeHandler: (channel: string) => handlers.removeHandler(channel),
      removeAllListeners: (channel: string) => listeners.removeAllListeners(channel),
    };
    const process = new FakeEmitter();
    setUpMainLog({ log, ipcMain, process, packaged });
    return { log, lines, handlers, listeners, process };
  }

  it("info to the file, the console only in development; electron-log's IPC removed", () => {
    const packaged = setUp(true);
    expect(packaged.log.transports).toEqual({ file: { level: 'info' }, console: { level: false } });
    expect(packaged.handlers.handlers.size).toBe(0);
    expect(packaged.listeners.count('__ELECTRON_LOG__')).toBe(0);
    expect(setUp(false).log.transports.console.level).toBe('debug');
  });

  it('writes unhandled rejections down, with their stack', () => {
    const { process, lines } = setUp(true);
    const error = new Error('lost');
    process.emit('unhandledRejection', error);
    process.emit('unhandledRejection', 'plain');
    expect(lines).toEqual([
      `error Unhandled rejection: ${error.stack}`,
      'error Unhandled rejection: plain',
    ]);
  });
});
