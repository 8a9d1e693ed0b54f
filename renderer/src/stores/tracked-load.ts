import { ref } from 'vue';
import { errorMessage } from '../api/error-messages';

/**
 * A store's reading state: `loading` while a read runs, `error` the message of the last one that
 * failed (cleared by one that succeeds). `track(read)` runs a read with both kept.
 */
export function trackedLoad() {
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function track(read: () => Promise<void>): Promise<void> {
    loading.value = true;
    try {
      await read();
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  return { loading, error, track };
}
