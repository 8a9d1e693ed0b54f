import { afterEach, describe, expect, it } from 'vitest';
import { buildAlert, type AlertEvent, type AlertPayload } from '../../contract/alerts';
import { memoryLogger } from '../ports/logger';
import { TestClock } from '../ports/test-clock';
import { ALERT_MAX_AGE_MS, AlertDelivery, technicalDetails } from './delivery';
import { MemoryAlertOutbox } from './outbox';
import { AlertDeliveryError, type AlertChannel, type AlertSender } from './types';

const START = Date.parse('2026-11-24T06:00:00.000Z');

function webhook(id: string, events: AlertEvent[] = ['recording.failed'], enabled = true) {
  return {
    id,
    name: `Hook ${id}`,
    kind: 'webhook',
    url: `https://hooks.example.com/${id}`,
    secret: 'a-secret-of-16-chars',
    enabled,
    events,
  } satisfies AlertChannel;
}

function alert(event: AlertEvent = 'recording.failed', at = START): AlertPayload {
  return buildAlert({
    event,
    at,
    timeZone: 'UTC',
    stream: { id: 's1', name: 'Morning Show' },
  });
}

interface Call {
  channelId: string;
  at: number;
  event: AlertEvent;
  signal?: AbortSignal;
}

/** A sender whose answers the test decides: `fail(channelId)` until `recover(channelId)`. */
function fakeSender(clock: TestClock) {
  const calls: Call[] = [];
  const failing = new Set<string>();
  let hang = false;
  const send: AlertSender = async (channel, payload, signal) => {
    calls.push({ channelId: channel.id, at: clock.now(), event: payload.event, signal });
    if (hang) {
      await new Promise<void>((_, reject) =>
        signal?.addEventListener('abort', () => reject(new AlertDeliveryError('stopped')), {
          once: true,
        }),
      );
    }
    if (failing.has(channel.id)) {
      throw new AlertDeliveryError(`Could not reach the webhook at ${channel.id}: refused.`);
    }
    return { detail: 'HTTP 200' };
  };
  return {
    send,
    calls,
    fail: (id: string) => failing.add(id),
    recover: (id: string) => failing.delete(id),
    hang: (value: boolean) => (hang = value),
  };
}

let engines: AlertDelivery[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.stop()));
  engines = [];
});

function setup(
  channels: AlertChannel[],
  outbox = new MemoryAlertOutbox(),
  clock = new TestClock(START),
) {
  const logger = memoryLogger();
  const sender = fakeSender(clock);
  let ids = 0;
  const list = [...channels];
  const engine = new AlertDelivery({
    outbox,
    channels: async () => list,
    send: sender.send,
    clock,
    logger,
    newId: () => `item-${++ids}`,
  });
  engines.push(engine);
  return { engine, outbox, clock, logger, sender, channels: list };
}

describe('AlertDelivery', () => {
  it('queues one item per channel that picked the event and delivers each once', async () => {
    const { engine, outbox, clock, sender } = setup([
      webhook('a', ['recording.failed']),
      webhook('b', ['recording.failed', 'disk.low']),
      webhook('c', ['disk.low']),
      webhook('d', ['recording.failed'], false),
    ]);
    engine.start();
    expect(await engine.notify(alert('recording.failed'))).toBe(2);
    await clock.advance(0);
    expect(sender.calls.map((c) => c.channelId).sort()).toEqual(['a', 'b']);
    expect(await outbox.size()).toBe(0);
    await clock.advance(3_600_000);
    expect(sender.calls).toHaveLength(2);
  });

  it('an alert no channel picked is not queued', async () => {
    const { engine, outbox } = setup([webhook('a', ['disk.low'])]);
    expect(await engine.notify(alert('recording.completed'))).toBe(0);
    expect(await outbox.size()).toBe(0);
  });

  it('remembers and announces every alert raised, also one no channel takes', async () => {
    const announced: AlertPayload[] = [];
    const clock = new TestClock(START);
    const engine = new AlertDelivery({
      outbox: new MemoryAlertOutbox(),
      channels: async () => [],
      send: fakeSender(clock).send,
      clock,
      logger: memoryLogger(),
      announce: (payload) => announced.push(payload),
    });
    engines.push(engine);
    const first = alert('preflight.failed');
    const second = alert('disk.low', START + 1000);
    await engine.notify(first);
    await engine.notify(second);
    expect(announced).toEqual([first, second]);
    expect(engine.recent()).toEqual([second, first]);
  });

  it('retries with backoff (30 s, 1 min, 2 min ...) and delivers once the receiver is back', async () => {
    const { engine, outbox, clock, sender, logger } = setup([webhook('a')]);
    sender.fail('a');
    engine.start();
    await engine.notify(alert());
    await clock.advance(0);
    await clock.advance(30_000 + 60_000 + 120_000);
    expect(sender.calls.map((c) => (c.at - START) / 1000)).toEqual([0, 30, 90, 210]);
    expect(outbox.all[0]).toMatchObject({
      attempts: 4,
      lastError: expect.stringMatching(/refused/),
    });
    expect(logger.entries.at(-1)?.message).toMatch(
      /not delivered to channel "Hook a" \(webhook, attempt 4\).*Trying again in 4 min/,
    );
    sender.recover('a');
    await clock.advance(240_000);
    expect(sender.calls).toHaveLength(5);
    expect(await outbox.size()).toBe(0);
    await clock.advance(3_600_000);
    expect(sender.calls).toHaveLength(5);
    expect(logger.entries.at(-1)?.message).toMatch(/delivered to channel "Hook a".*attempt 5/);
  });

  it('the wait stops growing at 15 min', async () => {
    const { engine, clock, sender } = setup([webhook('a')]);
    sender.fail('a');
    engine.start();
    await engine.notify(alert());
    await clock.advance(3 * 3_600_000);
    const gaps = sender.calls.slice(1).map((c, i) => (c.at - sender.calls[i]!.at) / 1000);
    expect(gaps.slice(0, 6)).toEqual([30, 60, 120, 240, 480, 900]);
    expect(new Set(gaps.slice(5))).toEqual(new Set([900]));
  });

  it('drops an alert not delivered within 24 h and logs it', async () => {
    const { engine, outbox, clock, sender, logger } = setup([webhook('a')]);
    sender.fail('a');
    engine.start();
    await engine.notify(alert());
    await clock.advance(ALERT_MAX_AGE_MS - 1000);
    expect(await outbox.size()).toBe(1);
    const attempts = sender.calls.length;
    await clock.advance(2000);
    expect(await outbox.size()).toBe(0);
    const dropped = logger.entries.find((e) => /was dropped/.test(e.message));
    expect(dropped?.level).toBe('warn');
    expect(dropped?.message).toMatch(
      /Alert "Recording failed: Morning Show" \(recording.failed\) was dropped: not delivered to channel "Hook a" within 24 h \(\d+ attempts; last error: Could not reach/,
    );
    sender.recover('a');
    await clock.advance(3_600_000);
    expect(sender.calls.length).toBeLessThanOrEqual(attempts + 1);
    expect(await outbox.size()).toBe(0);
  });

  it('a restart (a new engine on the same outbox) loses nothing and sends once', async () => {
    const outbox = new MemoryAlertOutbox();
    const clock = new TestClock(START);
    const first = setup([webhook('a'), webhook('b')], outbox, clock);
    first.sender.fail('a');
    first.sender.fail('b');
    first.engine.start();
    await first.engine.notify(alert());
    await clock.advance(0);
    expect(first.sender.calls).toHaveLength(2);
    await first.engine.stop();
    expect(clock.pending).toBe(0);
    expect(await outbox.size()).toBe(2);

    // down for an hour, then back, then the app starts again
    await clock.advance(3_600_000);
    const second = setup([webhook('a'), webhook('b')], outbox, clock);
    second.engine.start();
    await clock.advance(0);
    expect(second.sender.calls.map((c) => c.channelId).sort()).toEqual(['a', 'b']);
    expect(await outbox.size()).toBe(0);
    await clock.advance(3_600_000);
    expect(second.sender.calls).toHaveLength(2);
  });

  it('drops items whose channel was deleted, turned off or no longer picks the event', async () => {
    const { engine, outbox, clock, sender, logger, channels } = setup([
      webhook('a'),
      webhook('b'),
      webhook('c'),
    ]);
    sender.fail('a');
    sender.fail('b');
    sender.fail('c');
    engine.start();
    await engine.notify(alert());
    await clock.advance(0);
    expect(await outbox.size()).toBe(3);
    channels.splice(0, 1); // a deleted
    channels[0] = { ...channels[0]!, enabled: false }; // b off
    channels[1] = { ...channels[1]!, events: ['disk.low'] }; // c other events
    await clock.advance(30_000);
    expect(await outbox.size()).toBe(0);
    expect(sender.calls).toHaveLength(3);
    const messages = logger.entries.map((e) => e.message).join('\n');
    expect(messages).toMatch(/not sent: its channel was deleted/);
    expect(messages).toMatch(/not sent: channel "Hook b" was turned off/);
    expect(messages).toMatch(/not sent: channel "Hook c" no longer picks recording.failed/);
  });

  it('keeps one timer however many items wait', async () => {
    const { engine, clock, sender, outbox } = setup([webhook('a'), webhook('b')]);
    sender.fail('a');
    sender.fail('b');
    engine.start();
    for (let i = 0; i < 10; i++) await engine.notify(alert('recording.failed', START + i));
    await clock.advance(0);
    expect(await outbox.size()).toBe(20);
    expect(clock.pending).toBe(1);
    await clock.advance(45_000);
    expect(clock.pending).toBe(1);
  });

  it('stop() clears the timer and cuts an attempt short; the item stays due for the next start', async () => {
    const { engine, clock, sender, outbox } = setup([webhook('a')]);
    sender.hang(true);
    engine.start();
    await engine.notify(alert());
    await clock.advance(0);
    expect(sender.calls).toHaveLength(1);
    await engine.stop();
    expect(sender.calls[0]?.signal?.aborted).toBe(true);
    expect(clock.pending).toBe(0);
    expect(outbox.all[0]).toMatchObject({ attempts: 0, nextAttemptAt: START });
    await expect(engine.notify(alert())).rejects.toThrow(/stopped/);
  });

  it('when the channels cannot be read, logs it and tries again after the first backoff step', async () => {
    const outbox = new MemoryAlertOutbox();
    const clock = new TestClock(START);
    const logger = memoryLogger();
    const sender = fakeSender(clock);
    let broken = true;
    const engine = new AlertDelivery({
      outbox,
      channels: async () => {
        if (broken) throw new Error('database is locked');
        return [webhook('a')];
      },
      send: sender.send,
      clock,
      logger,
    });
    engines.push(engine);
    await outbox.enqueue([
      {
        id: 'x',
        channelId: 'a',
        payload: alert(),
        createdAt: START,
        attempts: 0,
        nextAttemptAt: START,
        lastError: null,
      },
    ]);
    engine.start();
    await clock.advance(0);
    expect(logger.entries.at(-1)).toMatchObject({
      level: 'error',
      message: expect.stringMatching(
        /could not read its outbox or the channels.*database is locked/,
      ),
    });
    broken = false;
    await clock.advance(29_000);
    expect(sender.calls).toHaveLength(0);
    await clock.advance(1_000);
    expect(sender.calls).toHaveLength(1);
    expect(await outbox.size()).toBe(0);
  });

  it('sends items queued before start() once started', async () => {
    const { engine, clock, sender } = setup([webhook('a')]);
    await engine.notify(alert());
    await clock.advance(60_000);
    expect(sender.calls).toHaveLength(0);
    engine.start();
    await clock.advance(0);
    expect(sender.calls).toHaveLength(1);
  });

  it('test() sends at once and answers the receiver’s words', async () => {
    const { engine, sender, outbox } = setup([webhook('a')]);
    expect(await engine.test(webhook('a'), alert())).toEqual({ ok: true, answer: 'HTTP 200' });
    sender.fail('a');
    expect(await engine.test(webhook('a'), alert())).toEqual({
      ok: false,
      error: 'Could not reach the webhook at a: refused.',
    });
    expect(await outbox.size()).toBe(0);
  });

  it('technicalDetails: the causes below a failure, without the secret or the URL path', () => {
    const channel = {
      ...webhook('a'),
      url: 'https://hooks.example.org/T0/very-secret-path',
      secret: 'the-webhook-secret-1234',
    };
    const cause = Object.assign(
      new Error('connect ECONNREFUSED 192.0.2.1:443 /T0/very-secret-path the-webhook-secret-1234'),
      { code: 'ECONNREFUSED' },
    );
    const error = new AlertDeliveryError('Could not reach the webhook.', {
      cause: new TypeError('fetch failed', { cause }),
    });
    const details = technicalDetails(error, channel);
    expect(details).toBe(
      'TypeError: fetch failed ← ECONNREFUSED: connect ECONNREFUSED 192.0.2.1:443 … …',
    );
    const smtp = Object.assign(new Error('Invalid login: 535 5.7.8 Authentication failed'), {
      code: 'EAUTH',
      response: '535 5.7.8 Authentication failed',
    });
    expect(technicalDetails(new AlertDeliveryError('Refused.'), channel)).toBeUndefined();
    expect(technicalDetails(smtp, channel)).toBe(
      'EAUTH: Invalid login: 535 5.7.8 Authentication failed',
    );
  });
});
