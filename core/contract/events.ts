import { z } from 'zod';
import type { AlertPayload } from './alerts';
import type { RecordingLive } from './recording-phase';
import type { SessionDto } from './session';

/** Every event a host may forward (SSE in the server, IPC in the desktop app). */
export interface EventMap {
  session: SessionDto;
  'transfer-progress': { sessionId: string; bytes: number; totalBytes: number };
  /** What a running recording is doing (connecting, retrying, receiving): core/contract/recording-phase.ts. */
  'recording-progress': RecordingLive;
  log: LogEntry;
  system: { activeRecordings: number; maxConcurrentRecordings: number };
  /** An alert was raised (whichever channels it goes to, or none): dashboards and notifications. */
  alert: AlertPayload;
}

export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = [
  'session',
  'transfer-progress',
  'recording-progress',
  'log',
  'system',
  'alert',
];

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.output<typeof logLevelSchema>;
export const LOG_LEVELS: readonly LogLevel[] = logLevelSchema.options;

/** One entry of the log (the `log` event, `GET /api/logs`). */
export const logEntrySchema = z.strictObject({
  time: z.iso.datetime({ offset: true }),
  level: logLevelSchema,
  message: z.string(),
  sessionId: z.string().optional(),
});
export type LogEntry = z.output<typeof logEntrySchema>;
