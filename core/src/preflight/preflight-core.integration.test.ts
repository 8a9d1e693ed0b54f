// Pre-flight checks in the running core (createCore): the setting, the channel, the stream and the
// schedule are made through the operations, as a user would; the fault server's /404.mp3 is the
// stream URL and its live /live.mp3 the fallback, probed by the real probe (Debian's ffprobe);
// the alert goes through the real outbox to a real webhook receiver that checks the HMAC.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../contract';
import { WebhookReceiver } from '../../test-support/alert-receivers';
import { startFaultServer, type FaultServer } from '../../test-support/fault-server';
import { runAhead } from '../../test-support/run-ahead';
import { waitUntil } from '../../test-support/wait';
import { loadSettings } from '../config/settings';
import { createCore, type Core } from '../create-core';

const SECRET = 'whsec-preflight-core-0123456789';
/** The app's time zone: the alert tells the start time in it (the schedule runs in UTC). */
const APP_ZONE = 'Europe/Berlin';

let fault: FaultServer;
let receiver: WebhookReceiver;
let core: Core | undefined;
let dir: string;
const logs: LogEntry[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asr-preflight-core-'));
  [fault, receiver] = await Promise.all([startFaultServer(), WebhookReceiver.start(SECRET)]);
  const settings = loadSettings({ DATA_DIR: join(dir, 'data'), TZ: APP_ZONE }, dir);
  core = await createCore(settings, {
    env: { MIN_FREE_DISK_MB: '0' },
    onLog: (entry) => logs.push(entry),
  });
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await Promise.all([fault?.stop(), receiver?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const hhmm = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

describe('pre-flight in the running core', () => {
  it('a schedule whose stream answers 404: preflight.failed reaches the webhook before the run starts, once', async () => {
    const app = core!;
    await app.invoke('settings.update', { preflightMinutes: 1 });
    await app.invoke('notificationChannels.create', {
      name: 'Hook',
      kind: 'webhook',
      url: receiver.url,
      secret: SECRET,
      events: ['preflight.failed'],
    });
    const stream = (await app.invoke('streams.create', {
      name: 'Morning Show',
      streamUrl: fault.url('/404.mp3'),
      fallbackUrls: [fault.url('/live.mp3')],
      artist: 'Radio X',
      album: 'Mornings',
      albumArtist: 'Radio X',
    })) as { id: string };
    // the run records from ~75 s from now; with 1 minute of lead its check is due in ~15 s
    const run = runAhead(160_000);
    const padBefore = Math.round((run.at - Date.now() - 75_000) / 1000);
    const windowStart = run.at - padBefore * 1000;
    const schedule = (await app.invoke('schedules.create', {
      streamId: stream.id,
      cronExpression: run.cron,
      timezone: 'UTC',
      durationMinutes: 1,
      padBeforeSeconds: padBefore,
    })) as { id: string };

    // planned when the schedule was saved (the core started with no schedules), made by the timer
    const hook = await waitUntil('the preflight.failed webhook', () => receiver.verified[0], {
      timeoutMs: 55_000,
      intervalMs: 200,
    });
    expect(Date.now()).toBeLessThan(windowStart);
    expect(hook.headers['x-recorder-event']).toBe('preflight.failed');
    expect(hook.json).toMatchObject({
      event: 'preflight.failed',
      stream: { id: stream.id, name: 'Morning Show' },
      schedule: { id: schedule.id, runAt: new Date(run.at).toISOString() },
      message:
        `Morning Show starts at ${hhmm(run.at, APP_ZONE)}: the stream answers 404; the fallback answers. ` +
        "Check the stream's URLs before then: a recording moves to a fallback only after the URL before it failed several times.",
    });

    // re-planning (the schedule saved again, the lead changed) does not check the same run again
    await app.invoke('schedules.update', { id: schedule.id, maxRetries: 2 });
    await app.invoke('settings.update', { preflightMinutes: 2 });
    const failedLines = () =>
      logs.filter((e) => e.message.startsWith('Pre-flight check failed: Morning Show')).length;
    expect(failedLines()).toBe(1);
    // stopped before the run starts: its checks, timers and alert delivery end with it
    await app.stop();
    core = undefined;
    expect(Date.now()).toBeLessThan(windowStart);
    expect(receiver.received).toHaveLength(1);
    expect(failedLines()).toBe(1);
    expect(fault.requests('/404.mp3')).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
