import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Synchronous work allowed between two turns of the event loop, by default. */
export const DEFAULT_TURN_BUDGET_MS = 10;

/**
 * Long CPU work split into turns: call `await turn()` between items, and the event loop gets a
 * turn (timers, I/O, other requests) whenever `budgetMs` of synchronous work has passed since the
 * last one. Cheap to call often: it only reads the clock until the budget is spent.
 */
export function turnTaker(budgetMs = DEFAULT_TURN_BUDGET_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await nextTurn();
    since = performance.now();
  };
}
