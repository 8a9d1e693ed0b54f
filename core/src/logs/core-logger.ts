import type { LogEntry, LogLevel } from '../../contract';
import type { EventBus } from '../events/event-bus';
import { createLogger, type Logger } from '../ports/logger';
import { createLogStore, type FileLogStore } from './create-log-store';
import { redactEntry } from './redact';

/**
 * The engine's logger: every entry at or above `level()` is redacted, kept in the log store (the
 * ring the UI reads and the rotating file in `logsDir`), announced as a `log` event and handed to
 * `onLog` (the hosts print or store it).
 */
export function createCoreLogger(options: {
  logsDir: string;
  events: EventBus;
  level: () => LogLevel;
  onLog?: (entry: LogEntry) => void;
}): { logs: FileLogStore; logger: Logger } {
  const logs = createLogStore({ file: { dir: options.logsDir } });
  const logger = createLogger((entry) => {
    const clean = redactEntry(entry);
    logs.append(clean);
    options.events.emit('log', clean);
    options.onLog?.(clean);
  }, options.level);
  return { logs, logger };
}
