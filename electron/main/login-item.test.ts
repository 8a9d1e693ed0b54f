import { describe, expect, it } from 'vitest';
import {
  appLoginItem,
  autostartEntry,
  createLoginItem,
  desktopExecArg,
  startsHidden,
  type LoginItemApp,
  type LoginItemFs,
} from './login-item';

function fakeFs() {
  const files = new Map<string, string>();
  const fs: LoginItemFs = {
    exists: (p) => files.has(p),
    write: (p, t) => void files.set(p, t),
    remove: (p) => void files.delete(p),
  };
  return { fs, files };
}

function fakeApp(initial = false) {
  const set: unknown[] = [];
  let open = initial;
  const app: LoginItemApp = {
    getLoginItemSettings: () => ({ openAtLogin: open }),
    setLoginItemSettings: (s) => {
      set.push(s);
      open = s.openAtLogin;
    },
  };
  return { app, set };
}

/** Where no autostart file is written (not Linux): its options are unused. */
const noAutostartFile = { autostartDir: '', exec: '', name: 'x', fileName: 'x' };

describe('start at login', () => {
  it('Linux: an XDG autostart entry that starts the AppImage minimized', () => {
    const { fs, files } = fakeFs();
    const item = createLoginItem({
      platform: 'linux',
      app: fakeApp().app,
      autostartDir: '/home/me/.config/autostart',
      exec: '/home/me/Apps/Audio Stream Recorder-0.1.0.AppImage',
      name: 'Audio Stream Recorder',
      fileName: 'audio-stream-recorder.desktop',
      fs,
    });
    expect(item.get()).toBe(false);
    item.set(true);
    expect(item.get()).toBe(true);
    expect(files.get('/home/me/.config/autostart/audio-stream-recorder.desktop')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Audio Stream Recorder',
        'Exec="/home/me/Apps/Audio Stream Recorder-0.1.0.AppImage" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
    item.set(false);
    expect(files.size).toBe(0);
  });

  it('macOS and Windows: the login item settings, with --hidden', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { app, set } = fakeApp();
      const item = createLoginItem({ platform, app, ...noAutostartFile });
      item.set(true);
      expect(item.get()).toBe(true);
      expect(set).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    }
  });

  it('elsewhere: not offered', () => {
    const item = createLoginItem({ platform: 'freebsd', app: fakeApp().app, ...noAutostartFile });
    expect(item.get()).toBeNull();
  });

  it('quotes Exec arguments as the Desktop Entry spec asks; no line breaks get in', () => {
    expect(desktopExecArg('/opt/asr/asr')).toBe('/opt/asr/asr');
    expect(desktopExecArg('/a b/$x"`\\')).toBe('"/a b/\\$x\\"\\`\\\\"');
    expect(autostartEntry({ name: 'A\nExec=evil', exec: '/x' })).toContain('Name=A Exec=evil\n');
  });

  it('starts hidden with --hidden, or when macOS opened it as a hidden login item', () => {
    expect(startsHidden(['asr', '--hidden'])).toBe(true);
    expect(startsHidden(['asr'])).toBe(false);
    const app: LoginItemApp = {
      getLoginItemSettings: () => ({ openAtLogin: true, wasOpenedAsHidden: true }),
      setLoginItemSettings: () => undefined,
    };
    expect(startsHidden(['asr'], app)).toBe(true);
  });
});

describe("the app's login item", () => {
  const base = {
    platform: 'linux' as const,
    app: fakeApp().app,
    homeDir: '/home/me',
    execPath: '/opt/Audio Stream Recorder/audio-stream-recorder',
    name: 'Audio Stream Recorder',
  };

  it('Linux: in ~/.config/autostart, starting the executable', () => {
    const { fs, files } = fakeFs();
    appLoginItem({ ...base, env: {}, fs }).set(true);
    expect([...files.keys()]).toEqual(['/home/me/.config/autostart/audio-stream-recorder.desktop']);
    expect(files.get('/home/me/.config/autostart/audio-stream-recorder.desktop')).toContain(
      'Exec="/opt/Audio Stream Recorder/audio-stream-recorder" --hidden',
    );
  });

  it('Linux: XDG_CONFIG_HOME and the AppImage win when set', () => {
    const { fs, files } = fakeFs();
    const env = { XDG_CONFIG_HOME: '/home/me/cfg', APPIMAGE: '/home/me/Apps/ASR.AppImage' };
    appLoginItem({ ...base, env, fs }).set(true);
    expect(files.get('/home/me/cfg/autostart/audio-stream-recorder.desktop')).toContain(
      'Exec=/home/me/Apps/ASR.AppImage --hidden',
    );
  });

  it("macOS and Windows: Electron's login item settings", () => {
    const { app, set } = fakeApp();
    const item = appLoginItem({ ...base, platform: 'win32', app, env: {} });
    item.set(true);
    expect(set).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    expect(item.get()).toBe(true);
  });
});
