// Every operation of the contract (shared/spec/api.md): the list hosts generate routes and IPC
// handlers from, and the names, input and answer types the UI's typed client uses.
import type { z } from 'zod';
import { backupSpecs } from './backup';
import { calendarOperationSpecs } from './calendar';
import type { fileAnswer, textAnswer } from './common';
import { cronOperationSpecs } from './cron';
import { destinationOperationSpecs } from './destinations';
import { feedOperationSpecs } from './feeds';
import { logsSpecs } from './logs';
import { notificationChannelOperationSpecs } from './notification-channels';
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
  ...notificationChannelOperationSpecs,
  ...calendarOperationSpecs,
  ...feedOperationSpecs,
] as const;

export type OperationName = (typeof operationSpecs)[number]['name'];
export const OPERATION_NAMES: readonly OperationName[] = operationSpecs.map((s) => s.name);

/** The spec of the operation named `N`. */
export type OperationSpecOf<N extends OperationName> = Extract<
  (typeof operationSpecs)[number],
  { name: N }
>;
/** What an operation accepts (before validation: defaults may be left out). */
export type OperationInput<N extends OperationName> = z.input<OperationSpecOf<N>['input']>;
/** What an operation answers: its answer schema's type (`void` for a 204). */
export type OperationOutput<N extends OperationName> = z.output<OperationSpecOf<N>['output']>;

/**
 * Operations that answer a file ({filePath, contentType}): the hosts stream the file instead of
 * answering JSON, so a UI points an <img>/<audio> at their URL rather than invoking them.
 */
export type FileOperationName = {
  [N in OperationName]: OperationSpecOf<N>['output'] extends typeof fileAnswer ? N : never;
}[OperationName];

/**
 * Operations that answer a text document other than JSON ({text, contentType}: `calendar.ics`):
 * a UI links to their URL (a download, a calendar subscription) rather than invoking them.
 */
export type TextOperationName = {
  [N in OperationName]: OperationSpecOf<N>['output'] extends typeof textAnswer ? N : never;
}[OperationName];

export * from './backup';
export * from './calendar';
export * from './common';
export * from './cron';
export * from './destinations';
export * from './feeds';
export * from './logs';
export * from './notification-channels';
export * from './schedules';
export * from './sessions';
export * from './settings';
export * from './streams';
export * from './system';
