import { afterEach, describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../contract/alerts';
import type { SessionDto } from '../../contract/session';
import { createEventBus } from '../events/event-bus';
import { memoryLogger } from '../ports/logger';
import { stillClock } from '../operations/resource-test-context';
import { followAlertEvents, type AlertEvents } from './alert-events';

const NOW = Date.UTC(2026, 10, 24, 7, 30);
const base: SessionDto = {
  id: 'sess-1',
  streamId: 'stream-1',
  scheduleId: 'sched-1',
  status: 'SCHEDULED',
  transferStatus: 'PENDING',
  startTime: '2026-11-24T06:00:00.000Z',
  endTime: null,
  plannedDurationSeconds: 5400,
  durationSeconds: null,
  title: '2026-11-24 Morning Show',
  trackNumber: null,
  outputFilePath: null,
  remotePath: null,
  fileSizeBytes: null,
  gaps: [],
  partial: false,
  attempts: 0,
  errorMessage: null,
  stopReason: null,
  silences: [],
  deadAir: false,
  nextTransferAt: null,
};
const s = (patch: Partial<SessionDto>): SessionDto => ({ ...base, ...patch });

let following: AlertEvents | undefined;
afterEach(async () => {
  await following?.stop();
});

function world(
  options: { notify?: (p: AlertPayload) => Promise<unknown>; publicUrl?: string } = {},
) {
  const events = createEventBus();
  const sent: AlertPayload[] = [];
  const logger = memoryLogger();
  const clock = stillClock(NOW);
  following = followAlertEvents({
    events,
    notify: options.notify ?? (async (p) => sent.push(p)),
    streams: {
      get: async (id) =>
        id === 'stream-1' ? { id, name: 'Morning Show', destinationId: 'dest-1' } : null,
    },
    destinations: { get: async () => ({ name: 'Archive' }) },
    schedules: {
      get: async (id) => ({ id, cronExpression: '0 7 * * 1-5', timezone: 'Europe/Berlin' }),
    },
    timeZone: 'Europe/Berlin',
    publicUrl: options.publicUrl,
    clock,
    logger,
  });
  const settle = () => following!.stop();
  return { events, sent, logger, clock, following, settle };
}

describe('followAlertEvents', () => {
  it('alerts a failed recording once, with its stream, schedule and the link to it', async () => {
    const w = world({ publicUrl: 'https://rec.example.org/' });
    w.events.emit('session', s({ status: 'RECORDING' }));
    w.events.emit('session', s({ status: 'PROCESSING' }));
    w.events.emit('session', s({ status: 'FAILED', errorMessage: 'The stream answered 404.' }));
    w.events.emit('session', s({ status: 'FAILED', errorMessage: 'The stream answered 404.' }));
    await w.settle();
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]).toMatchObject({
      event: 'recording.failed',
      at: new Date(NOW).toISOString(),
      stream: { id: 'stream-1', name: 'Morning Show' },
      schedule: { id: 'sched-1', runAt: base.startTime },
      url: 'https://rec.example.org/recordings?session=sess-1',
      session: { id: 'sess-1', status: 'FAILED' },
    });
    expect(w.sent[0]!.message).toBe(
      '2026-11-24 Morning Show (started 07:00) failed: The stream answered 404.',
    );
  });

  it('tells a missed run, a delivery that gave up and a completed recording apart', async () => {
    const w = world();
    w.events.emit('session', s({ id: 'm', status: 'SCHEDULED', transferStatus: 'SKIPPED' }));
    w.events.emit(
      'session',
      s({
        id: 'm',
        status: 'FAILED',
        transferStatus: 'SKIPPED',
        errorMessage: 'Missed: the app was not running.',
        stopReason: 'missed',
      }),
    );
    w.events.emit('session', s({ id: 't', status: 'COMPLETED', transferStatus: 'IN_PROGRESS' }));
    w.events.emit(
      'session',
      s({ id: 't', status: 'COMPLETED', transferStatus: 'PENDING', attempts: 1 }),
    );
    w.events.emit(
      'session',
      s({
        id: 't',
        status: 'COMPLETED',
        transferStatus: 'FAILED',
        attempts: 5,
        errorMessage: 'Permission denied.',
      }),
    );
    w.events.emit('session', s({ id: 'c', status: 'COMPLETED', transferStatus: 'IN_PROGRESS' }));
    w.events.emit(
      'session',
      s({ id: 'c', status: 'COMPLETED', transferStatus: 'COMPLETED', remotePath: '/srv/in/a.mp3' }),
    );
    await w.settle();
    expect(w.sent.map((p) => [p.event, p.session?.id])).toEqual([
      ['recording.missed', 'm'],
      ['transfer.failed', 't'],
      ['recording.completed', 'c'],
    ]);
    expect(w.sent[1]!.message).toMatch(
      /not delivered to Archive after 5 attempts: Permission denied\./,
    );
    expect(w.sent.every((p) => p.url === undefined)).toBe(true);
  });

  it('tells dead air once, when processing finds it, besides the completed alert; not after a restart', async () => {
    const w = world({ publicUrl: 'https://rec.example.org' });
    const silences = [
      { at: '2026-11-24T06:20:00.000Z', seconds: 600 },
      { at: '2026-11-24T07:00:00.000Z', seconds: 120 },
    ];
    const done = {
      status: 'COMPLETED' as const,
      endTime: '2026-11-24T07:30:00.000Z',
      durationSeconds: 5400,
      deadAir: true,
      silences,
    };
    w.events.emit('session', s({ status: 'PROCESSING' }));
    w.events.emit('session', s({ ...done, transferStatus: 'PENDING' }));
    w.events.emit('session', s({ ...done, transferStatus: 'IN_PROGRESS' }));
    w.events.emit('session', s({ ...done, transferStatus: 'COMPLETED' }));
    // a session first seen already dead air (the app restarted since): not told again
    w.events.emit('session', s({ ...done, id: 'old', transferStatus: 'COMPLETED' }));
    // one with silences but none long enough: no dead-air alert
    w.events.emit('session', s({ id: 'short', status: 'PROCESSING' }));
    w.events.emit(
      'session',
      s({ ...done, id: 'short', deadAir: false, transferStatus: 'SKIPPED' }),
    );
    await w.settle();
    expect(w.sent.map((p) => [p.event, p.session?.id])).toEqual([
      ['recording.dead-air', 'sess-1'],
      ['recording.completed', 'sess-1'],
      ['recording.completed', 'old'],
      ['recording.completed', 'short'],
    ]);
    expect(w.sent[0]).toMatchObject({
      stream: { id: 'stream-1', name: 'Morning Show' },
      url: 'https://rec.example.org/recordings?session=sess-1',
      session: { deadAir: true, silences },
    });
    expect(w.sent[0]!.message).toBe(
      'Morning Show, today 07:00–08:30: 12 min of silence (13 % of the window), longest 10 min at 07:20. The recording is kept and delivered as usual; check the station.',
    );
  });

  it('tells a low disk at most once an hour', async () => {
    const w = world();
    const low = { dir: '/app/recordings', freeMb: 50, minFreeMb: 500, ok: false };
    w.following.diskLow(low);
    w.following.diskLow(low);
    w.clock.advance(3_600_000);
    w.following.diskLow(low);
    await w.settle();
    expect(w.sent.map((p) => p.event)).toEqual(['disk.low', 'disk.low']);
    expect(w.sent[0]!.message).toMatch(
      /^Only 52 MB free for \/app\/recordings \(less than 524 MB\)/,
    );
  });

  it('logs an alert it could not queue, and stops listening when stopped', async () => {
    const w = world({ notify: () => Promise.reject(new Error('database is locked')) });
    w.events.emit('session', s({ status: 'FAILED', errorMessage: 'boom' }));
    await w.settle();
    expect(w.logger.entries.map((e) => e.message)).toContain(
      'Could not queue the recording.failed alert: database is locked',
    );
    const after = world();
    await after.following.stop();
    after.events.emit('session', s({ status: 'FAILED', errorMessage: 'boom' }));
    after.following.diskLow({ dir: '/', freeMb: 1, minFreeMb: 2, ok: false });
    expect(after.sent).toEqual([]);
  });
});
