// The IPC channels of the desktop app, named from the contract: one channel per operation
// (`recorder:op:<name>`) and per event (`recorder:event:<name>`). Main registers handlers only for
// these; the preload refuses any other name. Imports nothing at run time (types only), so that
// the preload bundle stays small: the lists of names come from the contract (main) or are put
// into the preload at build time (electron.vite.config.ts).
import type { EventName } from '../../core/contract/events';
import type { OperationName } from '../../core/contract/operations';

export const OPERATION_CHANNEL_PREFIX = 'recorder:op:';
export const EVENT_CHANNEL_PREFIX = 'recorder:event:';

export function operationChannel(name: OperationName): string {
  return `${OPERATION_CHANNEL_PREFIX}${name}`;
}

export function eventChannel(name: EventName): string {
  return `${EVENT_CHANNEL_PREFIX}${name}`;
}

/** The names the bridge accepts: the contract's operations and events. */
export interface ContractNames {
  operations: readonly string[];
  events: readonly string[];
}

export function isNameIn<T extends string>(list: readonly string[], name: unknown): name is T {
  return typeof name === 'string' && list.includes(name);
}
