import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../contract';

/** Announces changes (rule 7: the database is the truth; events only say that it changed). */
export interface EventBus {
  emit<K extends EventName>(name: K, payload: EventMap[K]): void;
  on<K extends EventName>(name: K, listener: (payload: EventMap[K]) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit(name, payload) {
      // a failing listener must never break the pipeline that announced the change
      for (const listener of emitter.listeners(name)) {
        try {
          (listener as (p: unknown) => void)(payload);
        } catch {
          /* listeners report their own errors */
        }
      }
    },
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
  };
}
