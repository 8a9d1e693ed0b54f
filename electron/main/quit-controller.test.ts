import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEmitter, preventable } from '../testing/fakes';
import { holdQuitUntilStopped, QuitController } from './quit-controller';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(stopCore: () => Promise<void>) {
  const quits: number[] = [];
  const logs: string[] = [];
  const phases: string[] = [];
  const controller = new QuitController({
    stopCore,
    quit: () => quits.push(Date.now()),
    log: (level, message) => logs.push(`${level}: ${message}`),
    onPhase: (phase) => phases.push(phase),
    timeoutMs: 10_000,
  });
  return { controller, quits, logs, phases };
}

describe('QuitController', () => {
  it('holds the quit back until the core has stopped its recordings, then quits', async () => {
    let finish: () => void = () => undefined;
    const stopCore = vi.fn(() => new Promise<void>((r) => (finish = r)));
    const { controller, quits, phases } = setup(stopCore);
    const first = preventable();
    controller.onBeforeQuit(first);
    expect(first.prevented).toBe(true);
    expect(controller.quitting).toBe(true);
    // a second quit (the tray again, the OS) while stopping changes nothing
    const again = preventable();
    controller.onBeforeQuit(again);
    expect(again.prevented).toBe(true);
    expect(stopCore).toHaveBeenCalledOnce();
    expect(quits).toEqual([]);
    finish();
    await vi.runAllTimersAsync();
    expect(quits).toHaveLength(1);
    expect(phases).toEqual(['stopping', 'stopped']);
    // the quit that follows goes through
    const last = preventable();
    controller.onBeforeQuit(last);
    expect(last.prevented).toBe(false);
  });

  it('quits anyway when the core does not stop in time, or fails to', async () => {
    const hung = setup(() => new Promise<void>(() => undefined));
    hung.controller.onBeforeQuit(preventable());
    await vi.advanceTimersByTimeAsync(9_999);
    expect(hung.quits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(hung.quits).toHaveLength(1);
    expect(hung.logs.at(-1)).toBe('warn: The core did not stop within 10 s; quitting.');

    const failing = setup(async () => {
      throw new Error('database is locked');
    });
    failing.controller.onBeforeQuit(preventable());
    await vi.runAllTimersAsync();
    expect(failing.quits).toHaveLength(1);
    expect(failing.logs).toContain('warn: Stopping the core failed: Error: database is locked');
  });
});

describe('holdQuitUntilStopped', () => {
  it('the app quitting and the OS shutting down both wait for the core', async () => {
    let finish: () => void = () => undefined;
    const { controller, quits } = setup(() => new Promise<void>((r) => (finish = r)));
    const app = new FakeEmitter();
    const powerMonitor = new FakeEmitter();
    holdQuitUntilStopped(controller, { app, powerMonitor });
    const quit = preventable();
    app.emit('before-quit', quit);
    expect([quit.prevented, controller.current]).toEqual([true, 'stopping']);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(quits).toHaveLength(1);

    const shutdown = setup(() => new Promise<void>(() => undefined));
    const monitor = new FakeEmitter();
    holdQuitUntilStopped(shutdown.controller, { app: new FakeEmitter(), powerMonitor: monitor });
    monitor.emit('shutdown'); // with no event to hold back
    expect(shutdown.controller.current).toBe('stopping');
    const held = preventable();
    monitor.emit('shutdown', held);
    expect(held.prevented).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(shutdown.quits).toHaveLength(1);
  });
});
