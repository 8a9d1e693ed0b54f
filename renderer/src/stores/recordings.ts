import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LogEntry, SessionDto } from '@contract';
import { sessionMatchesFilters, type SessionListFilters } from '@contract/operations';
import { useClient } from '../api/client';
import type { Unsubscribe } from '../api/transport';
import { unsubscribeAll, whenReopened } from './follow';
import { newestRead } from './newest-read';
import { appendCapped, LOG_BUFFER_LIMIT, mergeLines, toLines, type LogLine } from './logs';
import { newestFirst } from './session-order';
import { useSessionsStore, type Announced, type TransferProgress } from './sessions';
import { useStreamsStore } from './streams';

/** Rows per page of the Recordings table. */
export const RECORDINGS_PAGE_SIZE = 25;
/** Log lines of one session loaded for its detail view. */
export const DETAIL_LOG_LIMIT = 500;

/** What the Recordings table shows: `from`/`to` are ISO instants, start time in [from, to). */
export type RecordingFilters = SessionListFilters;

function sameFilters(a: RecordingFilters, b: RecordingFilters): boolean {
  return (
    a.streamId === b.streamId &&
    a.status === b.status &&
    a.delivery === b.delivery &&
    a.from === b.from &&
    a.to === b.to &&
    a.q === b.q
  );
}

/** The filters as `sessions.list` takes them (unset ones left out). */
function listInput(filters: RecordingFilters) {
  return {
    ...(filters.streamId ? { streamId: filters.streamId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.delivery ? { delivery: filters.delivery } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
}

/**
 * The Recordings page: one page of sessions under filters (stream, status, start date), newest
 * first, and the session opened in the detail view with its log lines (live from `log` events).
 * The sessions themselves are the sessions store's (one copy, kept current by its events): this
 * store keeps which ones the page shows. A new session that matches the filters is added while
 * the first page is shown (counted on another page). Everything shown is loaded again when the
 * event stream reopens. A row that stops matching the filters (a recording that finished while
 * filtered by "Recording") stays, updated, until the next load.
 */
export const useRecordingsStore = defineStore('recordings', () => {
  const client = useClient();
  const sessions = useSessionsStore();
  const streams = useStreamsStore();
  const filters = ref<RecordingFilters>({});
  const page = ref(1);
  const pageSize = ref(RECORDINGS_PAGE_SIZE);
  /** The ids of the sessions the page shows. */
  const pageIds = ref<string[]>([]);
  const total = ref(0);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Matching sessions that started while another page than the first was shown. */
  const newElsewhere = ref(0);

  const detailId = ref<string | null>(null);
  const detailLogs = ref<LogLine[]>([]);
  const detailLoading = ref(false);
  const detailError = ref<string | null>(null);

  const sessionsOf = (ids: readonly string[]) =>
    ids.map((id) => sessions.byId[id]).filter((session) => session !== undefined);
  const items = computed(() => sessionsOf(pageIds.value).sort(newestFirst));
  const detail = computed(() => (detailId.value && sessions.byId[detailId.value]) || null);
  const shownIds = () => (detailId.value ? [...pageIds.value, detailId.value] : pageIds.value);
  /** Transfer progress of the sessions shown (rows and detail) while they transfer. */
  const progress = computed(() => {
    const out: Record<string, TransferProgress> = {};
    for (const id of shownIds()) {
      const update = sessions.progress[id];
      if (update) out[id] = update;
    }
    return out;
  });
  const hasFilters = computed(() => Object.keys(listInput(filters.value)).length > 0);
  sessions.hold(shownIds);

  /** Sessions announced while the list was on its way (the answer may be older). */
  let loadingList: Announced | undefined;
  const listReads = newestRead(loading, error);
  let detailLinesDuringLoad: LogLine[] | undefined;
  const detailReads = newestRead(detailLoading, detailError);

  /** Adds a session the page does not show when it belongs on it. */
  function insertIfShown(session: SessionDto): void {
    const streamName = streams.byId.get(session.streamId)?.name;
    if (!sessionMatchesFilters(session, filters.value, streamName)) return;
    if (page.value !== 1) {
      newElsewhere.value += 1;
      return;
    }
    total.value += 1;
    const next = [...sessionsOf(pageIds.value), session].sort(newestFirst).map((s) => s.id);
    pageIds.value = next.length > pageSize.value ? next.slice(0, pageSize.value) : next;
  }

  /** A session applied in the sessions store: a shown row shows it already; a new one may join. */
  function onSession(session: SessionDto): void {
    if (pageIds.value.includes(session.id)) return;
    if (loaded.value && !loadingList) insertIfShown(session);
  }

  function applyLog(entry: LogEntry): void {
    if (!detailId.value || entry.sessionId !== detailId.value) return;
    const [line] = toLines([entry]);
    if (!line) return;
    detailLinesDuringLoad?.push(line);
    appendCapped(detailLogs.value, line, LOG_BUFFER_LIMIT);
  }

  /** Loads the page for the filters; the newest call wins. */
  async function load(): Promise<void> {
    const { announced, done } = sessions.announcedDuring();
    loadingList = announced;
    try {
      await listReads.run(
        () =>
          client.invoke('sessions.list', {
            ...listInput(filters.value),
            limit: pageSize.value,
            offset: (page.value - 1) * pageSize.value,
          }),
        (answer) => {
          const next = sessions.takeListed(answer.items, announced).map((s) => s.id);
          pageIds.value = next;
          total.value = answer.total;
          loaded.value = true;
          newElsewhere.value = 0;
          loadingList = undefined;
          // sessions announced while the list was on its way that it does not hold (just started)
          for (const session of announced.values()) {
            if (!next.includes(session.id)) insertIfShown(session);
          }
          sessions.release();
        },
        () => (loadingList = undefined),
      );
    } finally {
      done();
    }
  }

  /**
   * Shows `page` of the sessions matching `next`; loads when either changed, on first use, or
   * when `force`d (a page that comes back: events were not followed while it was away).
   */
  async function setQuery(next: RecordingFilters, nextPage = 1, force = false): Promise<void> {
    const wanted = Math.max(1, Math.floor(nextPage));
    const changed = !sameFilters(next, filters.value) || wanted !== page.value;
    if (!changed && !force && (loaded.value || loading.value)) return;
    filters.value = { ...next };
    page.value = wanted;
    await load();
  }

  /** Loads the session of the detail view and its log lines. */
  async function loadDetail(): Promise<void> {
    const id = detailId.value;
    if (!id) return;
    const arrived: LogLine[] = [];
    detailLinesDuringLoad = arrived;
    const { announced, done } = sessions.announcedDuring();
    try {
      await detailReads.run(
        () =>
          Promise.all([
            client.invoke('sessions.get', { id }),
            client.invoke('logs.list', { sessionId: id, limit: DETAIL_LOG_LIMIT }),
          ]),
        ([session, logs]) => {
          sessions.takeListed([session], announced);
          detailLogs.value = mergeLines(toLines(logs.items, true), arrived, LOG_BUFFER_LIMIT);
        },
        () => (detailLinesDuringLoad = undefined),
      );
    } finally {
      done();
    }
  }

  /** Opens the detail view of a session (shown at once when it is known). */
  async function openDetail(id: string, force = false): Promise<void> {
    if (detailId.value === id) {
      if (!force && (detail.value || detailLoading.value)) return;
    } else {
      detailId.value = id;
      detailLogs.value = [];
      detailError.value = null;
    }
    await loadDetail();
  }

  function closeDetail(): void {
    detailReads.cancel();
    detailId.value = null;
    detailLogs.value = [];
    detailError.value = null;
    detailLoading.value = false;
    detailLinesDuringLoad = undefined;
    sessions.release();
  }

  /** Ends a recording now; rejects with the ApiError. */
  async function stop(id: string): Promise<void> {
    await sessions.stop(id);
  }

  /** Queues a failed or waiting transfer again now; rejects with the ApiError. */
  async function retryTransfer(id: string): Promise<void> {
    await sessions.retryTransfer(id);
  }

  /** Deletes a session with its local file (gone from every view); rejects with the ApiError. */
  async function remove(id: string): Promise<void> {
    await sessions.deleteSession(id);
    const before = pageIds.value.length;
    pageIds.value = pageIds.value.filter((shown) => shown !== id);
    if (pageIds.value.length < before) total.value = Math.max(0, total.value - 1);
    if (detailId.value === id) closeDetail();
    // fill the page up again from the next one
    if (total.value > pageIds.value.length) void load();
  }

  /**
   * Follows the server's events (the sessions store keeps the sessions current); loads again
   * whatever is shown when the event stream reopens (events sent while it was down are lost).
   * The page loads through setQuery.
   */
  function subscribe(): Unsubscribe {
    return unsubscribeAll([
      sessions.follow(),
      sessions.onApplied(onSession),
      client.on('log', applyLog),
      whenReopened(client, () => {
        if (loaded.value || loading.value) void load();
        if (detailId.value) void loadDetail();
      }),
    ]);
  }

  return {
    filters,
    page,
    pageSize,
    items,
    total,
    loaded,
    loading,
    error,
    progress,
    newElsewhere,
    hasFilters,
    detailId,
    detail,
    detailLogs,
    detailLoading,
    detailError,
    applyLog,
    load,
    setQuery,
    openDetail,
    closeDetail,
    loadDetail,
    stop,
    retryTransfer,
    remove,
    subscribe,
  };
});
