// Dead air end to end through the engine (issue 13): a real Icecast mount that goes silent for
// 70 s inside a 2-minute recording, made through the operations and the pipeline with a real
// ffmpeg, delivered to the test OpenSSH server; the session says deadAir with one silence of
// 70 ± 2 s at the right moment, the file is delivered, and the `recording.dead-air` alert reaches
// a real webhook receiver (HMAC checked by the receiver). One Icecast run: it takes ~2 minutes.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../contract/alerts';
import type { StreamDto } from '../../contract/operations/streams';
import { SmtpReceiver, WebhookReceiver } from '../../test-support/alert-receivers';
import { startIcecast, type IcecastServer } from '../../test-support/icecast';
import { startSshd, type SshdServer } from '../../test-support/sshd';
import { sessionSettled } from '../../test-support/session-settled';
import { waitUntil } from '../../test-support/wait';
import { loadSettings } from '../config/settings';
import { createCore, type Core } from '../create-core';
import { seedSshdDestination } from '../pipeline/test-fixtures';

const WINDOW_SECONDS = 120;
const SILENCE_AT = 25;
const SILENCE_SECONDS = 70;
/** From the feeder's start to the window's start: the mount is up and its burst full by then. */
const LEAD_MS = 12_000;
const SECRET = 'dead-air-webhook-secret-0123';

let dir: string;
let ice: IcecastServer;
let sshd: SshdServer;
let receiver: WebhookReceiver;
let smtp: SmtpReceiver;
let core: Core;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asr-dead-air-icecast-'));
  [ice, sshd, receiver, smtp] = await Promise.all([
    startIcecast(),
    startSshd(),
    WebhookReceiver.start(SECRET),
    SmtpReceiver.start({ auth: { user: 'recorder', pass: 'mail password' } }),
  ]);
  const settings = loadSettings({ DATA_DIR: join(dir, 'data'), TZ: 'Europe/Berlin' }, dir);
  core = await createCore(settings, { env: { MIN_FREE_DISK_MB: '0' } });
  await seedSshdDestination(core.db, settings.configDir, sshd);
  await core.invoke('notificationChannels.create', {
    name: 'Hook',
    kind: 'webhook',
    url: receiver.url,
    secret: SECRET,
    events: ['recording.dead-air'],
  });
  await core.invoke('notificationChannels.create', {
    name: 'Mail',
    kind: 'email',
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    username: 'recorder',
    password: 'mail password',
    from: 'recorder@example.com',
    to: ['ops@example.com'],
    events: ['recording.dead-air'],
  });
}, 120_000);

afterAll(async () => {
  await core?.stop();
  await Promise.allSettled([ice?.stop(), sshd?.dispose(), receiver?.stop(), smtp?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('dead air on a live Icecast mount (real Icecast, ffmpeg, OpenSSH, webhook and SMTP receivers)', () => {
  it('a mount silent for 70 s inside a 2-minute window: deadAir, one silence of 70 ± 2 s at its moment ± 2 s, delivered, alert received', async () => {
    const stream = (await core.invoke('streams.create', {
      name: 'Quiet Show',
      streamUrl: ice.url('/quiet.mp3'),
      artist: 'Radio X',
      album: 'Mornings',
      albumArtist: 'Radio X',
      destinationId: 'sftp',
      silenceThresholdDb: -50,
      deadAirSeconds: 60,
    })) as StreamDto;
    // a scheduled run keeps its wall-clock window (a manual one counts N seconds of audio from
    // when the audio begins): the run of a paused schedule, started as the scheduler starts it
    const schedule = (await core.invoke('schedules.create', {
      streamId: stream.id,
      cronExpression: '0 6 1 1 *',
      durationMinutes: 2,
      isActive: false,
    })) as { id: string };
    // the feeder's clock starts with it (-re): silence from window start + 25 s, for 70 s
    const feederStart = Date.now();
    const windowStart = feederStart + LEAD_MS;
    const from = LEAD_MS / 1000 + SILENCE_AT;
    await ice.addMount('/quiet.mp3', {
      codec: 'mp3',
      silence: { fromSeconds: from, toSeconds: from + SILENCE_SECONDS },
    });
    const mountUp = Date.now();
    expect(Date.now(), 'the mount came up too late for the planned window').toBeLessThan(
      windowStart - 1000,
    );

    const run = await core.recordNow({
      streamId: stream.id,
      scheduleId: schedule.id,
      windowStart,
      windowEnd: windowStart + WINDOW_SECONDS * 1000,
    });
    const done = await run.done;
    expect(done.errorMessage).toBeNull();
    expect(done.status).toBe('COMPLETED');
    expect(done.gaps, 'a gap would shift the silence in the file').toEqual([]);

    // the silence, placed on the wall clock of the window the session recorded (a busy machine
    // may start it a little late): where the feeder muted its tone
    expect(done.deadAir).toBe(true);
    expect(done.silences).toHaveLength(1);
    const [silence] = done.silences;
    // the feeder's second 0 lies between its spawn and the mount carrying audio (a busy machine
    // takes seconds to start ffmpeg, and -re never catches up): the silence began `from` later
    const silentAt = Date.parse(silence!.at);
    const earliest = feederStart + from * 1000;
    const latest = mountUp + from * 1000;
    expect(
      silentAt >= earliest - 2000 && silentAt <= latest + 2000,
      `silence at ${silence!.at}: ${(silentAt - earliest) / 1000} s after the feeder's spawn + ${from} s, ` +
        `the feeder up after ${(mountUp - feederStart) / 1000} s (window ${done.startTime})`,
    ).toBe(true);
    expect(
      Math.abs(silence!.seconds - SILENCE_SECONDS),
      `silence of ${silence!.seconds} s`,
    ).toBeLessThanOrEqual(2);

    // nothing is lost: the file is delivered as usual
    const delivered = await sessionSettled(
      core.sessions,
      done.id,
      'transferStatus',
      'the transfer to settle',
      120_000,
    );
    expect(delivered.errorMessage).toBeNull();
    expect(delivered.transferStatus).toBe('COMPLETED');
    expect(delivered).toMatchObject({ status: 'COMPLETED', deadAir: true });
    expect(statSync(sshd.localPathOf(delivered.remotePath!)).size).toBe(delivered.fileSizeBytes);

    // the alert, signed, at the real receiver: how much of the window was silent
    const hook = await waitUntil(
      'the dead-air alert at the webhook',
      async () =>
        receiver.verified.find((r) => (r.json as AlertPayload).event === 'recording.dead-air'),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const alert = hook.json as AlertPayload;
    expect(alert).toMatchObject({
      event: 'recording.dead-air',
      stream: { id: stream.id, name: 'Quiet Show' },
      session: { id: done.id, deadAir: true, silences: done.silences },
    });
    expect(alert.message).toMatch(
      /^Quiet Show, (today|yesterday) \d\d:\d\d–\d\d:\d\d: 1 min of silence \((5[6-9]|60) % of the window\) at \d\d:\d\d\. The recording is kept and delivered as usual; check the station\.$/,
    );
    expect(
      receiver.received.filter((r) => (r.json as AlertPayload).event === 'recording.dead-air'),
    ).toHaveLength(1);
    // and the same alert by mail, through a real SMTP server (with a login)
    const mail = await waitUntil('the dead-air alert by mail', () => smtp.messages[0], {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    expect(mail).toMatchObject({ envelopeTo: ['ops@example.com'], user: 'recorder' });
    expect(mail.subject).toBe('Dead air: Quiet Show');
    expect(mail.text).toContain(alert.message);
    expect(mail.text).toContain('Event: recording.dead-air');
    expect(smtp.messages).toHaveLength(1);
  }, 400_000);
});
