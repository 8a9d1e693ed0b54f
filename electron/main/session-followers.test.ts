import { describe, expect, it } from 'vitest';
import type { SessionDto } from '../../core/contract/session';
import { createEventBus } from '../../core/src/events/event-bus';
import { sessionDto } from '../testing/fakes';
import { ProblemTracker } from './problems';
import { followSessions } from './session-followers';

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(handle: (session: SessionDto) => Promise<unknown> = async () => null) {
  const bus = createEventBus();
  const events: string[] = [];
  const problems = new ProblemTracker();
  const stop = followSessions({
    events: bus,
    problems,
    notifier: {
      handle: async (session) => {
        events.push(`notify ${session.id} ${session.status}`);
        await handle(session);
        return null;
      },
      handleAlert: (alert) => {
        events.push(`alert ${alert.event}`);
        return null;
      },
    },
    describe: async () => ({ streamName: 'Morning Show', destination: null }),
    updateTray: () => events.push('updateTray'),
    log: (message) => events.push(`log ${message}`),
  });
  return { bus, events, problems, stop };
}

describe('following the session events', () => {
  it('each change is notified, tracked as a problem when it is one, and updates the tray', async () => {
    const { bus, events, problems } = setup();
    bus.emit('session', sessionDto({ status: 'RECORDING' }));
    bus.emit('session', sessionDto({ status: 'FAILED', errorMessage: 'The stream went away.' }));
    await settle();
    expect(events).toEqual([
      'notify sess-1 RECORDING',
      'updateTray',
      'notify sess-1 FAILED',
      'updateTray',
    ]);
    expect(problems.list()).toEqual([{ sessionId: 'sess-1', text: 'Failed: Morning Show' }]);
  });

  it('a notification that fails is logged; the tray still follows', async () => {
    const { bus, events } = setup(async () => {
      throw new Error('no notification server');
    });
    bus.emit('session', sessionDto({ status: 'RECORDING' }));
    await settle();
    expect(events).toEqual([
      'notify sess-1 RECORDING',
      'updateTray',
      'log Error: no notification server',
    ]);
  });

  it('alerts go to the notifier (it decides which of them to show)', () => {
    const { bus, events } = setup();
    bus.emit('alert', {
      event: 'preflight.failed',
      at: '2026-11-24T06:50:00.000Z',
      message: 'Morning Show starts at 07:00: the stream answers 404.',
    });
    expect(events).toEqual(['alert preflight.failed']);
  });

  it('system changes update the tray; after stop nothing follows', () => {
    const { bus, events, stop } = setup();
    bus.emit('system', { activeRecordings: 1, maxConcurrentRecordings: 3 });
    stop();
    bus.emit('system', { activeRecordings: 0, maxConcurrentRecordings: 3 });
    bus.emit('session', sessionDto());
    expect(events).toEqual(['updateTray']);
  });
});
