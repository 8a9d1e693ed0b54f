import type { LogEntry } from '../../core/contract/events';

/** The part of electron-log's logger used here. */
export interface LevelLogger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/**
 * A core log entry (already redacted by the core) written through electron-log: the file in
 * Electron's logs folder and, in development, the console.
 */
export function writeCoreEntry(log: LevelLogger, entry: LogEntry): void {
  const text = entry.sessionId ? `[session ${entry.sessionId}] ${entry.message}` : entry.message;
  log[entry.level](text);
}

/** The part of electron-log's main logger set up here. */
export interface MainLog extends LevelLogger {
  transports: { file: { level: string | false }; console: { level: string | false } };
}

/** electron-log's own IPC channel, for renderer logs through a bridge this app does not have. */
export const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__';

/**
 * The main process's log: info and up to the file (`<userData>/logs/main.log`), the console
 * only in development, unhandled rejections written down. electron-log's IPC listener is
 * removed: main answers only the contract's channels.
 */
export function setUpMainLog(deps: {
  log: MainLog;
  ipcMain: { removeAllListeners(channel: string): unknown; removeHandler(channel: string): void };
  process: { on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown };
  packaged: boolean;
}): void {
  const { log } = deps;
  deps.ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL);
  deps.ipcMain.removeHandler(ELECTRON_LOG_CHANNEL);
  log.transports.file.level = 'info';
  log.transports.console.level = deps.packaged ? false : 'debug';
  deps.process.on('unhandledRejection', (reason) => {
    log.error(`Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
  });
}
