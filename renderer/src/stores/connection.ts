import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useClient } from '../api/client';
import type { ConnectionState, Unsubscribe } from '../api/transport';

/** Whether live updates flow (the server's event stream), for the header's indicator. */
export const useConnectionStore = defineStore('connection', () => {
  const client = useClient();
  const state = ref<ConnectionState>('closed');
  /** True once events flowed: a later `connecting` means they were lost and are being resumed. */
  const wasOpen = ref(false);

  function follow(): Unsubscribe {
    return client.onConnection((next) => {
      state.value = next;
      if (next === 'open') wasOpen.value = true;
      if (next === 'closed') wasOpen.value = false;
    });
  }

  return { state, wasOpen, follow };
});
