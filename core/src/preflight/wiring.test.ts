import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../events/event-bus';
import { memoryLogger } from '../ports/logger';
import { TestClock } from '../ports/test-clock';
import type { RuntimeSettings, RuntimeSettingsValues } from '../settings/runtime-settings';
import { failedProbe, fakePorts, scheduleSpec } from './test-fakes';
import { startPreflight, type PreflightWiring } from './wiring';

// '0 7 * * *' in Europe/Berlin on 2026-11-24 is 06:00 UTC; padBefore 30 s: recording starts
// 05:59:30 UTC; with 10 minutes the check is due at 05:49:30 UTC.
const RUN = Date.parse('2026-11-24T06:00:00.000Z');
const WINDOW_START = RUN - 30_000;
const CHECK_AT = WINDOW_START - 10 * 60_000;
const MAIN = 'http://radio.example/live.mp3';

/** The runtime settings' part the wiring reads, with `set` for a saved change. */
function fakeRuntime(preflightMinutes: number) {
  let values = { preflightMinutes } as RuntimeSettingsValues;
  const listeners = new Set<(v: RuntimeSettingsValues) => void>();
  const runtime: Pick<RuntimeSettings, 'get' | 'onChange'> & {
    set(patch: Partial<RuntimeSettingsValues>): void;
    readonly listeners: number;
  } = {
    get: () => ({ ...values }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(patch) {
      values = { ...values, ...patch };
      for (const listener of listeners) listener({ ...values });
    },
    get listeners() {
      return listeners.size;
    },
  };
  return runtime;
}

const started: PreflightWiring[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.stop()));
});

async function setup(start: number, minutes = 10) {
  const clock = new TestClock(start);
  const ports = fakePorts();
  ports.probes.set(MAIN, failedProbe(`${MAIN}: Server returned 404 Not Found`));
  const events = createEventBus();
  const runtime = fakeRuntime(minutes);
  const logger = memoryLogger();
  const wiring = await startPreflight({
    ports,
    events,
    runtime,
    clock,
    logger,
    timeZone: 'Europe/Berlin',
    options: { maxTimerMs: 6 * 3_600_000 },
  });
  started.push(wiring);
  return { clock, ports, events, runtime, logger, wiring };
}

describe('startPreflight', () => {
  it('plans at start and re-plans when the schedules were re-read (config-changed)', async () => {
    const { clock, ports, events, wiring } = await setup(CHECK_AT - 3_600_000);
    expect(wiring.checks.armed).toBe(true);
    // the schedule is paused: its re-read re-plans, and its check is not made
    ports.specs = [scheduleSpec({ isActive: false })];
    events.emit('config-changed', { what: 'schedules', id: 'sched-1' });
    await wiring.checks.idle();
    await clock.advance(1);
    expect(wiring.checks.armed).toBe(false);
    await clock.advanceTo(WINDOW_START + 1000);
    expect(ports.probed).toEqual([]);
    // a new schedule for tomorrow 07:00 Berlin: planned on its re-read, checked at its time
    ports.specs = [scheduleSpec({ id: 'sched-2' })];
    events.emit('config-changed', { what: 'schedules', id: 'sched-2' });
    await clock.advance(1);
    expect(wiring.checks.armed).toBe(true);
    await clock.advanceTo(CHECK_AT + 24 * 3_600_000);
    await wiring.checks.idle();
    expect(ports.alerts.map((a) => [a.schedule?.id, a.schedule?.runAt])).toEqual([
      ['sched-2', new Date(RUN + 24 * 3_600_000).toISOString()],
    ]);
  });

  it('0 = off: no timer and no check; turning it on re-plans and checks the run once', async () => {
    const { clock, ports, runtime, wiring } = await setup(CHECK_AT + 60_000, 0);
    expect(wiring.checks.armed).toBe(false);
    expect(clock.pending).toBe(0);
    await clock.advance(60_000);
    expect(ports.probed).toEqual([]);
    runtime.set({ preflightMinutes: 10 }); // the check time passed, the run has not started
    await clock.advance(1);
    await wiring.checks.idle();
    expect(ports.alerts).toHaveLength(1);
    expect(ports.alerts[0]!.message).toMatch(
      /^Morning Show starts at 07:00: the stream answers 404/,
    );
    // another setting's change does not re-plan; turning it off again clears the timer
    runtime.set({ logLevel: 'debug' });
    runtime.set({ preflightMinutes: 0 });
    await clock.advance(1);
    expect(wiring.checks.armed).toBe(false);
    expect(clock.pending).toBe(0);
    expect(ports.alerts).toHaveLength(1);
  });

  it('stop clears the timer and stops following changes', async () => {
    const { clock, ports, events, runtime, wiring } = await setup(CHECK_AT - 3_600_000);
    expect(clock.pending).toBe(1);
    expect(runtime.listeners).toBe(1);
    await wiring.stop();
    expect(wiring.checks.armed).toBe(false);
    expect(clock.pending).toBe(0);
    expect(runtime.listeners).toBe(0);
    events.emit('config-changed', { what: 'schedules' });
    runtime.set({ preflightMinutes: 20 });
    await clock.advanceTo(WINDOW_START + 1000);
    expect(clock.pending).toBe(0);
    expect(ports.probed).toEqual([]);
  });
});
