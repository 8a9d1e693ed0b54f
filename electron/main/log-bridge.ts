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
