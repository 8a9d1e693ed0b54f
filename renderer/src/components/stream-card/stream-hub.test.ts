import { describe, expect, it } from 'vitest';
import { scheduleDto } from '@contract/testing/schedule-fixtures';
import { sessionDto } from '@contract/testing/session-fixtures';
import { deliveryView, streamHub } from './stream-hub';

const stream = { id: 'st-1', destinationId: 'd-1' };

describe('streamHub', () => {
  it('takes the earliest next run of its active schedules', () => {
    const hub = streamHub(
      stream,
      [
        scheduleDto('a', { nextRunTime: '2026-12-05T06:00:00.000Z' }),
        scheduleDto('b', { nextRunTime: '2026-12-03T06:00:00.000Z' }),
        scheduleDto('c', { nextRunTime: null, isActive: false }),
        scheduleDto('d', { streamId: 'other', nextRunTime: '2026-12-02T18:00:00.000Z' }),
      ],
      [],
    );
    expect(hub.next?.schedule.id).toBe('b');
    expect(hub.schedules).toBe(3);
  });

  it('tells the last result and the delivery of the newest recording', () => {
    const sessions = [
      sessionDto({
        id: 'old',
        streamId: 'st-1',
        startTime: '2026-12-01T06:00:00.000Z',
        status: 'COMPLETED',
        transferStatus: 'COMPLETED',
      }),
      sessionDto({
        id: 'new',
        streamId: 'st-1',
        startTime: '2026-12-02T06:00:00.000Z',
        status: 'COMPLETED',
        transferStatus: 'PENDING',
        attempts: 5,
      }),
      sessionDto({
        id: 'live',
        streamId: 'st-1',
        startTime: '2026-12-02T09:00:00.000Z',
        status: 'RECORDING',
        transferStatus: 'PENDING',
      }),
    ];
    const hub = streamHub(stream, [], sessions);
    expect(hub.last?.id).toBe('new');
    // five failed attempts and still retried: a problem, red as on the recordings list
    expect(hub.delivery).toBe('failing');
    expect(deliveryView(hub.delivery, 'NAS')).toEqual({
      text: 'Delivery to NAS keeps failing',
      type: 'error',
    });
  });

  it('a transfer retried a few times is routine back-off (a warning, not red)', () => {
    const retried = sessionDto({
      streamId: 'st-1',
      status: 'COMPLETED',
      transferStatus: 'PENDING',
      attempts: 2,
    });
    const hub = streamHub(stream, [], [retried]);
    expect(hub.delivery).toBe('retrying');
    expect(deliveryView(hub.delivery, 'NAS')).toEqual({
      text: 'Delivery to NAS retrying',
      type: 'warning',
    });
  });

  it('delivered, failed, nothing yet, and kept locally', () => {
    const one = (transferStatus: 'COMPLETED' | 'FAILED') => [
      sessionDto({ streamId: 'st-1', status: 'COMPLETED', transferStatus }),
    ];
    expect(streamHub(stream, [], one('COMPLETED')).delivery).toBe('ok');
    expect(streamHub(stream, [], one('FAILED')).delivery).toBe('failed');
    expect(streamHub(stream, [], []).delivery).toBe('none');
    expect(streamHub({ id: 'st-1', destinationId: null }, [], one('COMPLETED')).delivery).toBe(
      'local',
    );
    expect(deliveryView('failed', 'NAS').type).toBe('error');
  });
});
