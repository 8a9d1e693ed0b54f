import { EventEmitter } from 'node:events';
import type { EventMap } from '../../contract';

/**
 * A change of the configuration the engine itself follows (pre-flight re-plans on it). Internal:
 * not in the contract's EVENT_NAMES, so it is never sent to clients.
 */
export interface ConfigChange {
  what: 'schedules';
  /** The schedule re-read; absent when all were (a restore). */
  id?: string;
}

/** The contract's events, sent to clients, plus the engine's own. */
export interface CoreEventMap extends EventMap {
  'config-changed': ConfigChange;
}
export type CoreEventName = keyof CoreEventMap;

/** Announces changes (rule 7: the database is the truth; events only say that it changed). */
export interface EventBus {
  emit<K extends CoreEventName>(name: K, payload: CoreEventMap[K]): void;
  on<K extends CoreEventName>(name: K, listener: (payload: CoreEventMap[K]) => void): () => void;
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
