// Pre-flight checks with real components: the fault server's /404.mp3 as the stream URL and its
// live /live.mp3 as the fallback, probed by the real "Test stream" probe (Debian's ffprobe); the
// destination tested against the real OpenSSH server with a key it does not know; the alert
// queued in the real delivery engine and POSTed to a real webhook receiver that checks the HMAC.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookReceiver } from '../../test-support/alert-receivers';
import { startFaultServer, type FaultServer } from '../../test-support/fault-server';
import {
  generateClientKey,
  startSshd,
  type ClientKey,
  type SshdServer,
} from '../../test-support/sshd';
import { runAhead } from '../../test-support/run-ahead';
import { waitUntil } from '../../test-support/wait';
import { AlertDelivery, createAlertSender, MemoryAlertOutbox, type AlertChannel } from '../alerts';
import { locateFfmpeg } from '../ffmpeg/locate';
import { spawnRunner } from '../ffmpeg/process';
import { systemClock } from '../ports/clock';
import { memoryLogger } from '../ports/logger';
import { describeRunTime } from '../scheduler/missed-runs';
import type { ScheduleSpec } from '../scheduler/schedule-spec';
import type { SftpDestination } from '../transfer/connection';
import { createSftpClientFactory } from '../transfer/sftp-client';
import {
  destinationTestPort,
  PreflightChecks,
  streamProbePort,
  type PreflightPorts,
  type PreflightTarget,
} from '.';

const SECRET = 'whsec-preflight-0123456789';
const MINUTE = 60_000;

let fault: FaultServer;
let sshd: SshdServer;
let receiver: WebhookReceiver;
let work: string;
let stranger: ClientKey;
const logger = memoryLogger();
const { ffprobe } = locateFfmpeg();

beforeAll(async () => {
  [fault, sshd, receiver] = await Promise.all([
    startFaultServer(),
    startSshd(),
    WebhookReceiver.start(SECRET),
  ]);
  work = await mkdtemp(join(tmpdir(), 'asr-preflight-'));
  stranger = await generateClientKey(work, 'stranger');
});

afterAll(async () => {
  await Promise.all([fault?.stop(), sshd?.dispose(), receiver?.stop()]);
  if (work) await rm(work, { recursive: true, force: true });
});

function spec(cron: string, padBeforeSeconds: number): ScheduleSpec {
  return {
    id: 'sched-morning',
    name: 'Breakfast',
    streamId: 'stream-morning',
    cronExpression: cron,
    timeZone: 'UTC',
    durationSeconds: 3600,
    padBeforeSeconds,
    padAfterSeconds: 0,
    maxRetries: 0,
    isActive: true,
    lastRunTime: null,
    updatedAt: 0,
  };
}

interface Setup {
  engine: PreflightChecks;
  delivery: AlertDelivery;
  probedAt: number[];
}

function setup(
  schedule: ScheduleSpec,
  urls: { main: string; fallback: string },
  key: { privateKey: string },
  minutes: number,
): Setup {
  const channel: AlertChannel = {
    id: 'hook',
    name: 'Hook',
    kind: 'webhook',
    enabled: true,
    events: ['preflight.failed'],
    url: receiver.url,
    secret: SECRET,
  };
  const delivery = new AlertDelivery({
    outbox: new MemoryAlertOutbox(),
    channels: async () => [channel],
    send: createAlertSender({ timeoutMs: 20_000 }),
    clock: systemClock,
    logger,
  });
  delivery.start();
  const destination: SftpDestination = {
    id: 'dest-archive',
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    remoteDir: join(sshd.remoteRoot, 'shows'),
    privateKey: key.privateKey,
    hostKeyFingerprint: sshd.hostKeyFingerprint,
  };
  const target: PreflightTarget = {
    stream: {
      id: 'stream-morning',
      name: 'Morning Show',
      streamUrl: urls.main,
      fallbackUrls: [urls.fallback],
    },
    destination: { id: destination.id, host: destination.host, port: destination.port },
  };
  const probe = streamProbePort({ runner: spawnRunner, ffprobePath: ffprobe });
  const probedAt: number[] = [];
  const ports: PreflightPorts = {
    schedules: async () => [schedule],
    target: async (streamId) => (streamId === target.stream.id ? target : null),
    probe: (url) => {
      probedAt.push(Date.now());
      return probe(url);
    },
    testDestination: destinationTestPort({
      load: async (id) => {
        if (id !== destination.id) throw new Error(`unknown destination ${id}`);
        return destination;
      },
      clientFactory: createSftpClientFactory(logger),
      logger,
      clock: systemClock,
    }),
    notify: (payload) => delivery.notify(payload),
  };
  const engine = new PreflightChecks({
    ports,
    clock: systemClock,
    logger,
    timeZone: 'UTC',
    minutes: () => minutes,
  });
  return { engine, delivery, probedAt };
}

async function teardown(s: Setup): Promise<void> {
  await s.engine.stop();
  await s.delivery.stop();
}

describe('pre-flight checks against real components', () => {
  it('a stream URL answering 404 and a refused key: preflight.failed arrives before the run starts', async () => {
    // the run's recording starts ~75 s from now; with 1 minute of lead its check is due in ~15 s
    const run = runAhead(160_000);
    const padBefore = Math.round((run.at - Date.now() - 75_000) / 1000);
    const windowStart = run.at - padBefore * 1000;
    const checkAt = windowStart - MINUTE;
    const s = setup(
      spec(run.cron, padBefore),
      { main: fault.url('/404.mp3'), fallback: fault.url('/live.mp3') },
      stranger,
      1,
    );
    try {
      await s.engine.start();
      expect(s.probedAt).toEqual([]); // not due yet: the timer makes the check
      const hook = await waitUntil('the preflight.failed webhook', () => receiver.verified[0], {
        timeoutMs: 50_000,
      });
      const arrived = Date.now();
      expect(arrived).toBeLessThan(windowStart);
      expect(Math.min(...s.probedAt)).toBeGreaterThanOrEqual(checkAt);
      const hh = String(new Date(run.at).getUTCHours()).padStart(2, '0');
      const mm = String(new Date(run.at).getUTCMinutes()).padStart(2, '0');
      expect(hook.headers['x-recorder-event']).toBe('preflight.failed');
      expect(hook.json).toMatchObject({
        event: 'preflight.failed',
        stream: { id: 'stream-morning', name: 'Morning Show' },
        schedule: { id: 'sched-morning', runAt: new Date(run.at).toISOString() },
        message:
          `Morning Show starts at ${hh}:${mm}: the stream answers 404; the fallback answers; ` +
          `the destination 127.0.0.1:${sshd.port} refused the key. ` +
          "Check the stream's URLs before then: a recording moves to a fallback only after the URL before it failed several times. " +
          'Check the destination before then: until it works, recordings stay on the recorder.',
      });
      expect(JSON.stringify(hook.json)).not.toContain(fault.baseUrl); // no URL in the alert
      await s.engine.idle();
      expect(receiver.received).toHaveLength(1); // once per run
      expect(s.probedAt).toHaveLength(2);
      expect(logger.entries.map((e) => e.message)).toContainEqual(
        expect.stringMatching(
          /^Pre-flight check failed: .*\(stream URL: .*404 Not Found.*destination: The SSH server at 127\.0\.0\.1:\d+ refused the key/,
        ),
      );
    } finally {
      await teardown(s);
    }
  });

  it('a stream that answers and the right key: nothing is sent, a line is logged', async () => {
    const sent = receiver.received.length;
    const run = runAhead(150_000); // 10 minutes of lead: due at once
    const s = setup(
      spec(run.cron, 0),
      { main: fault.url('/live.mp3'), fallback: fault.url('/live.mp3?fallback') },
      { privateKey: sshd.privateKey },
      10,
    );
    try {
      await s.engine.start();
      await waitUntil('the check', () => s.probedAt.length === 2);
      await s.engine.idle();
      expect(logger.entries.map((e) => e.message)).toContain(
        `Pre-flight check of Morning Show for the run of schedule “Breakfast” at ${describeRunTime({ timeZone: 'UTC' }, run.at)}: the stream and its fallback answer; the destination 127.0.0.1:${sshd.port} is writable.`,
      );
      expect(await s.delivery.pending()).toBe(0);
      expect(receiver.received).toHaveLength(sent);
    } finally {
      await teardown(s);
    }
  });
});
