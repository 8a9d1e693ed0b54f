import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isDashboardAlert, type AlertPayload } from '@contract/alerts';
import { useClient } from '../api/client';
import { trackedLoad } from './tracked-load';
import type { Unsubscribe } from '../api/transport';
import { unsubscribeAll, whenOpen } from './follow';

/**
 * The alerts the server raised lately (`alerts.recent`, then the `alert` events), newest first.
 * The dashboard lists those no session's state shows (isDashboardAlert: pre-flight failures,
 * low disk).
 */
export const useAlertsStore = defineStore('alerts', () => {
  const client = useClient();
  const items = ref<AlertPayload[]>([]);
  const loaded = ref(false);
  const { error, track } = trackedLoad();

  const forDashboard = computed(() => items.value.filter((a) => isDashboardAlert(a.event)));

  async function load(): Promise<void> {
    await track(async () => {
      items.value = (await client.invoke('alerts.recent')).items;
      loaded.value = true;
    });
  }

  function add(alert: AlertPayload): void {
    items.value = [alert, ...items.value].sort((a, b) => b.at.localeCompare(a.at));
  }

  /** Follows `alert` events, and loads again whenever the event stream (re)opens. */
  function subscribe(): Unsubscribe {
    const stop = unsubscribeAll([client.on('alert', add), whenOpen(client, () => void load())]);
    if (!loaded.value) void load();
    return stop;
  }

  return { items, loaded, error, forDashboard, load, add, subscribe };
});
