import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EventMap, RecordingLive, SessionDto } from '@contract';
import { useClient } from '../api/client';
import type { Unsubscribe } from '../api/transport';
import { unsubscribeAll, whenOpen } from './follow';
import { newestRead } from './newest-read';
import { isInProgress, newestFirst, progressRank } from './session-order';

/** How many of the latest sessions the dashboard loads. */
export const RECENT_LIMIT = 20;

export type TransferProgress = EventMap['transfer-progress'];

/** Transfer states a retry acts on: its answer (transfer PENDING) is news for these. */
const RETRYABLE = new Set(['FAILED', 'PENDING', 'SKIPPED']);

/** Sessions announced while a list was on its way (the answer may be older than they are). */
export type Announced = Map<string, SessionDto>;

/**
 * The sessions of the UI, one copy of each: every view (the dashboard, the Recordings page and
 * the session opened there) shows them from here, loaded from the server and kept current by its
 * `session` and `transfer-progress` events (the database stays the truth: after a dropped event
 * stream everything shown is loaded again). The actions on a session (stop, retry, delete) are
 * here too, so that each view sees their answers.
 *
 * The dashboard's own list is `all` (`inProgress`, `recent`): the latest sessions, every one
 * recording, and every one an event or an answer told of since. Other views keep the ids they
 * show (`hold`) and take the sessions of their answers in with `takeListed`.
 */
export const useSessionsStore = defineStore('sessions', () => {
  const client = useClient();
  /** Every session a view shows, by id. */
  const byId = ref<Record<string, SessionDto>>({});
  const progress = ref<Record<string, TransferProgress>>({});
  /** What each running recording does now (its phase), from `recording-progress` events. */
  const live = ref<Record<string, RecordingLive>>({});
  /** The ids of the dashboard's sessions. */
  const latestIds = ref<Record<string, true>>({});
  const total = ref(0);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const reads = newestRead(loading, error);
  /** Lists on their way, each told of the sessions announced meanwhile. */
  const pending = new Set<Announced>();
  /** Views told of each session applied (a Recordings page adds a new one that matches). */
  const listeners = new Set<(session: SessionDto) => void>();
  /** The ids other views show: kept when the rest is let go. */
  const holders = new Set<() => Iterable<string>>();
  let following = 0;
  let unfollow: Unsubscribe | undefined;

  const all = computed(() =>
    Object.keys(latestIds.value)
      .map((id) => byId.value[id])
      .filter((session) => session !== undefined)
      .sort(newestFirst),
  );
  const inProgress = computed(() => all.value.filter(isInProgress));
  const recent = computed(() => all.value.filter((s) => !isInProgress(s)));

  /** Keeps a session's copy; its transfer progress goes once it no longer transfers. */
  function take(session: SessionDto): void {
    byId.value[session.id] = session;
    if (session.transferStatus !== 'IN_PROGRESS') delete progress.value[session.id];
    if (session.status !== 'RECORDING') delete live.value[session.id];
  }

  /** A session as an event (or an action's answer) tells it: news for every view. */
  function apply(session: SessionDto): void {
    const isNew = !(session.id in latestIds.value);
    take(session);
    latestIds.value[session.id] = true;
    if (isNew && loaded.value) total.value += 1;
    for (const announced of pending) announced.set(session.id, session);
    for (const listener of listeners) listener(session);
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

  /** A recording's live state, while it records (a late event of an ended one is dropped). */
  function applyLive(update: RecordingLive): void {
    const known = byId.value[update.sessionId];
    if (known && known.status !== 'RECORDING') return;
    live.value[update.sessionId] = update;
  }

  /** Loads the live state of the running recordings (a page opened while one retries). */
  async function loadLive(): Promise<void> {
    try {
      const answer = await client.invoke('sessions.live', {});
      const next: Record<string, RecordingLive> = {};
      for (const item of answer.items) next[item.sessionId] = item;
      live.value = next;
    } catch {
      // the phase then comes with the next event; the list's own error is what a user sees
    }
  }

  /** Starts noting the sessions announced while a list is on its way; `done` stops it. */
  function announcedDuring(): { announced: Announced; done: () => void } {
    const announced: Announced = new Map();
    pending.add(announced);
    return { announced, done: () => pending.delete(announced) };
  }

  /**
   * Takes in the sessions of a list answer; a copy announced while the list was on its way stays
   * when it is as far along (an event that overtook the answer).
   */
  function takeListed(items: readonly SessionDto[], announced: Announced): SessionDto[] {
    return items.map((listed) => {
      const fromEvent = announced.get(listed.id);
      const kept =
        fromEvent && progressRank(fromEvent) >= progressRank(listed) ? fromEvent : listed;
      take(kept);
      return kept;
    });
  }

  /** Tells `listener` of every session applied; answers the function that stops it. */
  function onApplied(listener: (session: SessionDto) => void): Unsubscribe {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Keeps the sessions `ids` names (another view shows them) when the rest is let go. */
  function hold(ids: () => Iterable<string>): void {
    holders.add(ids);
  }

  /** Lets go of the sessions no view shows any more. */
  function release(): void {
    const kept = new Set(Object.keys(latestIds.value));
    for (const ids of holders) for (const id of ids()) kept.add(id);
    for (const id of Object.keys(byId.value)) if (!kept.has(id)) delete byId.value[id];
    for (const id of Object.keys(progress.value)) if (!kept.has(id)) delete progress.value[id];
    for (const id of Object.keys(live.value)) if (!kept.has(id)) delete live.value[id];
  }

  /** Forgets a deleted session (no event announces a deletion). */
  function remove(id: string): void {
    if (id in latestIds.value) {
      delete latestIds.value[id];
      total.value = Math.max(0, total.value - 1);
    }
    delete byId.value[id];
    delete progress.value[id];
    delete live.value[id];
  }

  /** Loads the latest sessions and those recording; the newest call wins. */
  async function load(): Promise<void> {
    const { announced, done } = announcedDuring();
    void loadLive();
    try {
      await reads.run(
        () =>
          Promise.all([
            client.invoke('sessions.list', { limit: RECENT_LIMIT }),
            client.invoke('sessions.list', { status: 'RECORDING', limit: 100 }),
          ]),
        ([latest, recording]) => {
          const next: Record<string, true> = {};
          for (const session of takeListed([...latest.items, ...recording.items], announced)) {
            next[session.id] = true;
          }
          // sessions announced meanwhile stay on the dashboard (a recording that just started)
          for (const id of announced.keys()) if (id in byId.value) next[id] = true;
          latestIds.value = next;
          release();
          total.value = latest.total;
          loaded.value = true;
        },
      );
    } finally {
      done();
    }
  }

  /** Ends a recording now (what was captured is processed); rejects with the ApiError. */
  async function stop(id: string): Promise<void> {
    applyAnswer(await client.invoke('sessions.stop', { id }));
  }

  /** Queues a failed or waiting transfer again now; rejects with the ApiError. */
  async function retryTransfer(id: string): Promise<void> {
    const answer = await client.invoke('sessions.retryTransfer', { id });
    // the answer goes back from FAILED to PENDING: news unless an event already moved it on
    const known = byId.value[id];
    if (!known || RETRYABLE.has(known.transferStatus)) apply(answer);
  }

  /** Deletes a session with its local file; rejects with the ApiError. */
  async function deleteSession(id: string): Promise<void> {
    await client.invoke('sessions.delete', { id });
    remove(id);
  }

  /**
   * Keeps the sessions current from the server's events while any view follows them; answers
   * the function with which that view stops following.
   */
  function follow(): Unsubscribe {
    if (following++ === 0) {
      unfollow = unsubscribeAll([
        client.on('session', apply),
        client.on('transfer-progress', applyProgress),
        client.on('recording-progress', applyLive),
      ]);
    }
    let followingHere = true;
    return () => {
      if (!followingHere) return;
      followingHere = false;
      if (--following === 0) unfollow?.();
    };
  }

  /**
   * The dashboard's list: follows the server's events, and loads (again) whenever the event
   * stream (re)opens, since events sent while it was down are lost. Returns the function that
   * stops following.
   */
  function subscribe(): Unsubscribe {
    const stop = unsubscribeAll([follow(), whenOpen(client, () => void load())]);
    if (!loaded.value && !loading.value) void load();
    return stop;
  }

  return {
    byId,
    progress,
    live,
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
    applyLive,
    announcedDuring,
    takeListed,
    onApplied,
    hold,
    release,
    remove,
    load,
    stop,
    retryTransfer,
    deleteSession,
    follow,
    subscribe,
  };
});
