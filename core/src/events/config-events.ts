import type { SchedulerControl } from '../scheduler/scheduler-control';
import type { EventBus } from './event-bus';

/**
 * The scheduler as the operations use it, announcing each re-read on the event bus
 * (`config-changed`): every change of the schedules goes through `reload` — create, edit, pause,
 * delete, a stream deleted with its schedules, a restore — so that what else follows the
 * schedules (pre-flight) hears of it in one place. Announced after the re-read, also when it
 * failed (the change is saved either way).
 */
export function announcingScheduler(control: SchedulerControl, events: EventBus): SchedulerControl {
  return {
    async reload(scheduleId) {
      try {
        await control.reload(scheduleId);
      } finally {
        events.emit('config-changed', {
          what: 'schedules',
          ...(scheduleId === undefined ? {} : { id: scheduleId }),
        });
      }
    },
    nextRunTime: (scheduleId) => control.nextRunTime(scheduleId),
  };
}
