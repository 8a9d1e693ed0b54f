import { z } from 'zod';
import { instant } from './operations/common';

export const SESSION_STATUSES = [
  'SCHEDULED',
  'RECORDING',
  'PROCESSING',
  'COMPLETED',
  'FAILED',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const TRANSFER_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'COMPLETED',
  'FAILED',
  'SKIPPED',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** A stretch of the window that holds no audio: `at` is ISO-8601 UTC, `seconds` its length. */
export const gapSchema = z.strictObject({ at: instant, seconds: z.number().nonnegative() });
export type Gap = z.output<typeof gapSchema>;

/** The session as the contract (shared/spec/api.md) describes it. */
export const sessionDtoSchema = z.strictObject({
  id: z.string(),
  streamId: z.string(),
  scheduleId: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  transferStatus: z.enum(TRANSFER_STATUSES),
  startTime: instant,
  endTime: instant.nullable(),
  plannedDurationSeconds: z.number().nonnegative(),
  durationSeconds: z.number().nonnegative().nullable(),
  title: z.string().nullable(),
  trackNumber: z.number().int().nullable(),
  outputFilePath: z.string().nullable(),
  remotePath: z.string().nullable(),
  fileSizeBytes: z.number().int().nonnegative().nullable(),
  gaps: z.array(gapSchema),
  partial: z.boolean(),
  attempts: z.number().int().nonnegative(),
  errorMessage: z.string().nullable(),
});
export type SessionDto = z.output<typeof sessionDtoSchema>;
