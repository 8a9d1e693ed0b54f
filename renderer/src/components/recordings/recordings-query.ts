// The Recordings page keeps its filters in the URL (`/recordings?status=FAILED&from=2026-11-01`,
// `?session=<id>` opens that session's detail), so a link or a reload shows the same thing.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import {
  DELIVERY_STATES,
  SESSION_STATUSES,
  type DeliveryState,
  type SessionStatus,
} from '@contract';
import type { RecordingFilters } from '../../stores/recordings';

/** What the URL says: days are calendar days (YYYY-MM-DD) in the user's time zone, inclusive. */
export interface RecordingsQuery {
  streamId: string | null;
  status: SessionStatus | null;
  /** A finished recording's delivery state (`?delivery=failing`). */
  delivery: DeliveryState | null;
  fromDay: string | null;
  toDay: string | null;
  /** The search (`?q=`): words each found in the title, stream name or file name. */
  search: string | null;
  page: number;
  session: string | null;
}

/** Every filter cleared ("Clear filters"). */
export const NO_FILTERS = {
  streamId: null,
  status: null,
  delivery: null,
  fromDay: null,
  toDay: null,
  search: null,
} satisfies Partial<RecordingsQuery>;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function single(value: LocationQuery[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : null;
}

/** A calendar day as the user's midnight starting it (ms), or null when it is not a real day. */
export function startOfDay(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = new Date(year, month - 1, date);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) {
    return null; // 2026-02-30
  }
  return start.getTime();
}

/** The user's calendar day (YYYY-MM-DD) that holds `ms`. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** The user's midnight that ends `day` (the next day's start: 23 or 25 hours on DST days). */
function endOfDay(day: string): number | null {
  const start = startOfDay(day);
  if (start === null) return null;
  const d = new Date(start);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

export function parseRecordingsQuery(query: LocationQuery): RecordingsQuery {
  const status = single(query.status)?.toUpperCase() ?? null;
  const delivery = single(query.delivery)?.toLowerCase() ?? null;
  let fromDay = single(query.from);
  let toDay = single(query.to);
  if (fromDay !== null && startOfDay(fromDay) === null) fromDay = null;
  if (toDay !== null && startOfDay(toDay) === null) toDay = null;
  if (fromDay !== null && toDay !== null && fromDay > toDay) [fromDay, toDay] = [toDay, fromDay];
  const page = Number(single(query.page) ?? '1');
  return {
    streamId: single(query.stream),
    status: (SESSION_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as SessionStatus)
      : null,
    delivery: (DELIVERY_STATES as readonly string[]).includes(delivery ?? '')
      ? (delivery as DeliveryState)
      : null,
    fromDay,
    toDay,
    search: single(query.q),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    session: single(query.session),
  };
}

/** The URL query for `q` (defaults left out, so a plain /recordings stays plain). */
export function toLocationQuery(q: RecordingsQuery): LocationQueryRaw {
  const query: Record<string, string> = {};
  if (q.streamId) query.stream = q.streamId;
  if (q.status) query.status = q.status;
  if (q.delivery) query.delivery = q.delivery;
  if (q.fromDay) query.from = q.fromDay;
  if (q.toDay) query.to = q.toDay;
  if (q.search) query.q = q.search;
  if (q.page > 1) query.page = String(q.page);
  if (q.session) query.session = q.session;
  return query;
}

/** The store's filters: the days become instants, from the first day's midnight to the one after the last day. */
export function filtersOf(q: RecordingsQuery): RecordingFilters {
  const filters: RecordingFilters = {};
  if (q.streamId) filters.streamId = q.streamId;
  if (q.status) filters.status = q.status;
  if (q.search) filters.q = q.search;
  if (q.delivery) filters.delivery = q.delivery;
  const from = q.fromDay ? startOfDay(q.fromDay) : null;
  const to = q.toDay ? endOfDay(q.toDay) : null;
  if (from !== null) filters.from = new Date(from).toISOString();
  if (to !== null) filters.to = new Date(to).toISOString();
  return filters;
}

/** The date range picker's value ([start of first day, start of last day] in ms) for `q`. */
export function pickerRange(q: RecordingsQuery): [number, number] | null {
  const from = q.fromDay ? startOfDay(q.fromDay) : null;
  const to = q.toDay ? startOfDay(q.toDay) : null;
  if (from === null && to === null) return null;
  return [from ?? (to as number), to ?? (from as number)];
}
