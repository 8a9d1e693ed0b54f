import type { LogEntry, LogLevel } from '../../contract';
import { redactSecrets } from '../logs/redact';

export interface LogMeta {
  sessionId?: string;
}

/** Structured log sink. Never pass secrets (keys, passphrases) in a message. */
export interface Logger {
  debug(message: string, meta?: LogMeta): void;
  info(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  error(message: string, meta?: LogMeta): void;
}

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * A logger that hands every entry at or above `level` (fixed, or read at each call) to `sink`.
 * Entries are made redacted (redactSecrets: URL credentials, PEM blocks, passphrase=...), so no
 * sink ever gets a secret that a message carried by mistake.
 */
export function createLogger(
  sink: (entry: LogEntry) => void,
  level: LogLevel | (() => LogLevel) = 'info',
): Logger {
  const threshold = typeof level === 'function' ? level : () => level;
  const at =
    (lvl: LogLevel) =>
    (message: string, meta?: LogMeta): void => {
      if (order[lvl] < order[threshold()]) return;
      const entry: LogEntry = {
        time: new Date().toISOString(),
        level: lvl,
        message: redactSecrets(message),
      };
      if (meta?.sessionId) entry.sessionId = meta.sessionId;
      sink(entry);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Collects entries in memory: for tests and for the bounded buffer the UI reads. */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return Object.assign(
    createLogger((e) => entries.push(e), level),
    { entries },
  );
}

export const silentLogger: Logger = createLogger(() => undefined, 'error');
