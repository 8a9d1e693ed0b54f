/** What the operations need from the scheduler (implemented in core/src/scheduler/). */
export interface SchedulerControl {
  /** Re-reads one schedule (created, edited, paused, deleted) or all, and (re)arms its job now. */
  reload(scheduleId?: string): Promise<void>;
  /** The next run of an active schedule as ISO-8601 UTC, or null (paused, deleted, no more runs). */
  nextRunTime(scheduleId: string): string | null;
}
