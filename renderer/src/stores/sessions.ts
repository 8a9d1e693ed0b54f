import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EventMap, SessionDto } from '../../../core/contract';
import { useClient } from '../api/client';
import { errorMessage } from '../api/error-messages';
import type { Unsubscribe } from '../api/transport';
import { isInProgress, newestFirst, progressRank } from './session-order';

/** How many of the latest sessions the dashboard loads. */
export const RECENT_LIMIT = 20;

export type TransferProgress = EventMap['transfer-progress'];

/**
 * The sessions the UI shows: the latest ones and every one recording, loaded from the server
 * and kept current by its `session` and `transfer-progress` events (the database stays the truth:
 * after a dropped event stream everything is loaded again).
 */
export const useSessionsStore = defineStore('sessions', () => {
  const client = useClient();
  const byId = ref<Record<string, SessionDto>>({});
  const progress = ref<Record<string, TransferProgress>>({});
  const total = ref(0);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Ids changed by events while a load was on its way (the answer may be older than they are). */
  let changedDuringLoad: Set<string> | undefined;
  let loadGeneration = 0;

  const all = computed(() => Object.values(byId.value).sort(newestFirst));
  const inProgress = computed(() => all.value.filter(isInProgress));
  const recent = computed(() => all.value.filter((s) => !isInProgress(s)));

  /** A session as an event (or an action's answer) tells it. */
  function apply(session: SessionDto): void {
    const isNew = !(session.id in byId.value);
    byId.value[session.id] = session;
    if (isNew && loaded.value) total.value += 1;
    changedDuringLoad?.add(session.id);
    if (session.transferStatus !== 'IN_PROGRESS') delete progress.value[session.id];
  }

  /**
   * A session as an action answered it (record now, stop). The server may have announced a later
   * state over the event stream before this answer arrived (a recording starts at once), so the
   * answer never takes a session back.
   */
  function applyAnswer(session: SessionDto): void {
    const known = byId.value[session.id];
    if (known && progressRank(known) > progressRank(session)) return;
    apply(session);
  }

  function applyProgress(update: TransferProgress): void {
    progress.value[update.sessionId] = update;
  }

  function remove(id: string): void {
    if (!(id in byId.value)) return;
    delete byId.value[id];
    delete progress.value[id];
    total.value = Math.max(0, total.value - 1);
  }

  /** Loads the latest sessions and those recording; the newest call wins. */
  async function load(): Promise<void> {
    const generation = ++loadGeneration;
    const changed = new Set<string>();
    changedDuringLoad = changed;
    loading.value = true;
    try {
      const [latest, recording] = await Promise.all([
        client.invoke('sessions.list', { limit: RECENT_LIMIT }),
        client.invoke('sessions.list', { status: 'RECORDING', limit: 100 }),
      ]);
      if (generation !== loadGeneration) return;
      const next: Record<string, SessionDto> = {};
      for (const session of [...latest.items, ...recording.items]) next[session.id] = session;
      for (const id of changed) {
        const fromEvent = byId.value[id];
        const fromList = next[id];
        if (fromEvent && (!fromList || progressRank(fromEvent) >= progressRank(fromList))) {
          next[id] = fromEvent;
        }
      }
      byId.value = next;
      for (const id of Object.keys(progress.value)) {
        if (next[id]?.transferStatus !== 'IN_PROGRESS') delete progress.value[id];
      }
      total.value = latest.total;
      loaded.value = true;
      error.value = null;
    } catch (e) {
      if (generation === loadGeneration) error.value = errorMessage(e);
    } finally {
      if (generation === loadGeneration) {
        loading.value = false;
        changedDuringLoad = undefined;
      }
    }
  }

  /** Ends a recording now (what was captured is processed); rejects with the ApiError. */
  async function stop(id: string): Promise<void> {
    applyAnswer(await client.invoke('sessions.stop', { id }));
  }

  /**
   * Follows the server's events, and loads (again) whenever the event stream (re)opens, since
   * events sent while it was down are lost. Returns the function that stops following.
   */
  function subscribe(): Unsubscribe {
    const offs = [
      client.on('session', apply),
      client.on('transfer-progress', applyProgress),
      client.onConnection((state) => {
        if (state === 'open') void load();
      }),
    ];
    if (!loaded.value && !loading.value) void load();
    return () => offs.forEach((off) => off());
  }

  return {
    byId,
    progress,
    total,
    loaded,
    loading,
    error,
    all,
    inProgress,
    recent,
    apply,
    applyAnswer,
    applyProgress,
    remove,
    load,
    stop,
    subscribe,
  };
});
