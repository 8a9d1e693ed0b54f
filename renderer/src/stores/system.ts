import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { EventMap, SessionDto } from '@contract';
import type { SystemStatusDto } from '@contract/operations';
import { useClient } from '../api/client';
import type { Unsubscribe } from '../api/transport';
import { unsubscribeAll, whenOpen } from './follow';
import { trackedLoad } from './tracked-load';

/**
 * After a change (a `system` event, a session that starts or ends) the full status is read again
 * this much later, once for a burst of changes: the server announces `system` only when its
 * settings change, while the recordings running and the disk space change with sessions.
 */
const REFRESH_DELAY_MS = 500;

/** The server's health: ffmpeg, disk space, recordings running (`GET /api/system` + `system` events). */
export const useSystemStore = defineStore('system', () => {
  const client = useClient();
  const status = ref<SystemStatusDto | null>(null);
  const { loading, error, track } = trackedLoad();
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<void> {
    await track(async () => {
      status.value = await client.invoke('system.get');
    });
  }

  function refreshSoon(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void load(), REFRESH_DELAY_MS);
  }

  /** The counts an event carries; the rest is read again soon. */
  function apply(update: EventMap['system']): void {
    if (status.value) status.value = { ...status.value, ...update };
    refreshSoon();
  }

  /** A session that starts or stops recording, or whose file was written or removed. */
  function applySession(session: SessionDto): void {
    const last = lastStatus.get(session.id);
    lastStatus.set(session.id, session.status);
    if (last !== session.status) refreshSoon();
  }
  const lastStatus = new Map<string, SessionDto['status']>();

  function subscribe(): Unsubscribe {
    const stopListening = unsubscribeAll([
      client.on('system', apply),
      client.on('session', applySession),
      whenOpen(client, () => void load()),
    ]);
    if (!status.value && !loading.value) void load();
    return () => {
      stopListening();
      clearTimeout(refreshTimer);
    };
  }

  return { status, error, loading, load, apply, subscribe };
});
