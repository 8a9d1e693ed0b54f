import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DestinationDto } from '../../../core/contract/operations';
import { useClient } from '../api/client';
import { errorMessage } from '../api/error-messages';

/** The SFTP servers recordings are delivered to. */
export const useDestinationsStore = defineStore('destinations', () => {
  const client = useClient();
  const items = ref<DestinationDto[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const byId = computed(() => new Map(items.value.map((d) => [d.id, d])));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const answer = await client.invoke('destinations.list');
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

  /** The name of a destination, or a stand-in while they load or when it was deleted. */
  function nameOf(id: string): string {
    return byId.value.get(id)?.name ?? (loaded.value ? 'Deleted destination' : '…');
  }

  return { items, loaded, loading, error, byId, load, ensureLoaded, nameOf };
});
