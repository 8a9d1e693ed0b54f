import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installShutdown } from './shutdown';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(stop: () => Promise<void>, parent?: EventEmitter & { connected: boolean }) {
  const source = new EventEmitter();
  const exits: number[] = [];
  const logs: string[] = [];
  installShutdown({
    stop,
    log: (m) => logs.push(m),
    exit: (code) => exits.push(code),
    source: source as unknown as NodeJS.Process,
    parent,
  });
  return { source, exits, logs };
}

/** A launcher's IPC channel: `disconnect` when the launcher goes. */
function channel(connected = true) {
  return Object.assign(new EventEmitter(), { connected });
}

describe('installShutdown', () => {
  it('stops once on SIGTERM and exits 0 when done', async () => {
    const stop = vi.fn(() => Promise.resolve());
    const { source, exits } = setup(stop);
    source.emit('SIGTERM');
    await vi.advanceTimersByTimeAsync(0);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
  });

  it('exits 1 after 28 s if stopping hangs', async () => {
    const { source, exits, logs } = setup(() => new Promise(() => undefined));
    source.emit('SIGINT');
    await vi.advanceTimersByTimeAsync(27_999);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    expect(logs.at(-1)).toMatch(/recovered at the next start/);
  });

  it('exits at once on a second signal', async () => {
    const { source, exits } = setup(() => new Promise(() => undefined));
    source.emit('SIGTERM');
    source.emit('SIGTERM');
    expect(exits).toEqual([1]);
  });

  it('exits 1 when stopping fails', async () => {
    const { source, exits } = setup(() => Promise.reject(new Error('db')));
    source.emit('SIGTERM');
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([1]);
  });

  it('stops once, cleanly, when the launcher channel closes (the launcher was killed)', async () => {
    const stop = vi.fn(() => Promise.resolve());
    const parent = channel();
    const { exits, logs } = setup(stop, parent);
    expect(stop).not.toHaveBeenCalled();
    parent.connected = false;
    parent.emit('disconnect');
    await vi.advanceTimersByTimeAsync(0);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
    expect(logs[0]).toMatch(/^The launcher ended: stopping/);
  });

  it('stops at once when the launcher was already gone while the server started', async () => {
    const stop = vi.fn(() => Promise.resolve());
    const { exits } = setup(stop, channel(false));
    await vi.advanceTimersByTimeAsync(0);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
  });

  it('does not take the launcher ending during a stop for a second signal', async () => {
    let finish!: () => void;
    const stop = vi.fn(() => new Promise<void>((r) => (finish = r)));
    const parent = channel();
    const { source, exits } = setup(stop, parent);
    source.emit('SIGINT');
    parent.emit('disconnect');
    expect(exits).toEqual([]);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
  });
});
