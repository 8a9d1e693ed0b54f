import { describe, expect, it } from 'vitest';
import type { EventMap, SessionDto } from '../../contract';
import { createEventBus } from './event-bus';
import { announceSystemChanges } from './system-events';

describe('announceSystemChanges', () => {
  it('emits a system event each time the number of running recordings changes, and only then', () => {
    const events = createEventBus();
    const seen: EventMap['system'][] = [];
    events.on('system', (e) => seen.push(e));
    let running = 0;
    const off = announceSystemChanges(
      events,
      () => running,
      () => 3,
    );
    const session = { id: 's' } as SessionDto;
    running = 1;
    events.emit('session', session); // started recording
    events.emit('session', session); // another change, same count
    running = 0;
    events.emit('session', session); // stopped
    off();
    running = 2;
    events.emit('session', session);
    expect(seen).toEqual([
      { activeRecordings: 1, maxConcurrentRecordings: 3 },
      { activeRecordings: 0, maxConcurrentRecordings: 3 },
    ]);
  });
});
