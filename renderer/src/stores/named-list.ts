import { computed, ref, type Ref } from 'vue';
import { errorMessage } from '../api/error-messages';

/** A row the server lists by name (a stream, a destination). */
export interface NamedRow {
  id: string;
  name: string;
  createdAt: string;
}

function byName(a: NamedRow, b: NamedRow): number {
  return a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt);
}

/**
 * The list part of a store of named rows: loading it from the server (`fetch`), its state, the
 * rows by id, and putting a row the server answered into it (replacing its old copy), by name,
 * or taking a deleted one out.
 */
export function useNamedList<T extends NamedRow>(fetch: () => Promise<{ items: T[] }>) {
  const items = ref([]) as Ref<T[]>;
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const byId = computed(() => new Map(items.value.map((row) => [row.id, row])));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const answer = await fetch();
      items.value = answer.items;
      loaded.value = true;
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  /** Loads unless already loaded (views that only need names). */
  async function ensureLoaded(): Promise<void> {
    if (!loaded.value && !loading.value) await load();
  }

  function put(row: T): void {
    items.value = [...items.value.filter((r) => r.id !== row.id), row].sort(byName);
  }

  /** Takes a row out of the list (the server deleted it). */
  function drop(id: string): void {
    items.value = items.value.filter((r) => r.id !== id);
  }

  /** A call that answers a row (create, update, get): the row it answers is put into the list. */
  function putting<A extends unknown[]>(
    call: (...args: A) => Promise<T>,
  ): (...args: A) => Promise<T> {
    return async (...args) => {
      const row = await call(...args);
      put(row);
      return row;
    };
  }

  /** The name of a row, or a stand-in while the list loads (…) or when it was deleted. */
  function nameOf(id: string, deleted: string): string {
    return byId.value.get(id)?.name ?? (loaded.value ? deleted : '…');
  }

  return { items, loaded, loading, error, byId, load, ensureLoaded, put, drop, putting, nameOf };
}
