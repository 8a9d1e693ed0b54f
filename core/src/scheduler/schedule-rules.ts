import { AppError } from '../../contract';
import { selfOverlapProblem } from '../../contract/cron/run-interval';
import { cronerCalendar } from '../../contract/cron/cron-calendar';

/** What the rules look at in a schedule (a create input, an updated record, a restored one). */
export interface ScheduleRuleInput {
  cronExpression: string;
  /** null: the app's zone. */
  timezone: string | null;
  durationMinutes: number;
}

/**
 * THE rules every schedule that is saved passes — schedules create, update (on the record as it
 * will be saved) and restore call this, nothing else: the time zone is known; the cron
 * expression has 5 fields or is a nickname (cronFieldsProblem), croner reads it and it runs on
 * some date; and its runs do not overlap themselves (selfOverlapProblem: durationMinutes at most
 * the shortest interval between two runs, on the wall clock). Throws VALIDATION_FAILED naming
 * `timezone`, `cronExpression` or `durationMinutes`; changes nothing. Bounded work: a few
 * milliseconds whatever the expression.
 */
export function assertScheduleRules(schedule: ScheduleRuleInput, appTimeZone: string): void {
  cronerCalendar.validate(schedule.cronExpression, schedule.timezone ?? appTimeZone);
  const overlap = selfOverlapProblem(schedule.cronExpression, schedule.durationMinutes);
  if (overlap) throw new AppError('VALIDATION_FAILED', overlap, { field: 'durationMinutes' });
}
