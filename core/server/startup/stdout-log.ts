import type { LogEntry } from '../../contract';

/** One log entry as one line for stdout: `<time> <LEVEL> <message> [session <id>]`. */
export function formatLogLine(entry: LogEntry): string {
  const session = entry.sessionId ? ` [session ${entry.sessionId}]` : '';
  const message = entry.message.replace(/\r?\n/g, '\n    ');
  return `${entry.time} ${entry.level.toUpperCase().padEnd(5)} ${message}${session}\n`;
}

/** Prints a log entry to stdout (the container's log). */
export function printLogEntry(entry: LogEntry): void {
  process.stdout.write(formatLogLine(entry));
}
