import { defineStore } from 'pinia';
import { ref } from 'vue';
import { LOG_LEVELS, matchesSearch, type LogEntry, type LogLevel } from '@contract';
import { useClient } from '../api/client';
import type { Unsubscribe } from '../api/transport';
import { unsubscribeAll, whenReopened } from './follow';
import { newestRead } from './newest-read';

/** Lines the Logs page keeps (older ones drop off the top). */
export const LOG_BUFFER_LIMIT = 1000;
/** Lines loaded when the page opens or a filter changes. */
export const LOG_LOAD_LIMIT = 500;

/** A log entry as the UI lists it: `key` tells lines with the same text apart. */
export type LogLine = LogEntry & { key: number };

let nextKey = 1;

/** Keys entries for a list (`logs.list` answers newest first; `newestFirst` turns it round). */
export function toLines(entries: readonly LogEntry[], newestFirst = false): LogLine[] {
  const ordered = newestFirst ? [...entries].reverse() : entries;
  return ordered.map((entry) => ({ ...entry, key: nextKey++ }));
}

/** At or above `min` (debug < info < warn < error): the server's `?level=` rule. */
export function levelAtLeast(level: LogLevel, min: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(min);
}

const identity = (e: LogEntry) => `${e.time}|${e.level}|${e.sessionId ?? ''}|${e.message}`;

/**
 * A loaded list (oldest first) followed by the lines that arrived live while it loaded and that
 * it does not hold already (each line once: the list and the events may both have one), the
 * newest `limit` of them.
 */
export function mergeLines(loaded: LogLine[], live: readonly LogLine[], limit: number): LogLine[] {
  const inList = new Map<string, number>();
  for (const line of loaded) inList.set(identity(line), (inList.get(identity(line)) ?? 0) + 1);
  const merged = [...loaded];
  for (const line of live) {
    const seen = inList.get(identity(line)) ?? 0;
    if (seen > 0) inList.set(identity(line), seen - 1);
    else merged.push(line);
  }
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

/** Appends a line, dropping the oldest beyond `limit` (in place: a live tail appends often). */
export function appendCapped(lines: LogLine[], line: LogLine, limit: number): void {
  lines.push(line);
  if (lines.length > limit) lines.splice(0, lines.length - limit);
}

export interface LogFilters {
  /** The lowest level shown. */
  level: LogLevel;
  /** Only this session's lines; null: all. */
  sessionId: string | null;
  /** Only lines whose message holds every word (`?q=`); null: all. */
  search?: string | null;
}

/**
 * The Logs page: the latest entries at or above a level (of one session and holding the words of
 * a search, when chosen),
 * oldest first, then every matching `log` event appended live, at most LOG_BUFFER_LIMIT lines.
 * Pausing (`following` off) only stops the page scrolling; lines keep being collected.
 */
export const useLogsStore = defineStore('logs', () => {
  const client = useClient();
  const lines = ref<LogLine[]>([]);
  const level = ref<LogLevel>('info');
  const sessionId = ref<string | null>(null);
  const search = ref<string | null>(null);
  const following = ref(true);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Lines up to this time were cleared from view: a reload does not bring them back. */
  let clearedThrough: string | null = null;
  /** Lines that arrived while a load was on its way (the answer may lack them). */
  let arrivedDuringLoad: LogLine[] | undefined;
  const reads = newestRead(loading, error);

  function matches(entry: LogEntry): boolean {
    if (!levelAtLeast(entry.level, level.value)) return false;
    if (sessionId.value !== null && entry.sessionId !== sessionId.value) return false;
    return matchesSearch(search.value, [entry.message]);
  }

  const afterClear = (entry: LogEntry) =>
    clearedThrough === null || Date.parse(entry.time) > Date.parse(clearedThrough);

  /** A `log` event. */
  function append(entry: LogEntry): void {
    if (!matches(entry)) return;
    const [line] = toLines([entry]);
    if (!line) return;
    arrivedDuringLoad?.push(line);
    appendCapped(lines.value, line, LOG_BUFFER_LIMIT);
  }

  /** Loads the latest lines for the filters; the newest call wins. */
  async function load(): Promise<void> {
    const arrived: LogLine[] = [];
    arrivedDuringLoad = arrived;
    await reads.run(
      () =>
        client.invoke('logs.list', {
          level: level.value,
          ...(sessionId.value ? { sessionId: sessionId.value } : {}),
          ...(search.value ? { q: search.value } : {}),
          limit: LOG_LOAD_LIMIT,
        }),
      (answer) => {
        const listed = toLines(answer.items.filter(afterClear), true);
        lines.value = mergeLines(listed, arrived, LOG_BUFFER_LIMIT);
        loaded.value = true;
      },
      () => (arrivedDuringLoad = undefined),
    );
  }

  /**
   * Changes the filters and loads again when they changed, nothing was loaded yet, or when
   * `force`d (a page that comes back: lines were not collected while it was away).
   */
  async function setFilters(filters: LogFilters, force = false): Promise<void> {
    const changed =
      filters.level !== level.value ||
      filters.sessionId !== sessionId.value ||
      (filters.search ?? null) !== search.value;
    level.value = filters.level;
    sessionId.value = filters.sessionId;
    search.value = filters.search ?? null;
    if (!changed && !force && (loaded.value || loading.value)) return;
    // lines of the old filters would be wrong under the new ones
    if (changed) lines.value = [];
    await load();
  }

  /** Empties the view; new lines keep coming. */
  function clear(): void {
    const newest = lines.value.at(-1);
    if (newest && (clearedThrough === null || newest.time > clearedThrough)) {
      clearedThrough = newest.time;
    }
    lines.value = [];
  }

  function setFollowing(value: boolean): void {
    following.value = value;
  }

  /** Follows `log` events; loads again when the event stream reopens (lines may be missed). */
  function subscribe(): Unsubscribe {
    return unsubscribeAll([client.on('log', append), whenReopened(client, () => void load())]);
  }

  return {
    lines,
    level,
    sessionId,
    search,
    following,
    loaded,
    loading,
    error,
    append,
    load,
    setFilters,
    clear,
    setFollowing,
    subscribe,
  };
});
