import type { InvokeAnswer, RecorderBridge } from '../../core/contract/desktop';
import type { EventName } from '../../core/contract/events';
import type { OperationName } from '../../core/contract/operations';
import {
  eventChannel,
  isNameIn,
  operationChannel,
  type ContractNames,
} from '../shared/ipc-channels';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The bridge over `ipc`: names are checked against the contract (anything else throws), the
 * renderer never sees Electron's event object, and `on` answers the function that unsubscribes.
 */
export function createRecorderBridge(ipc: IpcRendererLike, names: ContractNames): RecorderBridge {
  const operations = Object.freeze([...names.operations]);
  const events = Object.freeze([...names.events]);
  return Object.freeze({
    invoke(op: string, input: unknown): Promise<InvokeAnswer> {
      if (!isNameIn<OperationName>(operations, op)) {
        throw new Error(`There is no operation "${String(op)}".`);
      }
      return ipc.invoke(operationChannel(op), input) as Promise<InvokeAnswer>;
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (!isNameIn<EventName>(events, event)) {
        throw new Error(`There is no event "${String(event)}".`);
      }
      if (typeof listener !== 'function') throw new Error('The listener must be a function.');
      const channel = eventChannel(event);
      const relay = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, relay);
      return () => {
        ipc.removeListener(channel, relay);
      };
    },
  });
}
