// "Start at login (minimized)". macOS and Windows: Electron's login item settings, with the
// --hidden argument. Linux (which Electron's API does not cover): an XDG autostart entry,
// ~/.config/autostart/<name>.desktop, that starts the app (the AppImage when run from one) with
// --hidden.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HIDDEN_ARG = '--hidden';

export interface LoginItemApp {
  getLoginItemSettings(options?: { args?: string[] }): {
    openAtLogin: boolean;
    wasOpenedAsHidden?: boolean;
  };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface LoginItem {
  /** null: not supported here. */
  get(): boolean | null;
  set(enabled: boolean): void;
}

export interface LoginItemFs {
  exists(path: string): boolean;
  write(path: string, text: string): void;
  remove(path: string): void;
}

const nodeFs: LoginItemFs = {
  exists: existsSync,
  write(path, text) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text, { mode: 0o644 });
  },
  remove: (path) => rmSync(path, { force: true }),
};

/** An argument of a desktop entry's Exec key, quoted as the Desktop Entry spec asks. */
export function desktopExecArg(arg: string): string {
  if (/^[A-Za-z0-9_./:+,@=-]+$/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(options: { name: string; exec: string; icon?: string }): string {
  const line = (text: string) => text.replace(/[\r\n]/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${line(options.name)}`,
    `Exec=${line(desktopExecArg(options.exec))} ${HIDDEN_ARG}`,
    ...(options.icon ? [`Icon=${line(options.icon)}`] : []),
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function createLoginItem(options: {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /** Linux: ~/.config/autostart (XDG_CONFIG_HOME/autostart). */
  autostartDir: string;
  /** Linux: the file the entry starts (the AppImage, else the executable). */
  exec: string;
  name: string;
  fileName: string;
  fs?: LoginItemFs;
}): LoginItem {
  const fs = options.fs ?? nodeFs;
  if (options.platform === 'darwin' || options.platform === 'win32') {
    return {
      get: () => options.app.getLoginItemSettings({ args: [HIDDEN_ARG] }).openAtLogin,
      set: (enabled) =>
        options.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] }),
    };
  }
  if (options.platform !== 'linux') return { get: () => null, set: () => undefined };
  const file = join(options.autostartDir, options.fileName);
  return {
    get: () => fs.exists(file),
    set(enabled) {
      if (enabled) fs.write(file, autostartEntry({ name: options.name, exec: options.exec }));
      else fs.remove(file);
    },
  };
}

/**
 * The app's own login item: on Linux its entry goes to the user's autostart folder
 * ($XDG_CONFIG_HOME/autostart, else ~/.config/autostart) and starts the AppImage when the app
 * runs from one ($APPIMAGE), else the executable.
 */
export function appLoginItem(options: {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  execPath: string;
  name: string;
  fs?: LoginItemFs;
}): LoginItem {
  const { env } = options;
  return createLoginItem({
    platform: options.platform,
    app: options.app,
    autostartDir: join(env.XDG_CONFIG_HOME || join(options.homeDir, '.config'), 'autostart'),
    exec: env.APPIMAGE || options.execPath,
    name: options.name,
    fileName: 'audio-stream-recorder.desktop',
    ...(options.fs ? { fs: options.fs } : {}),
  });
}

/** Started minimized: by the login item (--hidden), or by macOS as a hidden login item. */
export function startsHidden(argv: readonly string[], app?: LoginItemApp): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  try {
    return app?.getLoginItemSettings().wasOpenedAsHidden === true;
  } catch {
    return false;
  }
}
