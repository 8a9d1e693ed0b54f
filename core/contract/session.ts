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
export interface Gap {
  at: string;
  seconds: number;
}

/** The session as the contract (shared/spec/api.md) describes it. */
export interface SessionDto {
  id: string;
  streamId: string;
  scheduleId: string | null;
  status: SessionStatus;
  transferStatus: TransferStatus;
  startTime: string;
  endTime: string | null;
  plannedDurationSeconds: number;
  durationSeconds: number | null;
  title: string | null;
  trackNumber: number | null;
  outputFilePath: string | null;
  remotePath: string | null;
  fileSizeBytes: number | null;
  gaps: Gap[];
  partial: boolean;
  attempts: number;
  errorMessage: string | null;
}
