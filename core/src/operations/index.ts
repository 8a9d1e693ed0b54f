import { backupOperations } from './backup';
import { calendarOperations } from './calendar';
import type { OperationContext } from './context';
import { cronOperations } from './cron';
import { destinationOperations } from './destinations';
import { feedOperations } from './feeds';
import { logsOperations } from './logs';
import { notificationChannelOperations } from './notification-channels';
import { OperationTable, type OperationTableOptions } from './operation-table';
import { scheduleOperations } from './schedules';
import { sessionOperations } from './sessions';
import { settingsOperations } from './settings';
import { streamOperations } from './streams';
import { systemOperations } from './system';

/** The whole API: one table, looped over by every host (HTTP routes, IPC handlers). */
export function createOperationTable(
  options?: OperationTableOptions,
): OperationTable<OperationContext> {
  return new OperationTable<OperationContext>(
    [
      ...systemOperations,
      ...destinationOperations,
      ...streamOperations,
      ...scheduleOperations,
      ...cronOperations,
      ...sessionOperations,
      ...logsOperations,
      ...settingsOperations,
      ...backupOperations,
      ...notificationChannelOperations,
      ...calendarOperations,
      ...feedOperations,
    ],
    options,
  );
}
