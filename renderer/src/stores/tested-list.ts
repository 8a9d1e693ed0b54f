import { useNamedList, type NamedRow } from './named-list';
import type { useTestRuns } from './test-runs';

/** What the server does with a store's tested rows. */
export interface TestedListCalls<T extends NamedRow, C, U> {
  list: () => Promise<{ items: T[] }>;
  create: (input: C) => Promise<T>;
  update: (input: U) => Promise<T>;
  delete: (id: string) => Promise<unknown>;
}

/**
 * A store of named rows that are each tested (destinations, notification channels): the list
 * (useNamedList), `create` and `save` (the row the server answers put into the list; both reject
 * with the ApiError), and `remove` (the row dropped from the list and its last test forgotten;
 * rejects, leaving both, when the server refuses). `shown` is what the store answers of these.
 */
export function useTestedList<T extends NamedRow, C, U, O>(
  calls: TestedListCalls<T, C, U>,
  runs: ReturnType<typeof useTestRuns<O>>,
) {
  const list = useNamedList(calls.list);
  const create = list.putting(calls.create);
  const save = list.putting(calls.update);

  async function remove(id: string): Promise<void> {
    await calls.delete(id);
    list.drop(id);
    runs.forget(id);
  }

  const { items, loaded, loading, error, byId, load, ensureLoaded } = list;
  const { tests, testing } = runs;
  /** What the store shows of it as it is (its own update and test go beside). */
  const shown = { items, loaded, loading, error, tests, testing, byId, load, ensureLoaded };
  return { list, save, shown: { ...shown, create, remove } };
}
