import { z } from 'zod';
import { instant } from './operations/common';
import type { SessionDto } from './session';

/**
 * What a running recording is doing right now, as the recorder knows it (not read from any
 * message): `connecting` — ffmpeg started, no audio yet; `retrying` — a connection failed or the
 * stream dropped, the next attempt waits; `receiving` — audio arrives.
 */
export const LIVE_PHASES = ['connecting', 'retrying', 'receiving'] as const;
export type LivePhase = (typeof LIVE_PHASES)[number];

/**
 * The live state of one recording (the `recording-progress` event, `GET /api/sessions/live`).
 * Kept in memory only: it exists while the session is RECORDING.
 */
export const recordingLiveSchema = z.strictObject({
  sessionId: z.string(),
  phase: z.enum(LIVE_PHASES),
  /** The connection attempt under way (connecting, receiving) or the next one (retrying), 1-based. */
  attempt: z.number().int().positive(),
  /** When the next attempt starts (retrying only; else null). */
  nextAttemptAt: instant.nullable(),
  /** Bytes of audio received so far (all parts). */
  bytes: z.number().int().nonnegative(),
  /** The bit rate of the audio arriving (receiving only; else null). */
  bitRateKbps: z.number().nonnegative().nullable(),
  /**
   * Why the last attempt ended, as ffmpeg or the recorder said it (raw; a UI shows it through
   * `plainFfmpegMessage`), credentials removed; null before anything failed.
   */
  problem: z.string().nullable(),
});
export type RecordingLive = z.output<typeof recordingLiveSchema>;

/**
 * The phase a session in progress is in, in the order a recording goes through them: starting
 * (created, waiting to record or for a slot), connecting, retrying, receiving, processing (the MP3
 * is made), delivering (the transfer runs), then done (nothing in progress).
 */
export type SessionPhase =
  'starting' | 'connecting' | 'retrying' | 'receiving' | 'processing' | 'delivering' | 'done';

/** The words of each phase, the same in every view. */
export const PHASE_LABELS: Record<SessionPhase, string> = {
  starting: 'Starting',
  connecting: 'Connecting',
  retrying: 'Retrying',
  receiving: 'Receiving',
  processing: 'Processing',
  delivering: 'Delivering',
  done: 'Done',
};

/**
 * The one rule from state to phase: a RECORDING session is in the phase the recorder published
 * (`connecting` until it published one: no audio is known to arrive yet); a completed recording
 * whose transfer runs is delivering.
 */
export function sessionPhase(
  session: Pick<SessionDto, 'status' | 'transferStatus'>,
  live: Pick<RecordingLive, 'phase'> | null | undefined,
): SessionPhase {
  switch (session.status) {
    case 'SCHEDULED':
      return 'starting';
    case 'RECORDING':
      return live?.phase ?? 'connecting';
    case 'PROCESSING':
      return 'processing';
    default:
      return session.transferStatus === 'IN_PROGRESS' ? 'delivering' : 'done';
  }
}

/** Whether the phase shows the window's progress (a bar, "0:08 of 0:15"): only when audio arrives. */
export function phaseShowsWindowProgress(phase: SessionPhase): boolean {
  return phase === 'receiving';
}
