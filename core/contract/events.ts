import type { SessionDto } from './session';

/** Every event a host may forward (SSE in the server, IPC in the desktop app). */
export interface EventMap {
  session: SessionDto;
  'transfer-progress': { sessionId: string; bytes: number; totalBytes: number };
  log: LogEntry;
  system: { activeRecordings: number; maxConcurrentRecordings: number };
}

export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['session', 'transfer-progress', 'log', 'system'];

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface LogEntry {
  time: string;
  level: LogLevel;
  message: string;
  sessionId?: string;
}
