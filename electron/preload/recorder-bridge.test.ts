import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../core/contract/events';
import { OPERATION_NAMES } from '../../core/contract/operations';
import { createRecorderBridge, type IpcRendererLike } from './recorder-bridge';

function fakeIpc() {
  const invoked: [string, unknown[]][] = [];
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, args]);
      return { ok: true, value: channel };
    },
    on: (channel, listener) =>
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel, listener) =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  };
  return { ipc, invoked, listeners };
}

const names = { operations: OPERATION_NAMES, events: EVENT_NAMES };

describe('createRecorderBridge', () => {
  it('exposes only invoke and on, frozen', () => {
    const bridge = createRecorderBridge(fakeIpc().ipc, names);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('invokes each operation of the contract on its own channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createRecorderBridge(ipc, names);
    for (const op of OPERATION_NAMES) {
      expect(await bridge.invoke(op, { x: 1 })).toEqual({ ok: true, value: `recorder:op:${op}` });
    }
    expect(invoked).toHaveLength(OPERATION_NAMES.length);
  });

  it.each(['streams.nope', '__proto__', 'constructor', '', 'recorder:op:streams.list', 42, null])(
    'throws for the undeclared operation %j, sending nothing',
    (op) => {
      const { ipc, invoked } = fakeIpc();
      const bridge = createRecorderBridge(ipc, names);
      expect(() => bridge.invoke(op as string, {})).toThrow(/There is no operation/);
      expect(invoked).toEqual([]);
    },
  );

  it('relays events without the IPC event object, and unsubscribes', () => {
    const { ipc, listeners } = fakeIpc();
    const bridge = createRecorderBridge(ipc, names);
    const seen: unknown[] = [];
    const off = bridge.on('session', (payload) => seen.push(payload));
    const [relay] = listeners.get('recorder:event:session') ?? [];
    relay?.({ sender: 'secret' }, { id: 's1' });
    expect(seen).toEqual([{ id: 's1' }]);
    off();
    expect(listeners.get('recorder:event:session')).toEqual([]);
  });

  it('throws for undeclared events and for a listener that is not a function', () => {
    const bridge = createRecorderBridge(fakeIpc().ipc, names);
    expect(() => bridge.on('sessions', () => undefined)).toThrow(/There is no event/);
    expect(() => bridge.on('__ELECTRON_LOG__', () => undefined)).toThrow(/There is no event/);
    expect(() => bridge.on('session', 'nope' as never)).toThrow(/must be a function/);
  });
});
