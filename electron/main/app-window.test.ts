import { describe, expect, it } from 'vitest';
import { FakeBrowserWindow, preventable } from '../testing/fakes';
import { appPage, openAppWindow, showSession, type OpenWindowDeps } from './app-window';

const dir = '/opt/asr/resources/app.asar/out/desktop/main';

describe('the page the window shows', () => {
  it('packaged: the built page and preload beside the main bundle; no dev server', () => {
    const page = appPage({
      packaged: true,
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5174/' },
      dir,
    });
    expect(page.devServer).toBeUndefined();
    expect(page.appUrl).toBe('file:///opt/asr/resources/app.asar/out/desktop/renderer/index.html');
    expect(page.preload).toBe('/opt/asr/resources/app.asar/out/desktop/preload/index.cjs');
  });

  it("in development, the dev server's page", async () => {
    const page = appPage({
      packaged: false,
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5174/' },
      dir,
    });
    expect([page.devServer, page.appUrl]).toEqual([
      'http://localhost:5174/',
      'http://localhost:5174/',
    ]);
    const win = new FakeBrowserWindow({});
    await page.load(win);
    await appPage({ packaged: false, env: {}, dir }).load(win);
    expect(win.calls).toEqual([
      'loadURL http://localhost:5174/',
      'loadFile /opt/asr/resources/app.asar/out/desktop/renderer/index.html',
    ]);
  });
});

describe('openAppWindow', () => {
  function open(patch: Partial<OpenWindowDeps<FakeBrowserWindow>> = {}) {
    const events: string[] = [];
    let quitting = false;
    const win = openAppWindow({
      create: (options) => new FakeBrowserWindow(options as Record<string, unknown>),
      page: appPage({ packaged: true, env: {}, dir }),
      icon: '/opt/asr/build/icon.png',
      hidden: false,
      openExternal: (url) => events.push(`external ${url}`),
      isQuitting: () => quitting,
      onShow: () => events.push('onShow'),
      onClosed: () => events.push('onClosed'),
      ...patch,
    });
    return { win, events, quit: () => (quitting = true) };
  }

  it('is made hidden with the secure options, and shown once ready', () => {
    const { win } = open();
    expect(win.options).toMatchObject({
      show: false,
      icon: '/opt/asr/build/icon.png',
      webPreferences: {
        preload: '/opt/asr/resources/app.asar/out/desktop/preload/index.cjs',
        sandbox: true,
        contextIsolation: true,
      },
    });
    expect(win.calls).toEqual([]);
    win.emit('ready-to-show');
    expect(win.calls).toEqual(['show']);
  });

  it('started minimized: stays in the tray when ready', () => {
    const { win } = open({ hidden: true });
    win.emit('ready-to-show');
    expect(win.calls).toEqual([]);
  });

  it('guards its page: navigation away refused, web links to the browser', () => {
    const { win, events } = open();
    const away = preventable();
    win.webContents.emit('will-navigate', away, 'https://example.org/');
    expect(away.prevented).toBe(true);
    expect(win.webContents.openHandler?.({ url: 'https://x.org/' })).toEqual({ action: 'deny' });
    expect(events).toEqual(['external https://example.org/', 'external https://x.org/']);
  });

  it('closing hides it until the app quits; show and closed are passed on', () => {
    const { win, events, quit } = open();
    const close = preventable();
    win.emit('close', close);
    expect([close.prevented, win.calls]).toEqual([true, ['hide']]);
    quit();
    const last = preventable();
    win.emit('close', last);
    expect(last.prevented).toBe(false);
    win.emit('show');
    win.emit('closed');
    expect(events).toEqual(['onShow', 'onClosed']);
  });
});

describe('showSession', () => {
  const script = 'window.location.hash = "#/recordings?session=sess-1";';

  it('brings the window forward at the recording, once the page has loaded', () => {
    const win = new FakeBrowserWindow({});
    win.minimized = true;
    showSession(win, 'sess-1');
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    expect(win.webContents.scripts).toEqual([]);
    win.webContents.loading = false;
    win.webContents.emit('did-finish-load');
    expect(win.webContents.scripts).toEqual([script]);
  });

  it('a loaded page moves at once; no window, or a destroyed one: nothing', () => {
    const win = new FakeBrowserWindow({});
    win.webContents.loading = false;
    showSession(win, 'sess-1');
    expect(win.webContents.scripts).toEqual([script]);
    win.destroyed = true;
    showSession(win, 'sess-2');
    showSession(null, 'sess-3');
    expect(win.webContents.scripts).toEqual([script]);
  });
});
