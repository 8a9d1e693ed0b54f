// The desktop app's main process: starts the core in-process (data under Electron's userData
// folder), exposes the operation table over IPC to its one window, serves the contract's files
// through recorder-file://, and lives in the tray with notifications. No HTTP port is opened.
// It wires; the decisions are in the modules beside it, each unit-tested with fakes.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  session as electronSession,
  shell,
  Tray,
} from 'electron';
import log from 'electron-log/main';
import { DESKTOP_FILE_SCHEME } from '../../core/contract/desktop';
import { isAppError } from '../../core/contract/errors';
import { loadSettings } from '../../core/src/config/settings';
import { createCore, type Core } from '../../core/src/create-core';
import { desktopEnvironment, unpackedPath } from './core-env';
import { contentSecurityPolicy } from './csp';
import { openDesktopConfig } from './desktop-config';
import { forwardEvents } from './event-forwarder';
import { createFileProtocolHandler, fileRoutes } from './file-protocol';
import { createSenderCheck, registerOperationHandlers } from './ipc-handlers';
import { writeCoreEntry } from './log-bridge';
import { createLoginItem, startsHidden } from './login-item';
import { createSessionDescriber, Notifier } from './notifier';
import { pauseAllSchedules, resumeSchedules } from './pause-schedules';
import { ProblemTracker } from './problems';
import { QuitController } from './quit-controller';
import { claimSingleInstance } from './single-instance';
import { TrayController } from './tray-controller';
import { TRAY_ICON_KINDS, trayIconFile } from './tray-icons';
import type { TrayActions, TrayIconKind } from './tray-menu';
import { loadTrayState } from './tray-state';
import {
  guardContents,
  hideOnClose,
  isAllowedPermission,
  navigateScript,
  sessionRoute,
  showWindow,
  windowOptions,
} from './window';

const PRODUCT_NAME = 'Audio Stream Recorder';
/** electron-builder.yml's appId: Windows groups notifications under it. */
const APP_ID = 'org.audiostreamrecorder.app';
const here = import.meta.dirname;

// electron-log listens on an IPC channel of its own for renderer logs; this app's renderer
// has no such bridge, and main answers only the contract's channels
ipcMain.removeAllListeners('__ELECTRON_LOG__');
ipcMain.removeHandler('__ELECTRON_LOG__');
log.transports.file.level = 'info';
log.transports.console.level = app.isPackaged ? false : 'debug';
process.on('unhandledRejection', (reason) => {
  log.error(`Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
});

// before ready: the scheme that serves artwork and audio to the window
protocol.registerSchemesAsPrivileged([
  {
    scheme: DESKTOP_FILE_SCHEME,
    privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
  },
]);

let mainWindow: BrowserWindow | null = null;
const showMainWindow = () => showWindow(mainWindow);

if (claimSingleInstance(app, showMainWindow)) {
  main().catch((error: unknown) => {
    const message = isAppError(error) ? error.message : ((error as Error)?.stack ?? String(error));
    log.error(`${PRODUCT_NAME} cannot start: ${message}`);
    dialog.showErrorBox(`${PRODUCT_NAME} cannot start`, message);
    app.exit(1);
  });
}

/** ffmpeg-static's binary in the packaged app (unpacked beside app.asar), when installed. */
function bundledFfmpeg(): string | undefined {
  if (!app.isPackaged) return undefined;
  try {
    const path = createRequire(import.meta.url)('ffmpeg-static') as unknown;
    return typeof path === 'string' ? unpackedPath(path) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const userData = app.getPath('userData');
  const config = openDesktopConfig(join(userData, 'desktop.json'), (m) => log.warn(m));
  const env = desktopEnvironment(process.env, {
    userData,
    recordingsDir: config.get().recordingsDir,
    ffmpegPath: bundledFfmpeg(),
  });
  const core: Core = await createCore(loadSettings(env, userData), {
    env,
    onLog: (entry) => writeCoreEntry(log, entry),
  });
  log.info(
    `Core started (data: ${core.settings.dataDir}, recordings: ${core.settings.recordingsDir}).`,
  );
  const invoke = core.invoke;

  // the page and where it comes from
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const rendererIndex = join(here, '../renderer/index.html');
  const appUrl = devServer ?? pathToFileURL(rendererIndex).href;
  const hidden = startsHidden(process.argv, app);

  const defaultSession = electronSession.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, permission, grant) =>
    grant(isAllowedPermission(permission)),
  );
  defaultSession.setPermissionCheckHandler((_contents, permission) =>
    isAllowedPermission(permission),
  );
  if (devServer) {
    // the built page carries its CSP as a <meta>; the dev server's pages get it as a header
    const policy = contentSecurityPolicy({ devServer });
    const origin = new URL(devServer).origin;
    defaultSession.webRequest.onHeadersReceived((details, done) =>
      done(
        new URL(details.url).origin === origin && details.resourceType === 'mainFrame'
          ? {
              responseHeaders: {
                ...details.responseHeaders,
                'Content-Security-Policy': [policy],
              },
            }
          : {},
      ),
    );
  }
  protocol.handle(
    DESKTOP_FILE_SCHEME,
    createFileProtocolHandler({
      routes: fileRoutes(core.operations.list().map((op) => op.spec)),
      invoke,
      log: (m) => log.warn(m),
    }),
  );

  // the tray is made last; changes before that have nothing to update
  let tray: TrayController<Electron.NativeImage, Electron.Menu> | undefined = undefined;
  const updateTray = () => tray?.update();

  // quitting stops recordings cleanly; closing the window only hides it
  const quit = new QuitController({
    stopCore: () => core.stop(),
    quit: () => app.quit(),
    log: (level, message) => log[level](message),
    onPhase: updateTray,
  });
  app.on('before-quit', (event) => quit.onBeforeQuit(event));
  // Linux and macOS: the OS waits (logind's delay lock) while the event is held back
  powerMonitor.on('shutdown', ((event?: { preventDefault(): void }) =>
    quit.onBeforeQuit(event ?? { preventDefault: () => undefined })) as () => void);
  app.on('window-all-closed', () => {
    /* the app lives on in the tray */
  });
  app.on('activate', showMainWindow);

  const problems = new ProblemTracker(updateTray);
  const appIcon = join(app.getAppPath(), 'build/icon.png');

  const openSession = (sessionId: string) => {
    const win = mainWindow;
    if (!win || win.isDestroyed()) return;
    showWindow(win);
    const go = () =>
      void win.webContents.executeJavaScript(navigateScript(sessionRoute(sessionId)));
    if (win.webContents.isLoading()) win.webContents.once('did-finish-load', go);
    else go();
  };

  mainWindow = new BrowserWindow(
    windowOptions({ preload: join(here, '../preload/index.cjs'), icon: appIcon, show: false }),
  );
  const win = mainWindow;
  guardContents(win.webContents, {
    appUrl,
    openExternal: (url) => void shell.openExternal(url),
  });
  hideOnClose(win, () => quit.quitting);
  win.once('ready-to-show', () => {
    if (!hidden) win.show();
  });
  win.on('show', () => problems.acknowledge());
  win.on('closed', () => {
    mainWindow = null;
  });

  registerOperationHandlers({
    ipcMain,
    operations: core.operations.list(),
    invoke,
    isTrustedSender: createSenderCheck(() => mainWindow?.webContents.id, appUrl),
    log: (level, message) => log[level](message),
  });
  forwardEvents(core.events, () => mainWindow?.webContents ?? null);

  // notifications and the tray follow the session events
  const describe = createSessionDescriber(invoke);
  const notifier = new Notifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    settings: () => core.runtime.get(),
    describe,
    onClick: openSession,
    platform: process.platform,
    icon: appIcon,
    log: (m) => log.warn(m),
  });
  core.events.on('session', (session) => {
    problems.observe(
      session,
      describe(session).then((context) => context.streamName),
    );
    void notifier.handle(session).catch((error: unknown) => log.warn(String(error)));
    updateTray();
  });
  core.events.on('system', updateTray);

  const loginItem = createLoginItem({
    platform: process.platform,
    app,
    autostartDir: join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart'),
    exec: process.env.APPIMAGE || process.execPath,
    name: PRODUCT_NAME,
    fileName: 'audio-stream-recorder.desktop',
  });

  const report = (title: string, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`${title}: ${message}`);
    void dialog.showMessageBox({
      type: 'warning',
      title: PRODUCT_NAME,
      message: title,
      detail: message,
    });
  };
  const actions: TrayActions = {
    open: showMainWindow,
    openSession,
    stopSession: (id) =>
      void invoke('sessions.stop', { id }).catch((e: unknown) => report('Could not stop', e)),
    recordNow: (id, durationSeconds) =>
      void invoke('streams.record', { id, durationSeconds })
        .then(updateTray)
        .catch((e: unknown) => report('Could not start the recording', e)),
    pauseAll: () =>
      void pauseAllSchedules(invoke)
        .then((ids) => {
          const pausedScheduleIds = [...new Set([...config.get().pausedScheduleIds, ...ids])];
          config.update({ pausedScheduleIds });
          log.info(`Paused ${ids.length} schedules from the tray.`);
        })
        .catch((e: unknown) => report('Could not pause the schedules', e))
        .finally(updateTray),
    resumeAll: () =>
      void resumeSchedules(invoke, config.get().pausedScheduleIds)
        .then((n) => {
          config.update({ pausedScheduleIds: [] });
          log.info(`Resumed ${n} schedules from the tray.`);
        })
        .catch((e: unknown) => report('Could not resume the schedules', e))
        .finally(updateTray),
    openRecordingsFolder: () => void shell.openPath(core.settings.recordingsDir),
    chooseRecordingsFolder: () => void chooseRecordingsFolder(),
    setOpenAtLogin: (enabled) => {
      try {
        loginItem.set(enabled);
      } catch (e) {
        report('Could not change the start at login', e);
      }
      updateTray();
    },
    quit: () => app.quit(),
  };

  async function chooseRecordingsFolder(): Promise<void> {
    if (process.env.RECORDINGS_DIR?.trim()) {
      await dialog.showMessageBox({
        type: 'info',
        title: PRODUCT_NAME,
        message: 'The recordings folder is set by the RECORDINGS_DIR environment variable.',
        detail: core.settings.recordingsDir,
      });
      return;
    }
    const picked = await dialog.showOpenDialog({
      title: 'Recordings folder',
      defaultPath: core.settings.recordingsDir,
      properties: ['openDirectory', 'createDirectory'],
    });
    const dir = picked.filePaths[0];
    if (picked.canceled || !dir || dir === core.settings.recordingsDir) return;
    config.update({ recordingsDir: dir });
    const answer = await dialog.showMessageBox({
      type: 'question',
      title: PRODUCT_NAME,
      message: `New recordings will be saved in ${dir} after a restart.`,
      detail: 'Restarting finishes running recordings first.',
      buttons: ['Restart now', 'Later'],
      defaultId: 0,
      cancelId: 1,
    });
    if (answer.response === 0) {
      app.relaunch();
      app.quit();
    }
  }

  const icons = Object.fromEntries(
    TRAY_ICON_KINDS.map((kind) => [
      kind,
      nativeImage.createFromPath(join(app.getAppPath(), trayIconFile(kind, process.platform))),
    ]),
  ) as Record<TrayIconKind, Electron.NativeImage>;
  const trayIcon = new Tray(icons.idle);
  const controller = new TrayController<Electron.NativeImage, Electron.Menu>({
    tray: trayIcon,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    icons,
    productName: PRODUCT_NAME,
    actions,
    loadState: () =>
      loadTrayState({
        invoke,
        problems: () => problems.list(),
        pausedScheduleIds: () => config.get().pausedScheduleIds,
        openAtLogin: () => loginItem.get(),
        stopping: () => quit.quitting,
      }),
    onError: (error) => log.warn(`Tray: ${String(error)}`),
  });
  // where the platform delivers it, a click opens the window (the menu has "Open" everywhere)
  if (process.platform !== 'darwin') trayIcon.on('click', showMainWindow);
  // the next run's time moves on by itself
  tray = controller;
  setInterval(updateTray, 60_000).unref();
  void controller.refresh();

  if (devServer) await win.loadURL(devServer);
  else await win.loadFile(rendererIndex);
}
