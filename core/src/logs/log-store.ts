import type { LogEntry, LogLevel } from '../../contract';

export interface LogQuery {
  level?: LogLevel;
  sessionId?: string;
  /** Words that must each appear in the message (`contract/search.ts`). */
  q?: string;
  limit?: number;
}

/** Structured log entries kept for the UI (implemented in core/src/logs/). */
export interface LogStore {
  append(entry: LogEntry): void;
  /** Newest first, at or above `level`. */
  list(query: LogQuery): LogEntry[];
}
