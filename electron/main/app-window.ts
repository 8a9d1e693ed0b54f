// The app's one window: which page it shows (the dev server, or the built file), how it is
// made (options, guards, close hides it, shown at once unless started minimized), and showing a
// recording in it (from a notification or the tray).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  guardContents,
  hideOnClose,
  navigateScript,
  sessionRoute,
  showWindow,
  windowOptions,
  type GuardedContents,
  type ShowableWindow,
} from './window';

export interface AppPage {
  /** The dev server's URL (`npm run dev`); never in the packaged app. */
  devServer: string | undefined;
  /** The page's URL: the only one the window may show and IPC may come from. */
  appUrl: string;
  /** The built preload (one CommonJS file). */
  preload: string;
  load(win: {
    loadURL(url: string): Promise<void>;
    loadFile(path: string): Promise<void>;
  }): Promise<void>;
}

/** The page and preload of the window, from the folder of the built main (out/desktop/main). */
export function appPage(options: {
  packaged: boolean;
  env: NodeJS.ProcessEnv;
  dir: string;
}): AppPage {
  const devServer = options.packaged ? undefined : options.env.ELECTRON_RENDERER_URL;
  const index = join(options.dir, '../renderer/index.html');
  return {
    devServer,
    appUrl: devServer ?? pathToFileURL(index).href,
    preload: join(options.dir, '../preload/index.cjs'),
    load: (win) => (devServer ? win.loadURL(devServer) : win.loadFile(index)),
  };
}

/** The part of a window's webContents used to show a recording. */
export interface NavigableContents {
  isLoading(): boolean;
  once(event: 'did-finish-load', listener: () => void): unknown;
  executeJavaScript(code: string): Promise<unknown>;
}

/** The part of Electron's BrowserWindow used here. */
export interface AppWindow extends ShowableWindow {
  webContents: GuardedContents & NavigableContents;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  hide(): void;
}

export interface OpenWindowDeps<W extends AppWindow> {
  /** `new BrowserWindow(options)`. */
  create: (options: BrowserWindowConstructorOptions) => W;
  page: AppPage;
  icon: string;
  /** Started minimized (login item): the window waits in the tray. */
  hidden: boolean;
  openExternal: (url: string) => void;
  isQuitting: () => boolean;
  onShow: () => void;
  onClosed: () => void;
}

/** Makes the window (not yet loaded: `page.load(win)`). */
export function openAppWindow<W extends AppWindow>(deps: OpenWindowDeps<W>): W {
  const win = deps.create(
    windowOptions({ preload: deps.page.preload, icon: deps.icon, show: false }),
  );
  guardContents(win.webContents, { appUrl: deps.page.appUrl, openExternal: deps.openExternal });
  hideOnClose(win, deps.isQuitting);
  win.once('ready-to-show', () => {
    if (!deps.hidden) win.show();
  });
  win.on('show', deps.onShow);
  win.on('closed', deps.onClosed);
  return win;
}

/** Brings the window forward at a recording (once the page has loaded, if it is loading). */
export function showSession(win: AppWindow | null | undefined, sessionId: string): void {
  if (!win || win.isDestroyed()) return;
  showWindow(win);
  const go = () => void win.webContents.executeJavaScript(navigateScript(sessionRoute(sessionId)));
  if (win.webContents.isLoading()) win.webContents.once('did-finish-load', go);
  else go();
}
