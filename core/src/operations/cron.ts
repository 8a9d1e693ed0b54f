import { AppError, isAppError } from '../../contract';
import {
  CRON_PREVIEW_SPAN_MS,
  previewCron,
  type CronPreviewDto,
} from '../../contract/operations/cron';
import { cronerCalendar } from '../../contract/cron/cron-calendar';
import { describeCron } from '../../contract/cron/describe';
import { runDstWarnings } from '../../contract/cron/dst-warnings';
import type { OperationContext } from './context';
import { implement } from './operation-table';

/** Runs are computed this many at a time, with the event loop free in between. */
const RUNS_PER_SLICE = 10;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `GET /api/cron/preview`: the next runs as the scheduler would run them (same calendar), at most
 * `count` (≤ 50) within CRON_PREVIEW_SPAN_MS; the DST check looks only around those runs. So the
 * work of one request is bounded whatever the expression (sparse ones such as `0 0 29 2 *` too),
 * and done in slices of RUNS_PER_SLICE runs, letting other requests in between.
 */
export const cronOperations = [
  implement(previewCron, async (input, ctx: OperationContext): Promise<CronPreviewDto> => {
    const timezone = input.timezone ?? ctx.settings.timeZone;
    try {
      cronerCalendar.validate(input.expression, timezone);
    } catch (error) {
      if (isAppError(error) && error.field === 'cronExpression') {
        throw new AppError(error.code, error.message, { field: 'expression' });
      }
      throw error;
    }
    const now = ctx.clock.now();
    const runs: number[] = [];
    for (let after = now; runs.length < input.count; await nextTurn()) {
      const want = Math.min(RUNS_PER_SLICE, input.count - runs.length);
      const slice = cronerCalendar.between(
        input.expression,
        timezone,
        after,
        now + CRON_PREVIEW_SPAN_MS,
        want,
      );
      runs.push(...slice);
      if (slice.length < want) break;
      after = slice.at(-1)!;
    }
    const description = describeCron(input.expression);
    return {
      nextRuns: runs.map((t) => new Date(t).toISOString()),
      timezone,
      ...(description.ok ? { description: description.text } : {}),
      warnings: runDstWarnings(timezone, runs),
    };
  }),
];
