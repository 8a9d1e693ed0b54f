import { describe, expect, it, vi } from 'vitest';
import { APP_URL, FakeEmitter, preventable } from '../testing/fakes';
import { claimSingleInstance } from './single-instance';
import {
  guardContents,
  hideOnClose,
  isAllowedPermission,
  isExternalLink,
  navigateScript,
  sessionRoute,
  showWindow,
  windowOptions,
  type GuardedContents,
} from './window';

class FakeContents extends FakeEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
}

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  guardContents(contents as unknown as GuardedContents, {
    appUrl: APP_URL,
    openExternal: (url) => opened.push(url),
  });
  return { contents, opened };
}

describe('windowOptions', () => {
  it('isolates the page: context isolation and sandbox on, no Node in any frame', () => {
    const options = windowOptions({ preload: '/app/preload/index.cjs', show: false });
    const prefs = options.webPreferences ?? {};
    expect(prefs.preload).toBe('/app/preload/index.cjs');
    for (const on of ['contextIsolation', 'sandbox', 'webSecurity'] as const) {
      expect(prefs[on], on).toBe(true);
    }
    const off = [
      'nodeIntegration',
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'allowRunningInsecureContent',
      'webviewTag',
    ] as const;
    for (const name of off) expect(prefs[name], name).toBe(false);
    expect(options.show).toBe(false);
  });
});

describe('guardContents', () => {
  it('refuses navigation away from the app; a web link opens in the browser instead', () => {
    const { contents, opened } = guarded();
    const away = preventable();
    contents.emit('will-navigate', away, 'https://example.org/docs');
    expect(away.prevented).toBe(true);
    const local = preventable();
    contents.emit('will-navigate', local, 'file:///etc/passwd');
    expect(local.prevented).toBe(true);
    const redirect = preventable();
    contents.emit('will-redirect', redirect, 'javascript:alert(1)');
    expect(redirect.prevented).toBe(true);
    expect(opened).toEqual(['https://example.org/docs']);
  });

  it('lets the app move between its own routes', () => {
    const { contents } = guarded();
    const inside = preventable();
    contents.emit('will-navigate', inside, `${APP_URL}#/logs`);
    expect(inside.prevented).toBe(false);
  });

  it('denies every new window; http(s) and mailto links go to the system', () => {
    const { contents, opened } = guarded();
    for (const url of [
      'https://github.com/x',
      'mailto:a@b.c',
      'file:///home',
      'recorder-file://app/api/sessions/x/audio',
      'javascript:alert(1)',
    ]) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://github.com/x', 'mailto:a@b.c']);
  });

  it('never attaches a webview', () => {
    const { contents } = guarded();
    const attach = preventable();
    contents.emit('will-attach-webview', attach);
    expect(attach.prevented).toBe(true);
  });

  it('isExternalLink and permissions', () => {
    expect(isExternalLink('http://x.org')).toBe(true);
    expect(isExternalLink('smb://x')).toBe(false);
    expect(isExternalLink('::')).toBe(false);
    expect(isAllowedPermission('clipboard-sanitized-write')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen']) {
      expect(isAllowedPermission(p)).toBe(false);
    }
  });
});

describe('close hides to the tray', () => {
  class FakeWindow extends FakeEmitter {
    hidden = 0;
    hide() {
      this.hidden += 1;
    }
  }

  it('closing hides the window while the app runs, and closes it when quitting', () => {
    const win = new FakeWindow();
    let quitting = false;
    hideOnClose(win, () => quitting);
    const close = preventable();
    win.emit('close', close);
    expect([close.prevented, win.hidden]).toEqual([true, 1]);
    quitting = true;
    const last = preventable();
    win.emit('close', last);
    expect([last.prevented, win.hidden]).toEqual([false, 1]);
  });

  it('showWindow restores, shows and focuses; nothing when there is no window', () => {
    const calls: string[] = [];
    const win = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    };
    expect(showWindow(win)).toBe(true);
    expect(calls).toEqual(['restore', 'show', 'focus']);
    expect(showWindow(null)).toBe(false);
    expect(showWindow({ ...win, isDestroyed: () => true })).toBe(false);
  });
});

describe('opening a recording', () => {
  it('moves the UI to the recording by its hash route; the id cannot become code', () => {
    const id = `x"; alert(1); "`;
    const script = navigateScript(sessionRoute(id));
    expect(script).toBe(
      'window.location.hash = "#/recordings?session=x%22%3B%20alert(1)%3B%20%22";',
    );
    const location = { hash: '' };
    new Function('window', script)({ location });
    expect(location.hash).toBe('#/recordings?session=x%22%3B%20alert(1)%3B%20%22');
  });
});

describe('claimSingleInstance', () => {
  class FakeApp extends FakeEmitter {
    quits = 0;
    constructor(private readonly lock: boolean) {
      super();
    }
    requestSingleInstanceLock() {
      return this.lock;
    }
    quit() {
      this.quits += 1;
    }
  }

  it('the first instance runs, and a second launch brings it forward', () => {
    const app = new FakeApp(true);
    const focus = vi.fn();
    expect(claimSingleInstance(app, focus)).toBe(true);
    app.emit('second-instance', {}, ['asr', '--hidden'], '/home');
    expect(focus).toHaveBeenCalledOnce();
    expect(app.quits).toBe(0);
  });

  it('a second instance quits at once, without listening for others', () => {
    const app = new FakeApp(false);
    const focus = vi.fn();
    expect(claimSingleInstance(app, focus)).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.count('second-instance')).toBe(0);
  });
});
