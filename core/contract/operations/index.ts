// Every operation of the contract (shared/spec/api.md): the list hosts generate routes and IPC
// handlers from, and the names and payload types the UI's typed client uses.
import { backupSpecs } from './backup';
import { cronOperationSpecs } from './cron';
import { destinationOperationSpecs } from './destinations';
import { logsSpecs } from './logs';
import { scheduleOperationSpecs } from './schedules';
import { sessionOperationSpecs } from './sessions';
import { settingsSpecs } from './settings';
import { streamOperationSpecs } from './streams';
import { systemSpecs } from './system';

export const operationSpecs = [
  ...systemSpecs,
  ...destinationOperationSpecs,
  ...streamOperationSpecs,
  ...scheduleOperationSpecs,
  ...cronOperationSpecs,
  ...sessionOperationSpecs,
  ...logsSpecs,
  ...settingsSpecs,
  ...backupSpecs,
] as const;

export type OperationName = (typeof operationSpecs)[number]['name'];
export const OPERATION_NAMES: readonly OperationName[] = operationSpecs.map((s) => s.name);

export * from './backup';
export * from './common';
export * from './cron';
export * from './destinations';
export * from './logs';
export * from './schedules';
export * from './sessions';
export * from './settings';
export * from './streams';
export * from './system';
