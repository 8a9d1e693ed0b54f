import { describe, expect, it } from 'vitest';
import { isAppError } from '../../contract';
import type { ScheduleRecord, SessionRecord, StreamRecord } from '../db/records';
import { assertStreamDeletable, removalMessage, type StreamRemoval } from './stream-removal';

const stream = { id: 'st', name: 'Morning', artworkFile: null } as StreamRecord;
const schedule = { id: 'sc', streamId: 'st' } as ScheduleRecord;
const session = (over: Partial<SessionRecord>): SessionRecord =>
  ({ id: 'se', status: 'COMPLETED', transferStatus: 'DONE', ...over }) as SessionRecord;

function refusal(found: StreamRemoval, cascade: boolean, active: string[] = []): string {
  try {
    assertStreamDeletable(found, cascade, new Set(active));
  } catch (error) {
    if (isAppError(error) && error.code === 'CONFLICT' && error.field === 'id')
      return error.message;
    throw error;
  }
  return 'allowed';
}

describe('deleting a stream', () => {
  it('a stream without dependents goes, cascade or not', () => {
    expect(refusal({ stream, schedules: [], sessions: [] }, false)).toBe('allowed');
    expect(removalMessage({ stream, schedules: [], sessions: [] })).toBe(
      'Stream "Morning" deleted.',
    );
  });

  it('dependents need cascade, and are named by count', () => {
    const found = { stream, schedules: [schedule], sessions: [session({}), session({ id: 'b' })] };
    expect(refusal(found, false)).toBe(
      'Stream "Morning" has 1 schedule and 2 sessions: delete them first, or delete the stream with cascade=true to delete them too.',
    );
    expect(refusal(found, true)).toBe('allowed');
    expect(removalMessage(found)).toBe('Stream "Morning" deleted with 1 schedule and 2 sessions.');
  });

  it('never while a session records, processes, transfers or runs here, even with cascade', () => {
    for (const busy of [
      session({ status: 'RECORDING' }),
      session({ status: 'PROCESSING' }),
      session({ transferStatus: 'IN_PROGRESS' }),
    ]) {
      expect(refusal({ stream, schedules: [], sessions: [busy] }, true)).toBe(
        'Stream "Morning" has 1 session recording, processing or transferring now: stop it or wait, then delete the stream.',
      );
    }
    const idle = { stream, schedules: [], sessions: [session({})] };
    expect(refusal(idle, true, ['se'])).toMatch(/1 session recording/);
    expect(refusal(idle, true, ['other'])).toBe('allowed');
  });
});
