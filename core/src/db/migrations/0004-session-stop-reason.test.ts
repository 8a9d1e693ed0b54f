import { describe, expect, it } from 'vitest';
import { SessionStopReason1764300000000 } from './0004-session-stop-reason';
import { withOlderTables } from './test-db';

describe('migration 0004: stopReason on sessions', () => {
  it('gives older sessions the reason their message states, and leaves the unknown null', async () => {
    const rows: [string, string, number, string | null][] = [
      ['missed', 'FAILED', 0, 'Missed: the app was not running at that time.'],
      ['interrupted', 'FAILED', 0, 'Not recorded: the app stopped before it began.'],
      ['user', 'COMPLETED', 1, 'Stopped early: stopped by request'],
      ['disk', 'COMPLETED', 1, 'Stopped early: DISK_FULL: only 3 MB free'],
      ['shutdown', 'COMPLETED', 1, 'Stopped early: The app is shutting down.'],
      ['whole', 'COMPLETED', 0, null],
      ['failed', 'FAILED', 0, 'STREAM_UNREACHABLE: no audio'],
    ];
    await withOlderTables(
      {
        sessions: {
          columns: `"id" varchar PRIMARY KEY, "status" varchar, "partial" boolean, "errorMessage" text`,
          rows,
        },
      },
      async ({ sqlite, runner }) => {
        await new SessionStopReason1764300000000().up(runner);
        const reasons = sqlite.prepare('SELECT "id", "stopReason" FROM "sessions"').all();
        expect(Object.fromEntries(reasons.map((r) => Object.values(r as object)))).toEqual({
          missed: 'missed',
          interrupted: 'interrupted',
          user: 'user',
          disk: 'disk-full',
          shutdown: 'shutdown',
          whole: 'window-end',
          failed: null,
        });
      },
    );
  });
});
