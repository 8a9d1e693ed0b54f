import { EVENT_NAMES, type EventMap, type EventName } from '../../core/contract/events';
import { eventChannel } from '../shared/ipc-channels';

export interface EventSource {
  on<K extends EventName>(name: K, listener: (payload: EventMap[K]) => void): () => void;
}

/** The part of a window's webContents used to send events. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/**
 * Forwards every contract event of the core's bus (session, transfer-progress, log, system) to
 * the app's window, each on its own channel. Nothing is sent while there is no window. Answers
 * the function that stops forwarding.
 */
export function forwardEvents(bus: EventSource, target: () => EventTarget | null): () => void {
  const stops = EVENT_NAMES.map((name) =>
    bus.on(name, (payload) => {
      const contents = target();
      if (!contents || contents.isDestroyed()) return;
      try {
        contents.send(eventChannel(name), payload);
      } catch {
        /* a window that is going away */
      }
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
