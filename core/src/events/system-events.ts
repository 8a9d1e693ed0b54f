import type { EventBus } from './event-bus';

/**
 * Announces a `system` event whenever the number of recordings running changes (a session
 * starts or stops recording), so that status displays follow without polling.
 */
export function announceSystemChanges(
  events: EventBus,
  activeRecordings: () => number,
  maxConcurrentRecordings: () => number,
): () => void {
  let last = activeRecordings();
  return events.on('session', () => {
    const now = activeRecordings();
    if (now === last) return;
    last = now;
    events.emit('system', {
      activeRecordings: now,
      maxConcurrentRecordings: maxConcurrentRecordings(),
    });
  });
}
