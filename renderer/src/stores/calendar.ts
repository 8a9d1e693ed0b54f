import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CalendarDto } from '@contract/operations';
import { useClient } from '../api/client';
import { errorMessage } from '../api/error-messages';
import type { Unsubscribe } from '../api/transport';
import { unsubscribeAll, whenOpen } from './follow';

/** The upcoming runs of every active schedule with their clashes (`GET /api/calendar`). */
export const useCalendarStore = defineStore('calendar', () => {
  const client = useClient();
  const calendar = ref<CalendarDto | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  let days = 7;

  async function load(wanted: number = days): Promise<void> {
    days = wanted;
    loading.value = true;
    try {
      calendar.value = await client.invoke('calendar.upcoming', { days });
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  /**
   * Reads the calendar again when a run starts or ends (a session event: the first run drops
   * off) or the recording limit changes (a system event).
   */
  function subscribe(): Unsubscribe {
    let lastLimit: number | null = null;
    return unsubscribeAll([
      client.on('session', (session) => {
        if (session.scheduleId) void load();
      }),
      client.on('system', (update) => {
        if (lastLimit !== null && lastLimit !== update.maxConcurrentRecordings) void load();
        lastLimit = update.maxConcurrentRecordings;
      }),
      whenOpen(client, () => void load()),
    ]);
  }

  return { calendar, error, loading, load, subscribe };
});
