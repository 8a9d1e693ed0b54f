import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import type { SessionRecord } from '../db/records';
import { memoryLogger } from '../ports/logger';
import { RecordingGate, type StartRun } from './recording-gate';
import { runOccurrence, type ScheduledRunDeps } from './scheduled-run';
import { scheduleSpec } from './schedule-fixtures';
import { TestClock } from '../ports/test-clock';

const S = Date.parse('2026-11-24T06:00:00Z');
const spec = scheduleSpec({ id: 'sch', durationSeconds: 60 });

function setup(startRun: StartRun, now = S - 5000) {
  const clock = new TestClock(now);
  const missed: string[] = [];
  const deps: ScheduledRunDeps = {
    clock,
    logger: memoryLogger(),
    gate: new RecordingGate(startRun, () => 1),
    reportMissed: async (_s, _at, reason) => {
      missed.push(reason);
    },
    retryDelayMs: () => 1000,
    minRemainingMs: 5000,
  };
  return { clock, deps, missed };
}

/** The run of `spec` due at S, never aborted. */
const runOnce = (deps: ScheduledRunDeps) =>
  runOccurrence(deps, { spec, scheduledAt: S }, new AbortController().signal, () => spec);

const session = (over: Partial<SessionRecord>) =>
  ({ id: 'x', partial: false, ...over }) as SessionRecord;

describe('runOccurrence', () => {
  it('does not retry when the stream is gone (NOT_FOUND)', async () => {
    let calls = 0;
    const { deps, clock } = setup(async () => {
      calls += 1;
      throw new AppError('NOT_FOUND', 'Stream stream-1 does not exist.');
    });
    const run = runOnce(deps);
    await clock.advance(10_000);
    await run;
    expect(calls).toBe(1);
  });

  it('a run that gets its slot with too little window left is missed', async () => {
    const { deps, clock, missed } = setup(async () => {
      throw new Error('never');
    }, S + 56_000);
    await runOnce(deps);
    await clock.advance(0);
    expect(missed).toEqual(['its window ended before it could start.']);
  });

  it('a run whose window ends while it waits is missed; an aborted wait is not', async () => {
    const { deps, clock, missed } = setup(async () => ({
      session: session({}),
      done: Promise.resolve(session({ status: 'COMPLETED' })),
    }));
    const held = deps.gate.slots.tryAcquire()!;
    const run = runOnce(deps);
    await clock.advance(60_000);
    await run;
    expect(missed).toHaveLength(1);
    const stop = new AbortController();
    const other = runOccurrence(
      deps,
      { spec, scheduledAt: S + 3_600_000 },
      stop.signal,
      () => spec,
    );
    await clock.advance(1000);
    stop.abort();
    await other;
    expect(missed).toHaveLength(1);
    held.release();
    expect(deps.gate.slots.inUse).toBe(0);
  });

  it('retries a FAILED session until maxRetries, holding a slot per attempt only', async () => {
    let calls = 0;
    const { deps, clock } = setup(async () => {
      calls += 1;
      return { session: session({}), done: Promise.resolve(session({ status: 'FAILED' })) };
    });
    const run = runOccurrence(
      deps,
      { spec: { ...spec, maxRetries: 2 }, scheduledAt: S },
      new AbortController().signal,
      () => spec,
    );
    await clock.advance(30_000);
    await run;
    expect(calls).toBe(3);
    expect(deps.gate.slots.inUse).toBe(0);
  });
});
