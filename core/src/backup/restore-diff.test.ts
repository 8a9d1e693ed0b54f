import { describe, expect, it } from 'vitest';
import {
  FIXTURE_TIME as T,
  backupChannel as channel,
  backupDestination as destination,
  backupDocument as doc,
  backupSchedule as schedule,
  backupStream as stream,
} from '../../contract/testing/backup-fixtures';
import { diffRestore } from './restore-diff';

const noSessions = { sessionCounts: {}, lockedByEnv: [] };

describe('diffRestore', () => {
  it('finds nothing to change in the same configuration (bookkeeping aside)', () => {
    const current = doc();
    const incoming = doc({
      createdAt: '2026-12-01T00:00:00.000Z',
      schedules: [schedule('k1', 's1', { lastRunTime: T, updatedAt: '2026-12-01T00:00:00.000Z' })],
    });
    const diff = diffRestore(current, incoming, noSessions);
    expect(diff.unchanged).toBe(true);
    expect(diff.streams).toEqual({ added: [], removed: [], changed: [], unchanged: 1 });
    expect(diff.settings).toEqual([]);
    expect(diff.refusals).toEqual([]);
  });

  it('lists what is added, removed and changed, by id, with names and the fields that change', () => {
    const current = doc({
      destinations: [destination('d1'), destination('d2', { name: 'Old server' })],
      streams: [stream('s1', { destinationId: 'd1' }), stream('s2', { name: 'Gone Show' })],
      schedules: [schedule('k1', 's1'), schedule('k2', 's2', { cronExpression: '0 8 * * 1' })],
    });
    const incoming = doc({
      destinations: [
        destination('d1', { host: 'new.example.com', privateKey: 'other key' }),
        destination('d3', { name: 'New server' }),
      ],
      streams: [
        stream('s1', { destinationId: 'd3', name: 'Morning', artwork: '/9j/AAAA' }),
        stream('s3', { name: 'Evening' }),
      ],
      schedules: [schedule('k1', 's1', { durationMinutes: 90, isActive: false })],
    });
    const diff = diffRestore(current, incoming, noSessions);
    expect(diff.unchanged).toBe(false);
    expect(diff.destinations).toEqual({
      added: [{ id: 'd3', name: 'New server', changes: [] }],
      removed: [{ id: 'd2', name: 'Old server', changes: [] }],
      changed: [{ id: 'd1', name: 'Destination d1', changes: ['host', 'private key'] }],
      unchanged: 0,
    });
    expect(diff.streams.added.map((s) => s.name)).toEqual(['Evening']);
    expect(diff.streams.removed.map((s) => s.name)).toEqual(['Gone Show']);
    expect(diff.streams.changed).toEqual([
      { id: 's1', name: 'Morning', changes: ['name', 'destination', 'artwork'] },
    ]);
    // schedules are named by their stream and when they run
    expect(diff.schedules.removed).toEqual([
      { id: 'k2', name: 'Gone Show · 0 8 * * 1', changes: [] },
    ]);
    expect(diff.schedules.changed).toEqual([
      { id: 'k1', name: 'Morning · 0 6 * * *', changes: ['duration', 'active'] },
    ]);
    expect(diff.notes).toContain('Removed streams lose their artwork and their schedules.');
  });

  it('lists the settings that change, old → new, and says which the environment keeps', () => {
    const incoming = doc();
    incoming.settings = { ...incoming.settings, retentionDays: 30, logLevel: 'debug' };
    const diff = diffRestore(doc(), incoming, { sessionCounts: {}, lockedByEnv: ['logLevel'] });
    expect(diff.settings).toEqual([
      { name: 'retentionDays', from: 0, to: 30, lockedBy: null },
      { name: 'logLevel', from: 'info', to: 'debug', lockedBy: 'LOG_LEVEL' },
    ]);
    expect(diff.notes.join(' ')).toMatch(/LOG_LEVEL is set on this server/);
  });

  it('warns that the server will refuse to drop a stream that has recordings', () => {
    const current = doc({
      streams: [stream('s1', { destinationId: 'd1' }), stream('s2', { name: 'Archive Show' })],
    });
    const diff = diffRestore(current, doc(), {
      sessionCounts: { s2: 4, s1: 10 },
      lockedByEnv: [],
    });
    expect(diff.refusals).toEqual([
      {
        streamId: 's2',
        name: 'Archive Show',
        sessions: 4,
        message: expect.stringContaining('lacks stream “Archive Show”, which has 4 recordings'),
      },
    ]);
    // a stream without recordings goes quietly
    expect(diffRestore(current, doc(), noSessions).refusals).toEqual([]);
  });

  it('counts the notification channels added, removed and changed (a new secret by its digest)', () => {
    const current = doc({
      notificationChannels: [channel('n1'), channel('n2', { name: 'Old hook' }), channel('n3')],
    });
    const incoming = doc({
      notificationChannels: [
        channel('n1', { secret: 'sha256:fedcba', events: ['recording.failed'] }),
        channel('n3'),
        channel('n4', { name: 'Phone' }),
      ],
    });
    const diff = diffRestore(current, incoming, noSessions);
    expect(diff.notificationChannels).toEqual({
      added: [{ id: 'n4', name: 'Phone', changes: [] }],
      removed: [{ id: 'n2', name: 'Old hook', changes: [] }],
      changed: [{ id: 'n1', name: 'Channel n1', changes: ['events', 'secret'] }],
      unchanged: 1,
    });
    expect(diff.unchanged).toBe(false);
    expect(diffRestore(current, current, noSessions).unchanged).toBe(true);
  });

  it('keeps the channels when the backup lists none (written before they existed), and says so', () => {
    const current = doc({ notificationChannels: [channel('n1'), channel('n2')] });
    const diff = diffRestore(current, doc(), noSessions);
    expect(diff.notificationChannels).toEqual({
      added: [],
      removed: [],
      changed: [],
      unchanged: 2,
    });
    expect(diff.unchanged).toBe(true);
    expect(diff.notes).toContain(
      'The backup lists no notification channels (it was written before they existed): the current ones are kept.',
    );
    // an empty list removes them
    const emptied = diffRestore(current, doc({ notificationChannels: [] }), noSessions);
    expect(emptied.notificationChannels.removed.map((c) => c.id)).toEqual(['n1', 'n2']);
  });

  it('notes destinations whose key is a file on the server', () => {
    const incoming = doc({
      destinations: [destination('d1', { privateKey: null, privateKeyPath: '/keys/id_ed25519' })],
    });
    expect(diffRestore(doc(), incoming, noSessions).notes[0]).toContain('/keys/id_ed25519');
  });
});
