import type { z } from 'zod';
import type {
  BackupDocument,
  CronOperationOutputs,
  DestinationOperationOutputs,
  FileResult,
  HealthDto,
  LogListDto,
  OperationName,
  RestorePreviewDto,
  RestoreSummaryDto,
  ScheduleOperationOutputs,
  SessionOperationOutputs,
  SettingsDto,
  StreamOperationOutputs,
  SystemStatusDto,
  operationSpecs,
} from '@contract/operations';

/**
 * What every operation answers. The contract has these maps for most resources; the answers of
 * system, logs, settings and backup are named here from their DTO types (the check below fails
 * the type-check when an operation is added to the contract without an answer here).
 */
export interface OperationOutputs
  extends
    StreamOperationOutputs,
    SessionOperationOutputs,
    DestinationOperationOutputs,
    ScheduleOperationOutputs,
    CronOperationOutputs {
  'system.get': SystemStatusDto;
  health: HealthDto;
  'logs.list': LogListDto;
  'settings.get': SettingsDto;
  'settings.update': SettingsDto;
  'backup.get': BackupDocument;
  'backup.restore': RestoreSummaryDto;
  'backup.preview': RestorePreviewDto;
}

// Both directions: every operation has an answer type, and no answer names an unknown operation.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _everyOperationAnswered: Exact<keyof OperationOutputs, OperationName> = true;
void _everyOperationAnswered;

type SpecOf<N extends OperationName> = Extract<(typeof operationSpecs)[number], { name: N }>;

/** What an operation accepts (before validation: defaults may be left out). */
export type OperationInput<N extends OperationName> = z.input<SpecOf<N>['input']>;
export type OperationOutput<N extends OperationName> = OperationOutputs[N];

/**
 * Operations that answer a file ({filePath, contentType}): over HTTP the server streams the file
 * instead, so the UI points an <img>/<audio> at their URL rather than invoking them.
 */
export type FileOperationName = {
  [N in OperationName]: OperationOutputs[N] extends FileResult ? N : never;
}[OperationName];

/** Operations the typed client invokes (all but the file ones). */
export type InvokableOperationName = Exclude<OperationName, FileOperationName>;

/** The arguments of invoke: the input may be left out when the operation needs none. */
export type InvokeArgs<N extends OperationName> =
  Record<string, never> extends OperationInput<N>
    ? [input?: OperationInput<N>]
    : [input: OperationInput<N>];
