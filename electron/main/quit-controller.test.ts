import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { preventable } from '../testing/fakes';
import { QuitController } from './quit-controller';

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
