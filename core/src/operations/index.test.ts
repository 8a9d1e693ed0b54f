import { describe, expect, it } from 'vitest';
import { noAnswer } from '../../contract/operation';
import { fileAnswer, OPERATION_NAMES, operationSpecs, textAnswer } from '../../contract/operations';
import { createOperationTable } from './index';

// Every resource route of shared/spec/api.md (auth and the SSE stream belong to the HTTP host),
// with those of its "Additions" that are built (alerts).
const CONTRACT_ROUTES = `
GET /api/health
GET /api/system
GET /api/destinations
POST /api/destinations
GET /api/destinations/:id
PUT /api/destinations/:id
DELETE /api/destinations/:id
POST /api/destinations/:id/test
GET /api/streams
POST /api/streams
GET /api/streams/:id
PUT /api/streams/:id
DELETE /api/streams/:id
PUT /api/streams/:id/artwork
GET /api/streams/:id/artwork
DELETE /api/streams/:id/artwork
POST /api/streams/probe
POST /api/streams/:id/record
GET /api/schedules
POST /api/schedules
GET /api/schedules/:id
PUT /api/schedules/:id
DELETE /api/schedules/:id
GET /api/cron/preview
GET /api/sessions
GET /api/sessions/:id
DELETE /api/sessions/:id
POST /api/sessions/:id/stop
POST /api/sessions/:id/retry-transfer
GET /api/sessions/:id/audio
GET /api/logs
GET /api/settings
PUT /api/settings
GET /api/backup
POST /api/restore
GET /api/notification-channels
POST /api/notification-channels
GET /api/notification-channels/:id
PUT /api/notification-channels/:id
DELETE /api/notification-channels/:id
POST /api/notification-channels/:id/test
`
  .trim()
  .split('\n');

// Routes beyond shared/spec/api.md, each listed in README "Contract additions".
const CONTRACT_ADDITIONS = [
  'POST /api/restore/preview',
  'GET /api/alerts/recent',
  'GET /api/calendar',
  'GET /api/calendar.ics',
  // issue 14's podcast feeds (the issue names them; not yet in shared/spec/api.md)
  'GET /api/feeds',
  'POST /api/feeds/token',
  'GET /api/sessions/live',
  // issue 15: the destination form's Test connection, before saving
  'POST /api/destinations/test',
];

describe('the operation table', () => {
  it('implements every operation of the contract exactly once', () => {
    const table = createOperationTable();
    expect(
      table
        .list()
        .map((o) => o.spec.name)
        .sort(),
    ).toEqual([...OPERATION_NAMES].sort());
    expect(new Set(OPERATION_NAMES).size).toBe(OPERATION_NAMES.length);
  });

  it('covers every route of shared/spec/api.md, and no other but the documented additions', () => {
    const routes = operationSpecs.map((s) => `${s.http.method} ${s.http.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes.sort()).toEqual([...CONTRACT_ROUTES, ...CONTRACT_ADDITIONS].sort());
  });

  it('answers creates with 201, record-now with 202 and deletes with 204, as the contract says', () => {
    for (const s of operationSpecs) {
      const expected =
        s.http.method === 'DELETE'
          ? 204
          : s.name.endsWith('.create')
            ? 201
            : s.name === 'streams.record'
              ? 202
              : 200;
      expect([s.name, s.http.status ?? 200]).toEqual([s.name, expected]);
    }
  });

  it('declares every answer: nothing exactly for the 204s, a file only for the file operations', () => {
    for (const s of operationSpecs) {
      expect([s.name, s.output === noAnswer]).toEqual([s.name, s.http.status === 204]);
    }
    expect(operationSpecs.filter((s) => s.output === fileAnswer).map((s) => s.name)).toEqual([
      'streams.getArtwork',
      'sessions.audio',
    ]);
    expect(operationSpecs.filter((s) => s.output === textAnswer).map((s) => s.name)).toEqual([
      'calendar.ics',
    ]);
  });

  it('refuses an unknown operation and invalid input before any handler runs', async () => {
    const table = createOperationTable();
    const ctx = {} as never; // no handler may be reached: it would fail on the empty context
    await expect(table.invoke('nope', {}, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      table.invoke('streams.record', { id: 'x', durationSeconds: 0 }, ctx),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'durationSeconds',
    });
    await expect(table.invoke('cron.preview', { expression: 5 }, ctx)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
