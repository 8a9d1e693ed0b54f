import { z } from 'zod';
import { operationAt, listOf, noAnswer } from '../operation';
import { DELIVERY_STATES, deliveryState, type DeliveryState } from '../delivery';
import { recordingLiveSchema } from '../recording-phase';
import { SESSION_STATUSES, sessionDtoSchema, type SessionDto } from '../session';
import { fileNameOf, matchesSearch } from '../search';
import { fileAnswer, idInput, idSchema, pagination, queryOptional, searchInput } from './common';

/**
 * An instant of a filter: ISO-8601 with `Z` or an offset (`2026-11-24T00:00:00+01:00`), answered
 * in the form session times are stored in (`toISOString()`), so that they compare as text.
 */
const filterInstant = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO-8601 instant with Z or an offset, e.g. 2026-11-24T06:00:00.000Z',
  })
  .transform((value) => new Date(value).toISOString());

/**
 * `GET /api/sessions?streamId=&status=&delivery=&from=&to=&q=&limit=&offset=`: newest first.
 * `from`/`to` (an addition to the contract) keep the sessions whose start time is in
 * `[from, to)`; `q` (an addition) the sessions whose texts (`sessionSearchTexts`) hold every word
 * of it; `delivery` (an addition) the finished recordings in that delivery state
 * (`core/contract/delivery.ts`: waiting, retrying, failing, delivering, delivered, failed,
 * kept-locally).
 */
export const listSessionsInput = z
  .object({
    streamId: queryOptional(idSchema),
    status: queryOptional(
      z.enum(SESSION_STATUSES, { error: `must be one of ${SESSION_STATUSES.join(', ')}` }),
    ),
    delivery: queryOptional(
      z.enum(DELIVERY_STATES, { error: `must be one of ${DELIVERY_STATES.join(', ')}` }),
    ),
    from: queryOptional(filterInstant),
    to: queryOptional(filterInstant),
    q: searchInput,
    ...pagination,
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    path: ['to'],
    message: 'must not be before from',
  });

export type ListSessionsInput = z.input<typeof listSessionsInput>;

/** The filters of `sessions.list` (`from`/`to` ISO instants, start time in `[from, to)`). */
export interface SessionListFilters {
  streamId?: string;
  status?: SessionDto['status'];
  delivery?: DeliveryState;
  from?: string;
  to?: string;
  /** Words that must each appear in the session's texts (`sessionSearchTexts`). */
  q?: string;
}

/**
 * What a search of sessions looks in: the title, the stream's name, and the file names (not the
 * folders) of the local MP3 and of the delivered copy.
 */
export function sessionSearchTexts(
  session: Pick<SessionDto, 'title' | 'outputFilePath' | 'remotePath'>,
  streamName: string | undefined,
): (string | null | undefined)[] {
  return [
    session.title,
    streamName,
    fileNameOf(session.outputFilePath),
    fileNameOf(session.remotePath),
  ];
}

/**
 * Whether a session belongs in the answer of `sessions.list` with these filters: of the stream,
 * in the status, started at or after `from` and before `to`, holding the search's words (its
 * stream's name counts when given). The UI uses it to place a session an event announces in the
 * list it shows, without asking the server again.
 */
export function sessionMatchesFilters(
  session: SessionDto,
  filters: SessionListFilters,
  streamName?: string,
): boolean {
  if (filters.streamId && session.streamId !== filters.streamId) return false;
  if (filters.status && session.status !== filters.status) return false;
  if (filters.delivery && deliveryState(session) !== filters.delivery) return false;
  const start = Date.parse(session.startTime);
  if (filters.from && start < Date.parse(filters.from)) return false;
  if (filters.to && start >= Date.parse(filters.to)) return false;
  return matchesSearch(filters.q, sessionSearchTexts(session, streamName));
}

export const listSessions = operationAt('GET /api/sessions', 'sessions.list', {
  input: listSessionsInput,
  output: listOf(sessionDtoSchema),
  summary:
    'Lists sessions newest first (by start time), optionally of one stream, in one status, in one delivery state (waiting, retrying, failing, delivering, delivered, failed, kept-locally), started in [from, to) (ISO instants), or holding every word of q in the title, stream name or file name; limit 1..500 (50), offset.',
});

export const liveSessions = operationAt('GET /api/sessions/live', 'sessions.live', {
  input: z.object({}),
  output: listOf(recordingLiveSchema),
  summary:
    'What each running recording is doing now: phase (connecting, retrying, receiving), attempt, next attempt time, bytes and bit rate received, the last problem. The same as the `recording-progress` events.',
});

export const getSession = operationAt('GET /api/sessions/:id', 'sessions.get', {
  input: idInput,
  output: sessionDtoSchema,
  summary: 'One session.',
});

export const deleteSession = operationAt('DELETE /api/sessions/:id', 'sessions.delete', {
  input: idInput,
  output: noAnswer,
  http: { status: 204 },
  summary:
    'Deletes a session with its local file and raw parts; refused (409) while it records, processes or transfers (stop it first).',
});

export const stopSession = operationAt('POST /api/sessions/:id/stop', 'sessions.stop', {
  input: idInput,
  output: sessionDtoSchema,
  summary: 'Ends a running recording now; what was captured is processed. Answers the session.',
});

export const retrySessionTransfer = operationAt(
  'POST /api/sessions/:id/retry-transfer',
  'sessions.retryTransfer',
  {
    input: idInput,
    output: sessionDtoSchema,
    summary:
      'Queues the transfer of a completed recording again now (when it failed, is waiting, or was skipped before its stream had a destination). Answers the session.',
  },
);

export const sessionAudio = operationAt('GET /api/sessions/:id/audio', 'sessions.audio', {
  input: idInput,
  output: fileAnswer,
  summary:
    'The local MP3 while it is kept, as {filePath, contentType: audio/mpeg} (the HTTP host streams it with Range support).',
});

export const sessionOperationSpecs = [
  listSessions,
  liveSessions,
  getSession,
  deleteSession,
  stopSession,
  retrySessionTransfer,
  sessionAudio,
] as const;
