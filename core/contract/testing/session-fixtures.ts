/**
 * Test support: a session as the core announces it (SessionDto), for the contract's, the desktop
 * host's and the renderer's tests (the renderer reaches it through the @contract alias). A test
 * passes in `patch` only what it is about. Not exported from the contract's index.
 */
import { notYetRun, type SessionDto } from '../session';

/** A scheduled, one-hour session `sess-1` of `stream-1`, not started. */
export function sessionDto(patch: Partial<SessionDto> = {}): SessionDto {
  return {
    id: 'sess-1',
    streamId: 'stream-1',
    scheduleId: null,
    status: 'SCHEDULED',
    transferStatus: 'PENDING',
    startTime: '2026-11-24T06:00:00.000Z',
    plannedDurationSeconds: 3600,
    ...notYetRun(),
    ...patch,
  };
}

/**
 * What a recorded session with dead air holds: the Morning Show of 2026-11-24, 06:00–08:00 UTC
 * (07:00–09:00 Berlin) recorded in full, with 12 min of silence: 8 min from 06:41 UTC and 4 min
 * from 07:30 UTC. Spread into sessionDto (or a test's own session builder) with its status.
 */
export function deadAirMorningShow(): Partial<SessionDto> {
  return {
    startTime: '2026-11-24T06:00:00.000Z',
    endTime: '2026-11-24T08:00:00.000Z',
    plannedDurationSeconds: 7200,
    durationSeconds: 7200,
    title: '2026-11-24 Morning Show',
    deadAir: true,
    silences: [
      { at: '2026-11-24T06:41:00.000Z', seconds: 480 },
      { at: '2026-11-24T07:30:00.000Z', seconds: 240 },
    ],
  };
}

/** The Morning Show of 2026-11-24 recorded, its file kept in /rec, its transfer not yet done. */
export function recordedMorningShow(): Partial<SessionDto> {
  return {
    status: 'COMPLETED',
    transferStatus: 'PENDING',
    title: '2026-11-24 Morning Show',
    outputFilePath: '/rec/2026-11-24 Morning Show.mp3',
  };
}

/** recordedMorningShow, then delivered to /srv/radio at the first attempt. */
export function deliveredMorningShow(): Partial<SessionDto> {
  return {
    ...recordedMorningShow(),
    transferStatus: 'COMPLETED',
    attempts: 1,
    remotePath: '/srv/radio/2026-11-24 Morning Show.mp3',
  };
}
