import { Cron } from 'croner';
import type { Logger } from '../ports/logger';

/** One piece of daily housekeeping: retention, log rotation, the daily backup, ... */
export interface DailyJob {
  name: string;
  run(): Promise<unknown> | unknown;
}

export interface DailyJobsOptions {
  /** The app's time zone: the jobs run at `pattern` there. */
  timeZone: string;
  logger: Logger;
  /** Cron pattern (default 03:17 every day: off the hour, when recordings rarely start). */
  pattern?: string;
}

export interface DailyJobs {
  /** Runs every job now, one after the other (what the timer does). */
  runNow(): Promise<void>;
  nextRun(): Date | null;
  stop(): void;
}

export const DAILY_PATTERN = '17 3 * * *';

/**
 * Runs the jobs once a day, in order; one failing is logged and does not keep the next from
 * running. Overlapping runs are skipped (croner's protect); a throw never escapes the timer.
 */
export function startDailyJobs(options: DailyJobsOptions, jobs: readonly DailyJob[]): DailyJobs {
  const { logger } = options;
  const runAll = async () => {
    for (const job of jobs) {
      try {
        await job.run();
      } catch (err) {
        logger.error(`Daily job "${job.name}" failed: ${(err as Error).message}`);
      }
    }
  };
  const cron = new Cron(
    options.pattern ?? DAILY_PATTERN,
    {
      timezone: options.timeZone,
      protect: true,
      catch: (err) => logger.error(`Daily jobs failed: ${(err as Error).message}`),
    },
    runAll,
  );
  return {
    runNow: runAll,
    nextRun: () => cron.nextRun(),
    stop: () => cron.stop(),
  };
}
