import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isDashboardAlert, type AlertPayload } from '@contract/alerts';
import { useClient } from '../api/client';
import { errorMessage } from '../api/error-messages';
import type { Unsubscribe } from '../api/transport';

/**
 * The alerts the server raised lately (`alerts.recent`, then the `alert` events), newest first.
 * The dashboard lists those no session's state shows (isDashboardAlert: pre-flight failures,
 * low disk).
 */
export const useAlertsStore = defineStore('alerts', () => {
  const client = useClient();
  const items = ref<AlertPayload[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  const forDashboard = computed(() => items.value.filter((a) => isDashboardAlert(a.event)));

  async function load(): Promise<void> {
    try {
      items.value = (await client.invoke('alerts.recent')).items;
      loaded.value = true;
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    }
  }

  function add(alert: AlertPayload): void {
    items.value = [alert, ...items.value].sort((a, b) => b.at.localeCompare(a.at));
  }

  /** Follows `alert` events, and loads again whenever the event stream (re)opens. */
  function subscribe(): Unsubscribe {
    const offs = [
      client.on('alert', add),
      client.onConnection((state) => {
        if (state === 'open') void load();
      }),
    ];
    if (!loaded.value) void load();
    return () => offs.forEach((off) => off());
  }

  return { items, loaded, error, forDashboard, load, add, subscribe };
});
