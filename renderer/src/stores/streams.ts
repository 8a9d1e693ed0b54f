import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { StreamDto } from '../../../core/contract/operations';
import { useClient } from '../api/client';
import { errorMessage } from '../api/error-messages';
import { useSessionsStore } from './sessions';

/** The streams (stations) to record, by name. */
export const useStreamsStore = defineStore('streams', () => {
  const client = useClient();
  const items = ref<StreamDto[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const byId = computed(() => new Map(items.value.map((stream) => [stream.id, stream])));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const answer = await client.invoke('streams.list');
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

  /** Records a stream now for `durationSeconds`; answers the new session (rejects with an ApiError). */
  async function record(id: string, durationSeconds: number) {
    const session = await client.invoke('streams.record', { id, durationSeconds });
    useSessionsStore().applyAnswer(session);
    return session;
  }

  /** The name of a stream, or a stand-in while streams load or when it was deleted. */
  function nameOf(id: string): string {
    return byId.value.get(id)?.name ?? (loaded.value ? 'Deleted stream' : '…');
  }

  return { items, loaded, loading, error, byId, load, ensureLoaded, record, nameOf };
});
