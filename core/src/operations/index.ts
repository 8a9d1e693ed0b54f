import type { OperationSpec } from '../../contract/operation';
import { backupOperations } from './backup';
import type { OperationContext } from './context';
import { cronOperations } from './cron';
import { destinationOperations } from './destinations';
import { logsOperations } from './logs';
import { OperationTable, type Operation } from './operation-table';
import { scheduleOperations } from './schedules';
import { sessionOperations } from './sessions';
import { settingsOperations } from './settings';
import { streamOperations } from './streams';
import { systemOperations } from './system';

type AnyOperation = Operation<OperationContext, OperationSpec, unknown>;

/** The whole API: one table, looped over by every host (HTTP routes, IPC handlers). */
export function createOperationTable(): OperationTable<OperationContext> {
  const all = [
    ...systemOperations,
    ...destinationOperations,
    ...streamOperations,
    ...scheduleOperations,
    ...cronOperations,
    ...sessionOperations,
    ...logsOperations,
    ...settingsOperations,
    ...backupOperations,
  ] as unknown as AnyOperation[];
  return new OperationTable<OperationContext>(all);
}
