// The app's one window: its security settings, its guards against navigation and new windows,
// and "close hides it" (the app goes on recording in the tray).
import type { BrowserWindowConstructorOptions } from 'electron';
import { isAppUrl } from './ipc-handlers';

export function windowOptions(options: {
  preload: string;
  icon?: string;
  show: boolean;
}): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 360,
    minHeight: 480,
    show: options.show,
    title: 'Audio Stream Recorder',
    ...(options.icon ? { icon: options.icon } : {}),
    autoHideMenuBar: true,
    backgroundColor: '#101418',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

/** Links the app hands to the user's browser or mail program; anything else is dropped. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}

/** The part of webContents the guards use. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: { preventDefault(): void; url?: string }, url?: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Navigation away from the app's page is refused and new windows are denied; an http(s) or
 * mailto link is opened by the system instead. Webviews are never attached.
 */
export function guardContents(
  contents: GuardedContents,
  options: { appUrl: string; openExternal: (url: string) => void },
): void {
  const refuse = (event: { preventDefault(): void; url?: string }, url?: string) => {
    const target = url ?? event.url ?? '';
    if (isAppUrl(target, options.appUrl)) return;
    event.preventDefault();
    if (isExternalLink(target)) options.openExternal(target);
  };
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) options.openExternal(url);
    return { action: 'deny' };
  });
}

/** The permissions the page may use: writing to the clipboard (copy buttons). None else. */
export function isAllowedPermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

/** Closing the window hides it (recordings go on) unless the app is quitting. */
export function hideOnClose(window: HideableWindow, isQuitting: () => boolean): void {
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
}

export interface ShowableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings the window to the front, restored if minimized. */
export function showWindow(window: ShowableWindow | null | undefined): boolean {
  if (!window || window.isDestroyed()) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return true;
}

/** The hash route of a recording in the UI (hash history in the desktop build). */
export function sessionRoute(sessionId: string): string {
  return `/recordings?session=${encodeURIComponent(sessionId)}`;
}

/** Script that moves the UI to `route` (the route is JSON-quoted: no text reaches code). */
export function navigateScript(route: string): string {
  return `window.location.hash = ${JSON.stringify(`#${route}`)};`;
}
