import type { Ref } from 'vue';
import { errorMessage } from '../api/error-messages';

/** Reads of which only the newest counts (see {@link newestRead}). */
export interface NewestRead {
  /**
   * Reads with `read`; while this is the newest call, hands its answer to `apply` and clears the
   * error, or keeps the failure's message. `loading` is on from the start until the newest call
   * settles, which then calls `settled`. An older call's outcome is dropped.
   */
  run<T>(read: () => Promise<T>, apply: (answer: T) => void, settled?: () => void): Promise<void>;
  /** Makes any read on its way stale: its outcome is dropped. */
  cancel(): void;
}

/** A store's reads of one thing (a list, a detail) kept in `loading` and `error`: the newest wins. */
export function newestRead(loading: Ref<boolean>, error: Ref<string | null>): NewestRead {
  let generation = 0;
  return {
    async run(read, apply, settled) {
      const mine = ++generation;
      loading.value = true;
      try {
        const answer = await read();
        if (mine !== generation) return;
        apply(answer);
        error.value = null;
      } catch (e) {
        if (mine === generation) error.value = errorMessage(e);
      } finally {
        if (mine === generation) {
          loading.value = false;
          settled?.();
        }
      }
    },
    cancel() {
      generation += 1;
    },
  };
}
