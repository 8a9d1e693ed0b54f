// The desktop app's main process: starts the core in-process (data under Electron's userData
// folder), exposes the operation table over IPC to its one window, serves the contract's files
// through recorder-file://, and lives in the tray with notifications. No HTTP port is opened.
// It wires; the decisions are in the modules beside it, each unit-tested with fakes.
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
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
import { loadSettings } from '../../core/src/config/settings';
import { createCore, type Core } from '../../core/src/create-core';
import { appPage, openAppWindow, showSession } from './app-window';
import { bundledFfmpeg, desktopEnvironment } from './core-env';
import { openDesktopConfig, type DesktopConfigStore } from './desktop-config';
import { chooseRecordingsFolder, createReporter, reportStartFailure } from './dialogs';
import { forwardEvents } from './event-forwarder';
import { createFileProtocolHandler, fileRoutes } from './file-protocol';
import { createSenderCheck, registerOperationHandlers } from './ipc-handlers';
import { setUpMainLog, writeCoreEntry } from './log-bridge';
import { appLoginItem, startsHidden } from './login-item';
import { createSessionDescriber, Notifier } from './notifier';
import { ProblemTracker } from './problems';
import { holdQuitUntilStopped, QuitController } from './quit-controller';
import { followSessions } from './session-followers';
import { applySessionPolicy } from './session-policy';
import { claimSingleInstance } from './single-instance';
import { createTrayActions } from './tray-actions';
import type { TrayController } from './tray-controller';
import { startTray } from './tray-start';
import { loadTrayState } from './tray-state';
import { showWindow } from './window';

const PRODUCT_NAME = 'Audio Stream Recorder';
/** electron-builder.yml's appId: Windows groups notifications under it. */
const APP_ID = 'org.audiostreamrecorder.app';
const here = import.meta.dirname;

setUpMainLog({ log, ipcMain, process, packaged: app.isPackaged });

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
    reportStartFailure(error, { dialog, productName: PRODUCT_NAME, log: (m) => log.error(m) });
    app.exit(1);
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const userData = app.getPath('userData');
  const config = openDesktopConfig(join(userData, 'desktop.json'), (m) => log.warn(m));
  const core = await startCore(userData, config);
  const page = appPage({ packaged: app.isPackaged, env: process.env, dir: here });
  applySessionPolicy(electronSession.defaultSession, { devServer: page.devServer });
  protocol.handle(
    DESKTOP_FILE_SCHEME,
    createFileProtocolHandler({
      routes: fileRoutes(core.operations.list().map((op) => op.spec)),
      invoke: core.invoke,
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
  holdQuitUntilStopped(quit, { app, powerMonitor });
  app.on('window-all-closed', () => {
    /* the app lives on in the tray */
  });
  app.on('activate', showMainWindow);

  const problems = new ProblemTracker(updateTray);
  const icon = join(app.getAppPath(), 'build/icon.png');
  const openSession = (sessionId: string) => showSession(mainWindow, sessionId);
  const win = (mainWindow = openAppWindow({
    create: (options) => new BrowserWindow(options),
    page,
    icon,
    hidden: startsHidden(process.argv, app),
    openExternal: (url) => void shell.openExternal(url),
    isQuitting: () => quit.quitting,
    onShow: () => problems.acknowledge(),
    onClosed: () => {
      mainWindow = null;
    },
  }));
  registerOperationHandlers({
    ipcMain,
    operations: core.operations.list(),
    invoke: core.invoke,
    isTrustedSender: createSenderCheck(() => mainWindow?.webContents.id, page.appUrl),
    log: (level, message) => log[level](message),
  });
  forwardEvents(core.events, () => mainWindow?.webContents ?? null);

  // notifications and the tray follow the session events
  followCoreSessions({ core, problems, openSession, openApp: showMainWindow, updateTray, icon });
  tray = createTray({ core, config, quit, problems, openSession, updateTray });

  await page.load(win);
}

/** The core in-process: its data under userData, recordings where desktop.json says. */
async function startCore(userData: string, config: DesktopConfigStore): Promise<Core> {
  const env = desktopEnvironment(process.env, {
    userData,
    recordingsDir: config.get().recordingsDir,
    ffmpegPath: bundledFfmpeg(app.isPackaged, () =>
      createRequire(import.meta.url)('ffmpeg-static'),
    ),
  });
  const core = await createCore(loadSettings(env, userData), {
    env,
    onLog: (entry) => writeCoreEntry(log, entry),
  });
  log.info(
    `Core started (data: ${core.settings.dataDir}, recordings: ${core.settings.recordingsDir}).`,
  );
  return core;
}

/** Notifications, the tray's problems and the tray itself follow the core's session events. */
function followCoreSessions(deps: {
  core: Core;
  problems: ProblemTracker;
  openSession: (sessionId: string) => void;
  openApp: () => void;
  updateTray: () => void;
  icon: string;
}): void {
  const { core } = deps;
  const describe = createSessionDescriber(core.invoke);
  const notifier = new Notifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    settings: () => core.runtime.get(),
    describe,
    onClick: deps.openSession,
    onOpenApp: deps.openApp,
    platform: process.platform,
    icon: deps.icon,
    log: (m) => log.warn(m),
  });
  followSessions({
    events: core.events,
    problems: deps.problems,
    notifier,
    describe,
    updateTray: deps.updateTray,
    log: (m) => log.warn(m),
  });
}

/** The tray icon and its menu's actions. */
function createTray(deps: {
  core: Core;
  config: DesktopConfigStore;
  quit: QuitController;
  problems: ProblemTracker;
  openSession: (sessionId: string) => void;
  updateTray: () => void;
}): TrayController<Electron.NativeImage, Electron.Menu> {
  const { core, config } = deps;
  const loginItem = appLoginItem({
    platform: process.platform,
    app,
    env: process.env,
    homeDir: homedir(),
    execPath: process.execPath,
    name: PRODUCT_NAME,
  });
  const actions = createTrayActions({
    invoke: core.invoke,
    config,
    loginItem,
    open: showMainWindow,
    openSession: deps.openSession,
    openRecordingsFolder: () => void shell.openPath(core.settings.recordingsDir),
    chooseRecordingsFolder: () =>
      chooseRecordingsFolder({
        dialog,
        productName: PRODUCT_NAME,
        env: process.env,
        recordingsDir: core.settings.recordingsDir,
        save: (dir) => config.update({ recordingsDir: dir }),
        restart: () => {
          app.relaunch();
          app.quit();
        },
      }),
    report: createReporter({ dialog, productName: PRODUCT_NAME, log: (m) => log.warn(m) }),
    updateTray: deps.updateTray,
    log: (m) => log.info(m),
    quit: () => app.quit(),
  });
  return startTray<Electron.NativeImage, Electron.Menu>({
    createTray: (image) => new Tray(image),
    loadIcon: (file) => nativeImage.createFromPath(join(app.getAppPath(), file)),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    platform: process.platform,
    onClick: showMainWindow,
    productName: PRODUCT_NAME,
    actions,
    loadState: () =>
      loadTrayState({
        invoke: core.invoke,
        problems: () => deps.problems.list(),
        pausedScheduleIds: () => config.get().pausedScheduleIds,
        openAtLogin: () => loginItem.get(),
        stopping: () => deps.quit.quitting,
      }),
    onError: (error) => log.warn(`Tray: ${String(error)}`),
  }).controller;
}
