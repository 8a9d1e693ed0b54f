import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../ports/logger';
import { startDailyJobs, type DailyJobs } from './daily-jobs';

let jobs: DailyJobs | undefined;
afterEach(() => jobs?.stop());

describe('startDailyJobs', () => {
  it('runs every job in order; one failing is logged and the next still runs', async () => {
    const ran: string[] = [];
    const logger = memoryLogger();
    jobs = startDailyJobs({ timeZone: 'Europe/Berlin', logger }, [
      { name: 'retention', run: async () => void ran.push('retention') },
      {
        name: 'log rotation',
        run: () => {
          throw new Error('logs folder is read-only');
        },
      },
      { name: 'backup', run: async () => void ran.push('backup') },
    ]);
    await jobs.runNow();
    expect(ran).toEqual(['retention', 'backup']);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'Daily job "log rotation" failed: logs folder is read-only',
      }),
    );
  });

  it('is due at 03:17 in the app time zone, and not after stop', () => {
    jobs = startDailyJobs({ timeZone: 'America/New_York', logger: memoryLogger() }, []);
    const next = jobs.nextRun()!;
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(next);
    expect(local).toBe('03:17');
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3_600_000);
    jobs.stop();
    expect(jobs.nextRun()).toBeNull();
  });
});
