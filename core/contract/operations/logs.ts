import { z } from 'zod';
import { logEntrySchema, logLevelSchema } from '../events';
import { operationAt } from '../operation';
import { searchInput } from './common';

/** A query parameter left empty (`?level=`) means "no filter". */
const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

export const LOGS_DEFAULT_LIMIT = 200;
export const LOGS_MAX_LIMIT = 1000;

export const logsListInputSchema = z.object({
  /** Entries at or above this level. */
  level: z.preprocess(emptyAsUnset, logLevelSchema.optional()),
  sessionId: z.preprocess(emptyAsUnset, z.string().min(1).max(200).optional()),
  /** Entries whose message holds every word (`search.ts`). */
  q: searchInput,
  limit: z.coerce.number().int().min(1).max(LOGS_MAX_LIMIT).default(LOGS_DEFAULT_LIMIT),
});

/** Newest first, at most `limit`. The app keeps the latest few thousand entries for this list;
 * the files in LOGS_DIR (`recorder.log`, JSON lines) keep more. */
export const logListDtoSchema = z.strictObject({ items: z.array(logEntrySchema) });
export type LogListDto = z.output<typeof logListDtoSchema>;

export const logsList = operationAt('GET /api/logs', 'logs.list', {
  input: logsListInputSchema,
  output: logListDtoSchema,
  summary:
    'The latest log entries, newest first; ?level= (at or above), ?sessionId=, ?q= (every word in the message), ?limit=.',
});

export const logsSpecs = [logsList] as const;
