import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LogEntry, SessionDto, SessionStatus } from '../../../core/contract';
import { useClient } from '../api/client';
import { errorMessage } from '../api/error-messages';
import type { Unsubscribe } from '../api/transport';
import { appendCapped, LOG_BUFFER_LIMIT, mergeLines, toLines, type LogLine } from './logs';
import { newestFirst, progressRank } from './session-order';
import { useSessionsStore, type TransferProgress } from './sessions';

/** Rows per page of the Recordings table. */
export const RECORDINGS_PAGE_SIZE = 25;
/** Log lines of one session loaded for its detail view. */
export const DETAIL_LOG_LIMIT = 500;

/** What the Recordings table shows: `from`/`to` are ISO instants, start time in [from, to). */
export interface RecordingFilters {
  streamId?: string;
  status?: SessionStatus;
  from?: string;
  to?: string;
}

/** Whether a session belongs in a list with these filters (the server's rule for sessions.list). */
export function matchesFilters(session: SessionDto, filters: RecordingFilters): boolean {
  if (filters.streamId && session.streamId !== filters.streamId) return false;
  if (filters.status && session.status !== filters.status) return false;
  const start = Date.parse(session.startTime);
  if (filters.from && start < Date.parse(filters.from)) return false;
  if (filters.to && start >= Date.parse(filters.to)) return false;
  return true;
}

function sameFilters(a: RecordingFilters, b: RecordingFilters): boolean {
  return a.streamId === b.streamId && a.status === b.status && a.from === b.from && a.to === b.to;
}

/** The filters as `sessions.list` takes them (unset ones left out). */
function listInput(filters: RecordingFilters) {
  return {
    ...(filters.streamId ? { streamId: filters.streamId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

/** Transfer states a retry acts on: its answer (transfer PENDING) is news for these. */
const RETRYABLE = new Set(['FAILED', 'PENDING', 'SKIPPED']);

/**
 * The Recordings page: one page of sessions under filters (stream, status, start date), newest
 * first, kept live by `session` and `transfer-progress` events (a shown row is updated; a new
 * session that matches the filters is added while the first page is shown), and the session
 * opened in the detail view with its log lines (live from `log` events). Everything shown is
 * loaded again when the event stream reopens. A row that stops matching the filters (a recording
 * that finished while filtered by "Recording") stays, updated, until the next load.
 */
export const useRecordingsStore = defineStore('recordings', () => {
  const client = useClient();
  const filters = ref<RecordingFilters>({});
  const page = ref(1);
  const pageSize = ref(RECORDINGS_PAGE_SIZE);
  const items = ref<SessionDto[]>([]);
  const total = ref(0);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Transfer progress of the sessions shown (rows and detail) while they transfer. */
  const progress = ref<Record<string, TransferProgress>>({});
  /** Matching sessions that started while another page than the first was shown. */
  const newElsewhere = ref(0);

  const detailId = ref<string | null>(null);
  const detail = ref<SessionDto | null>(null);
  const detailLogs = ref<LogLine[]>([]);
  const detailLoading = ref(false);
  const detailError = ref<string | null>(null);

  const hasFilters = computed(() => Object.keys(listInput(filters.value)).length > 0);

  /** Sessions changed by events while the list was on its way (the answer may be older). */
  let changedDuringLoad: Map<string, SessionDto> | undefined;
  let loadGeneration = 0;
  let detailChanged: SessionDto | undefined;
  let detailLinesDuringLoad: LogLine[] | undefined;
  let detailGeneration = 0;

  const isShown = (id: string) => detailId.value === id || items.value.some((s) => s.id === id);

  /** Adds a session the page does not show when it belongs on it. */
  function insertIfShown(session: SessionDto): void {
    if (!matchesFilters(session, filters.value)) return;
    if (page.value !== 1) {
      newElsewhere.value += 1;
      return;
    }
    total.value += 1;
    const next = [...items.value, session].sort(newestFirst);
    items.value = next.length > pageSize.value ? next.slice(0, pageSize.value) : next;
  }

  /** A session as an event tells it. */
  function apply(session: SessionDto): void {
    changedDuringLoad?.set(session.id, session);
    const index = items.value.findIndex((s) => s.id === session.id);
    if (index >= 0) {
      const next = [...items.value];
      next[index] = session;
      items.value = next.sort(newestFirst);
    } else if (loaded.value && !changedDuringLoad) {
      insertIfShown(session);
    }
    if (detailId.value === session.id) {
      detail.value = session;
      detailChanged = session;
    }
    if (session.transferStatus !== 'IN_PROGRESS') delete progress.value[session.id];
  }

  /** A session as an action answered it: never taken back by it (see sessions store). */
  function applyAnswer(session: SessionDto): void {
    const known =
      items.value.find((s) => s.id === session.id) ??
      (detail.value?.id === session.id ? detail.value : undefined);
    if (known && progressRank(known) > progressRank(session)) return;
    apply(session);
  }

  function applyProgress(update: TransferProgress): void {
    if (isShown(update.sessionId)) progress.value[update.sessionId] = update;
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
    const generation = ++loadGeneration;
    const changed = new Map<string, SessionDto>();
    changedDuringLoad = changed;
    loading.value = true;
    try {
      const answer = await client.invoke('sessions.list', {
        ...listInput(filters.value),
        limit: pageSize.value,
        offset: (page.value - 1) * pageSize.value,
      });
      if (generation !== loadGeneration) return;
      const next = answer.items.map((listed) => {
        const fromEvent = changed.get(listed.id);
        return fromEvent && progressRank(fromEvent) >= progressRank(listed) ? fromEvent : listed;
      });
      items.value = next;
      total.value = answer.total;
      loaded.value = true;
      error.value = null;
      newElsewhere.value = 0;
      changedDuringLoad = undefined;
      // sessions announced while the list was on its way that it does not hold (just started)
      for (const session of changed.values()) {
        if (!next.some((s) => s.id === session.id)) insertIfShown(session);
      }
      for (const id of Object.keys(progress.value)) {
        const session = items.value.find((s) => s.id === id) ?? detail.value;
        if (session?.id !== id || session.transferStatus !== 'IN_PROGRESS') {
          delete progress.value[id];
        }
      }
    } catch (e) {
      if (generation === loadGeneration) error.value = errorMessage(e);
    } finally {
      if (generation === loadGeneration) {
        loading.value = false;
        changedDuringLoad = undefined;
      }
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
    const generation = ++detailGeneration;
    const arrived: LogLine[] = [];
    detailLinesDuringLoad = arrived;
    detailChanged = undefined;
    detailLoading.value = true;
    try {
      const [session, logs] = await Promise.all([
        client.invoke('sessions.get', { id }),
        client.invoke('logs.list', { sessionId: id, limit: DETAIL_LOG_LIMIT }),
      ]);
      if (generation !== detailGeneration) return;
      const fromEvent = detailChanged as SessionDto | undefined;
      detail.value =
        fromEvent && progressRank(fromEvent) >= progressRank(session) ? fromEvent : session;
      detailLogs.value = mergeLines(toLines(logs.items, true), arrived, LOG_BUFFER_LIMIT);
      detailError.value = null;
    } catch (e) {
      if (generation === detailGeneration) detailError.value = errorMessage(e);
    } finally {
      if (generation === detailGeneration) {
        detailLoading.value = false;
        detailLinesDuringLoad = undefined;
      }
    }
  }

  /** Opens the detail view of a session (shown at once when the page holds it). */
  async function openDetail(id: string, force = false): Promise<void> {
    if (detailId.value === id) {
      if (!force && (detail.value || detailLoading.value)) return;
    } else {
      detailId.value = id;
      detail.value = items.value.find((s) => s.id === id) ?? null;
      detailLogs.value = [];
      detailError.value = null;
    }
    await loadDetail();
  }

  function closeDetail(): void {
    detailGeneration += 1;
    detailId.value = null;
    detail.value = null;
    detailLogs.value = [];
    detailError.value = null;
    detailLoading.value = false;
    detailLinesDuringLoad = undefined;
  }

  /** Ends a recording now; rejects with the ApiError. */
  async function stop(id: string): Promise<void> {
    applyAnswer(await client.invoke('sessions.stop', { id }));
  }

  /** Queues a failed or waiting transfer again now; rejects with the ApiError. */
  async function retryTransfer(id: string): Promise<void> {
    const answer = await client.invoke('sessions.retryTransfer', { id });
    // the answer goes back from FAILED to PENDING: news unless an event already moved it on
    const known =
      items.value.find((s) => s.id === id) ?? (detail.value?.id === id ? detail.value : undefined);
    if (!known || RETRYABLE.has(known.transferStatus)) apply(answer);
  }

  /** Deletes a session with its local file; rejects with the ApiError. */
  async function remove(id: string): Promise<void> {
    await client.invoke('sessions.delete', { id });
    const before = items.value.length;
    items.value = items.value.filter((s) => s.id !== id);
    if (items.value.length < before) total.value = Math.max(0, total.value - 1);
    delete progress.value[id];
    if (detailId.value === id) closeDetail();
    // the dashboard lists it too, and no event announces a deletion
    useSessionsStore().remove(id);
    // fill the page up again from the next one
    if (total.value > items.value.length) void load();
  }

  /**
   * Follows the server's events; loads again whatever is shown when the event stream reopens
   * (events sent while it was down are lost). The page loads through setQuery.
   */
  function subscribe(): Unsubscribe {
    let registering = true;
    const offs = [
      client.on('session', apply),
      client.on('transfer-progress', applyProgress),
      client.on('log', applyLog),
      client.onConnection((state) => {
        if (state !== 'open' || registering) return;
        if (loaded.value || loading.value) void load();
        if (detailId.value) void loadDetail();
      }),
    ];
    registering = false;
    return () => offs.forEach((off) => off());
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
    apply,
    applyAnswer,
    applyProgress,
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
