// The Logs page keeps its filters in the URL (`/logs?level=warn&session=<id>&q=words`).
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { LOG_LEVELS, type LogLevel } from '@contract';
import type { LogFilters } from '../../stores/logs';

/** The level shown when the URL names none. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

function single(value: LocationQuery[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : null;
}

export function parseLogsQuery(query: LocationQuery): LogFilters {
  const level = single(query.level)?.toLowerCase() ?? '';
  return {
    level: (LOG_LEVELS as readonly string[]).includes(level)
      ? (level as LogLevel)
      : DEFAULT_LOG_LEVEL,
    sessionId: single(query.session),
    search: single(query.q),
  };
}

export function toLogsLocationQuery(filters: LogFilters): LocationQueryRaw {
  const query: Record<string, string> = {};
  if (filters.level !== DEFAULT_LOG_LEVEL) query.level = filters.level;
  if (filters.sessionId) query.session = filters.sessionId;
  if (filters.search) query.q = filters.search;
  return query;
}
