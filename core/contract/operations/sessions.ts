import { z } from 'zod';
import { defineOperation, type ListResult } from '../operation';
import { SESSION_STATUSES, type SessionDto } from '../session';
import { idInput, idSchema, pagination, queryOptional, type FileResult } from './common';

/** `GET /api/sessions?streamId=&status=&limit=&offset=`: newest first. */
export const listSessionsInput = z.object({
  streamId: queryOptional(idSchema),
  status: queryOptional(
    z.enum(SESSION_STATUSES, { error: `must be one of ${SESSION_STATUSES.join(', ')}` }),
  ),
  ...pagination,
});

export type ListSessionsInput = z.input<typeof listSessionsInput>;

export const listSessions = defineOperation({
  name: 'sessions.list',
  input: listSessionsInput,
  http: { method: 'GET', path: '/api/sessions' },
  summary:
    'Lists sessions newest first (by start time), optionally of one stream or in one status; limit 1..500 (50), offset.',
});

export const getSession = defineOperation({
  name: 'sessions.get',
  input: idInput,
  http: { method: 'GET', path: '/api/sessions/:id' },
  summary: 'One session.',
});

export const deleteSession = defineOperation({
  name: 'sessions.delete',
  input: idInput,
  http: { method: 'DELETE', path: '/api/sessions/:id', status: 204 },
  summary:
    'Deletes a session with its local file and raw parts; refused (409) while it records, processes or transfers (stop it first).',
});

export const stopSession = defineOperation({
  name: 'sessions.stop',
  input: idInput,
  http: { method: 'POST', path: '/api/sessions/:id/stop' },
  summary: 'Ends a running recording now; what was captured is processed. Answers the session.',
});

export const retrySessionTransfer = defineOperation({
  name: 'sessions.retryTransfer',
  input: idInput,
  http: { method: 'POST', path: '/api/sessions/:id/retry-transfer' },
  summary:
    'Queues the transfer of a completed recording again now (when it failed, is waiting, or was skipped before its stream had a destination). Answers the session.',
});

export const sessionAudio = defineOperation({
  name: 'sessions.audio',
  input: idInput,
  http: { method: 'GET', path: '/api/sessions/:id/audio' },
  summary:
    'The local MP3 while it is kept, as {filePath, contentType: audio/mpeg} (the HTTP host streams it with Range support).',
});

export const sessionOperationSpecs = [
  listSessions,
  getSession,
  deleteSession,
  stopSession,
  retrySessionTransfer,
  sessionAudio,
] as const;

/** What each session operation answers (for typed clients). */
export interface SessionOperationOutputs {
  'sessions.list': ListResult<SessionDto>;
  'sessions.get': SessionDto;
  'sessions.delete': void;
  'sessions.stop': SessionDto;
  'sessions.retryTransfer': SessionDto;
  'sessions.audio': FileResult;
}
