import { describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../api/transport';
import { unsubscribeAll, whenOpen, whenReopened } from './follow';

/** A client whose connection is `state` now (told at once, as the transports do). */
function connection(state: ConnectionState) {
  const listeners = new Set<(state: ConnectionState) => void>();
  return {
    onConnection(listener: (state: ConnectionState) => void) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    set(next: ConnectionState) {
      listeners.forEach((listener) => listener(next));
    },
    get listening() {
      return listeners.size;
    },
  };
}

describe('unsubscribeAll', () => {
  it('stops every listener it was given', () => {
    const offs = [vi.fn(), vi.fn()];
    unsubscribeAll(offs)();
    expect(offs.map((off) => off.mock.calls.length)).toEqual([1, 1]);
  });
});

describe('whenOpen', () => {
  it('reloads at once when the stream is open, and on every reopening, until stopped', () => {
    const client = connection('open');
    const reload = vi.fn();
    const off = whenOpen(client, reload);
    expect(reload).toHaveBeenCalledTimes(1);
    client.set('connecting');
    client.set('open');
    expect(reload).toHaveBeenCalledTimes(2);
    off();
    client.set('open');
    expect(reload).toHaveBeenCalledTimes(2);
    expect(client.listening).toBe(0);
  });
});

describe('whenReopened', () => {
  it('does not reload for the state told at once, only when the stream opens again', () => {
    const client = connection('open');
    const reload = vi.fn();
    const off = whenReopened(client, reload);
    expect(reload).not.toHaveBeenCalled();
    client.set('connecting');
    expect(reload).not.toHaveBeenCalled();
    client.set('open');
    expect(reload).toHaveBeenCalledTimes(1);
    off();
    client.set('open');
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
