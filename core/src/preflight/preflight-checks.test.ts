import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../ports/logger';
import { settle, TestClock } from '../ports/test-clock';
import { PreflightChecks } from './preflight-checks';
import { failedProbe, fakePorts, scheduleSpec, type FakePorts } from './test-fakes';

// '0 7 * * *' in Europe/Berlin on 2026-11-24 is 06:00 UTC; padBefore 30 s: recording starts
// 05:59:30 UTC; with 10 minutes the check is due at 05:49:30 UTC.
const RUN = Date.parse('2026-11-24T06:00:00.000Z');
const WINDOW_START = RUN - 30_000;
const CHECK_AT = WINDOW_START - 10 * 60_000;
const MAIN = 'http://radio.example/live.mp3';
const FALLBACK = 'http://backup.example/live.mp3';

const engines: PreflightChecks[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

function setup(start: number, options: { minutes?: number; maxTimerMs?: number } = {}) {
  const clock = new TestClock(start);
  const ports = fakePorts();
  const logger = memoryLogger();
  const minutes = { value: options.minutes ?? 10 };
  const engine = new PreflightChecks({
    ports,
    clock,
    logger,
    timeZone: 'Europe/Berlin',
    minutes: () => minutes.value,
    ...(options.maxTimerMs ? { maxTimerMs: options.maxTimerMs } : {}),
  });
  engines.push(engine);
  return { clock, ports, logger, minutes, engine };
}

/** The probe of MAIN answers (404) only when the test calls `answer`, set once it was asked. */
function holdProbe(ports: FakePorts): { answer?: () => void } {
  const held: { answer?: () => void } = {};
  ports.probes.set(
    MAIN,
    () =>
      new Promise((resolve) => {
        held.answer = () => resolve(failedProbe('Server returned 404 Not Found'));
      }),
  );
  return held;
}

function dead(ports: FakePorts, url = MAIN) {
  ports.probes.set(
    url,
    failedProbe(`ffprobe could not read ${url}: ${url}: Server returned 404 Not Found`),
  );
}

describe('PreflightChecks', () => {
  it('checks a run once, at preflightMinutes before its recording starts', async () => {
    const { clock, ports, engine } = setup(Date.parse('2026-11-24T04:00:00.000Z'));
    dead(ports);
    await engine.start();
    expect(ports.probed).toEqual([]);
    expect(engine.armed).toBe(true);

    await clock.advanceTo(CHECK_AT - 1000);
    expect(ports.probed).toEqual([]);
    await clock.advanceTo(CHECK_AT);
    await engine.idle();
    expect(ports.probed.sort()).toEqual([FALLBACK, MAIN].sort());
    expect(ports.tested).toEqual(['dest-1']);
    expect(ports.alerts).toHaveLength(1);
    expect(ports.alerts[0]).toMatchObject({
      event: 'preflight.failed',
      at: new Date(CHECK_AT).toISOString(),
      stream: { id: 'stream-1', name: 'Morning Show' },
      schedule: { id: 'sched-1', runAt: new Date(RUN).toISOString() },
      message:
        "Morning Show starts at 07:00: the stream answers 404; the fallback answers. Check the stream's URLs before then: a recording moves to a fallback only after the URL before it failed several times.",
    });

    // replanning and time passing up to the start do not check the same run again
    await engine.replan();
    await clock.advanceTo(WINDOW_START + 1000);
    await engine.idle();
    expect(ports.alerts).toHaveLength(1);
    expect(ports.probed).toHaveLength(2);
  });

  it('checks the next day’s run at its own time', async () => {
    const { clock, ports, engine } = setup(CHECK_AT + 1000, { maxTimerMs: 6 * 3_600_000 });
    dead(ports);
    await engine.start();
    await engine.idle();
    expect(ports.alerts).toHaveLength(1);
    await clock.advanceTo(CHECK_AT + 24 * 3_600_000 - 1000);
    expect(ports.alerts).toHaveLength(1);
    await clock.advanceTo(CHECK_AT + 24 * 3_600_000);
    await engine.idle();
    expect(ports.alerts.map((a) => a.schedule?.runAt)).toEqual([
      new Date(RUN).toISOString(),
      new Date(RUN + 24 * 3_600_000).toISOString(),
    ]);
  });

  it('a destination that refuses the key is named with host and port', async () => {
    const { ports, engine } = setup(WINDOW_START - 60_000);
    ports.destinationResult = {
      ok: false,
      code: 'SSH_AUTH_FAILED',
      error: 'The SSH server at sftp.example:22 refused the key for user “rec”.',
    };
    await engine.start();
    await engine.idle();
    expect(ports.alerts.map((a) => a.message)).toEqual([
      'Morning Show starts at 07:00: the destination sftp.example:22 refused the key. Check the destination before then: until it works, recordings stay on the recorder.',
    ]);
  });

  it('a stream without a destination: only its URLs are probed', async () => {
    const { ports, engine } = setup(WINDOW_START - 60_000);
    ports.targets.get('stream-1')!.destination = null;
    await engine.start();
    await engine.idle();
    expect(ports.probed).toHaveLength(2);
    expect(ports.tested).toEqual([]);
    expect(ports.alerts).toEqual([]);
  });

  it('success sends nothing and logs a line', async () => {
    const { clock, ports, logger, engine } = setup(CHECK_AT - 5000);
    await engine.start();
    await clock.advanceTo(CHECK_AT);
    await engine.idle();
    expect(ports.probed).toHaveLength(2);
    expect(ports.alerts).toEqual([]);
    expect(logger.entries.map((e) => e.message)).toContain(
      `Pre-flight check of Morning Show for the run of schedule “0 7 * * *” at 2026-11-24 07:00 Europe/Berlin: the stream and its fallback answer; the destination sftp.example:22 is writable.`,
    );
  });

  it('makes no check when preflightMinutes is 0, and none when turned on after the start', async () => {
    const { clock, ports, engine, minutes, logger } = setup(CHECK_AT - 60_000, {
      minutes: 0,
      maxTimerMs: 6 * 3_600_000,
    });
    dead(ports);
    await engine.start();
    expect(engine.armed).toBe(false);
    await clock.advanceTo(WINDOW_START + 60_000);
    await engine.idle();
    expect(ports.probed).toEqual([]);
    expect(ports.alerts).toEqual([]);
    expect(logger.entries.map((e) => e.message)).toContain(
      'Pre-flight checks are off (preflightMinutes is 0).',
    );

    // turned on later: the next run (tomorrow) is checked
    minutes.value = 10;
    await engine.replan();
    expect(engine.armed).toBe(true);
    await clock.advanceTo(CHECK_AT + 24 * 3_600_000);
    await engine.idle();
    expect(ports.alerts).toHaveLength(1);
  });

  it('checks at once a run whose check time passed but whose recording has not started', async () => {
    const { ports, engine } = setup(WINDOW_START - 2 * 60_000); // app started 2 min before
    dead(ports);
    await engine.start();
    await engine.idle();
    expect(ports.alerts).toHaveLength(1);
    expect(ports.alerts[0]?.schedule?.runAt).toBe(new Date(RUN).toISOString());
  });

  it('does not check a run whose recording already started', async () => {
    const { ports, engine } = setup(WINDOW_START + 1000);
    dead(ports);
    await engine.start();
    await engine.idle();
    expect(ports.probed).toEqual([]);
    expect(engine.armed).toBe(true); // for tomorrow's run
  });

  it('re-plans when a schedule changes: a moved run is checked, a deleted one is not', async () => {
    const { clock, ports, engine } = setup(Date.parse('2026-11-24T04:25:00.000Z'));
    dead(ports);
    await engine.start();
    expect(ports.probed).toEqual([]);

    // moved from 07:00 to 05:30 Berlin (04:30 UTC): its check (04:19:30) has passed → at once
    ports.specs = [scheduleSpec({ cronExpression: '30 5 * * *' })];
    await engine.replan();
    await engine.idle();
    expect(ports.alerts.map((a) => a.schedule?.runAt)).toEqual(['2026-11-24T04:30:00.000Z']);

    // a second schedule appears, then is deleted before its check time
    ports.specs = [
      scheduleSpec({ cronExpression: '30 5 * * *' }),
      scheduleSpec({ id: 'sched-2', cronExpression: '0 8 * * *' }),
    ];
    await engine.replan();
    ports.specs = [scheduleSpec({ cronExpression: '30 5 * * *' })];
    await engine.replan();
    await clock.advanceTo(Date.parse('2026-11-24T07:00:00.000Z'));
    await engine.idle();
    expect(ports.alerts.map((a) => a.schedule?.id)).toEqual(['sched-1']);
  });

  it('drops the result of a check whose schedule was paused while it ran', async () => {
    const { clock, ports, engine, logger } = setup(CHECK_AT - 1000);
    const held = holdProbe(ports);
    await engine.start();
    await clock.advanceTo(CHECK_AT);
    expect(held.answer).toBeDefined();
    ports.specs = [];
    await engine.replan();
    held.answer?.();
    await engine.idle();
    expect(ports.alerts).toEqual([]);
    expect(logger.entries.some((e) => /no longer planned/.test(e.message))).toBe(true);
  });

  it('keeps one timer, set for the earliest check ahead; stop() clears it', async () => {
    const { clock, ports, engine } = setup(Date.parse('2026-11-24T04:00:00.000Z'));
    ports.specs = [
      scheduleSpec({ id: 'a', cronExpression: '0 7 * * *' }),
      scheduleSpec({ id: 'b', cronExpression: '0 9 * * *' }),
    ];
    await engine.start();
    expect(clock.pending).toBe(1);
    await engine.replan();
    await engine.replan();
    expect(clock.pending).toBe(1);
    await clock.advance(10 * 60_000);
    expect(clock.pending).toBe(1);

    await engine.stop();
    expect(engine.armed).toBe(false);
    expect(clock.pending).toBe(0);
    dead(ports);
    await clock.advanceTo(WINDOW_START);
    await engine.replan(); // after stop: nothing
    expect(ports.probed).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('after the computer slept through the check time, checks within a minute of waking', async () => {
    const { clock, ports, engine } = setup(CHECK_AT - 5 * 60_000);
    dead(ports);
    await engine.start();
    clock.jump(7 * 60_000); // asleep: the wall clock moved on, the timer did not run
    await clock.advance(60_000);
    await engine.idle();
    expect(ports.alerts).toHaveLength(1);
  });

  it('stop() waits for running checks and sends nothing after it', async () => {
    const { clock, ports, engine } = setup(CHECK_AT - 1000);
    const held = holdProbe(ports);
    await engine.start();
    await clock.advanceTo(CHECK_AT);
    let stopped = false;
    const stopping = engine.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    held.answer?.();
    await stopping;
    expect(ports.alerts).toEqual([]);
  });

  it('checks at most two runs at a time; the rest wait their turn', async () => {
    const { ports, engine } = setup(Date.parse('2026-11-24T05:55:00.000Z'));
    ports.specs = ['a', 'b', 'c'].map((id) => scheduleSpec({ id }));
    ports.targets.get('stream-1')!.stream.fallbackUrls = [];
    const waiting: (() => void)[] = [];
    ports.probes.set(
      MAIN,
      () =>
        new Promise((resolve) => waiting.push(() => resolve(failedProbe('Server returned 404')))),
    );
    await engine.start();
    await settle();
    expect(waiting).toHaveLength(2);
    waiting.shift()?.();
    await settle();
    expect(waiting).toHaveLength(2);
    while (waiting.length > 0) waiting.shift()?.();
    await engine.idle();
    expect(ports.alerts.map((a) => a.schedule?.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('a planning pass the timer began that fails is logged, not left unhandled', async () => {
    const { clock, minutes, engine, logger } = setup(Date.parse('2026-11-24T04:00:00.000Z'));
    await engine.start();
    expect(engine.armed).toBe(true);
    Object.defineProperty(minutes, 'value', {
      get: () => {
        throw new Error('the settings could not be read');
      },
    });
    await clock.advanceTo(CHECK_AT);
    await settle();
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'Pre-flight: a planning pass failed: the settings could not be read',
      }),
    );
  });

  it('a probe that throws and a notify that fails are logged, never thrown', async () => {
    const { ports, engine, logger } = setup(WINDOW_START - 60_000);
    ports.probes.set(MAIN, () => Promise.reject(new Error('spawn ffprobe ENOENT')));
    ports.notify = () => Promise.reject(new Error('the alert delivery was stopped'));
    await engine.start();
    await engine.idle();
    const messages = logger.entries.map((e) => e.message);
    expect(messages).toContainEqual(
      expect.stringMatching(/^Pre-flight check failed: .* \(stream URL: spawn ffprobe ENOENT\)$/),
    );
    expect(
      messages.some((m) => m.includes('could not be queued: the alert delivery was stopped')),
    ).toBe(true);
  });
});
