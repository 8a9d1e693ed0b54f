import type { LogEntry, LogLevel } from '../../contract';
import { LOGS_DEFAULT_LIMIT } from '../../contract/operations/logs';
import { matchesSearch } from '../../contract/search';
import type { LogQuery, LogStore } from './log-store';
import { redactEntry } from './redact';
import { RingBuffer } from './ring-buffer';
import { RotatingFile, type RotatingFileOptions } from './rotating-file';

export const DEFAULT_LOG_CAPACITY = 5000;

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LogStoreOptions {
  /** Entries kept in memory for the UI. */
  capacity?: number;
  /** Also append every entry to `<dir>/recorder.log` as a JSON line (LOGS_DIR). */
  file?: RotatingFileOptions;
}

/** A LogStore that also owns its file: `rotate()` for the daily job, `close()` at shutdown. */
export interface FileLogStore extends LogStore {
  rotate(): void;
  close(): void;
}

function matches(entry: LogEntry, query: Omit<LogQuery, 'limit'>): boolean {
  if (query.level && order[entry.level] < order[query.level]) return false;
  if (query.sessionId && entry.sessionId !== query.sessionId) return false;
  return matchesSearch(query.q, [entry.message]);
}

/**
 * The log for the UI and for disk: a bounded ring of the latest entries plus a rotating file of
 * JSON lines. Messages are redacted (PEM blocks, passphrases) before they are kept. Never throws
 * into the caller: logging must not break what is being logged.
 */
export function createLogStore(options: LogStoreOptions = {}): FileLogStore {
  const ring = new RingBuffer<LogEntry>(options.capacity ?? DEFAULT_LOG_CAPACITY);
  const file = options.file ? new RotatingFile(options.file) : undefined;
  return {
    append(entry) {
      try {
        const clean = redactEntry(entry);
        const kept: LogEntry = { time: clean.time, level: clean.level, message: clean.message };
        if (clean.sessionId) kept.sessionId = clean.sessionId;
        ring.push(kept);
        file?.write(`${JSON.stringify(kept)}\n`);
      } catch {
        /* never into the caller */
      }
    },
    list(query) {
      const limit = Math.max(1, query.limit ?? LOGS_DEFAULT_LIMIT);
      const out: LogEntry[] = [];
      for (const entry of ring.newestFirst()) {
        if (!matches(entry, query)) continue;
        out.push({ ...entry });
        if (out.length >= limit) break;
      }
      return out;
    },
    rotate: () => file?.rotate(),
    close: () => file?.close(),
  };
}
