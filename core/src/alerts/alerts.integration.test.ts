// Alerts sent through each sender to a real receiver on loopback: a webhook receiver that checks
// the HMAC itself, an ntfy-style server that checks ntfy's publish API, and an SMTP server
// (smtp-server) over plain SMTP, STARTTLS and TLS; then the delivery engine against receivers
// that are down for a while, and across a restart.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAlert, type AlertPayload } from '../../contract/alerts';
import { sessionDto } from '../../contract/testing/session-fixtures';
import { systemClock } from '../ports/clock';
import { memoryLogger } from '../ports/logger';
import {
  NtfyReceiver,
  selfSignedCertificate,
  SmtpReceiver,
  WebhookReceiver,
} from '../../test-support/alert-receivers';
import { sleep, waitUntil } from '../../test-support/wait';
import { AlertDelivery } from './delivery';
import { MemoryAlertOutbox } from './outbox';
import { createAlertSender } from './send';
import type { AlertChannel } from './types';

const SECRET = 'whsec-0123456789abcdef';
const TOKEN = 'tk_abcdefghijklmnopqrstuvwxyz012';

const session = sessionDto({
  id: 'sess-42',
  scheduleId: 'sched-1',
  status: 'FAILED',
  transferStatus: 'SKIPPED',
  endTime: '2026-11-24T06:10:00.000Z',
  attempts: 1,
  errorMessage: 'The stream answered 404 on every URL',
  stopReason: 'source-failed',
});

/** A failure alert about a stream whose name is not ASCII (headers and subjects must cope). */
function failureAlert(): AlertPayload {
  return buildAlert({
    event: 'recording.failed',
    at: Date.parse('2026-11-24T06:10:00.000Z'),
    timeZone: 'Europe/Berlin',
    publicUrl: 'https://recorder.example.com',
    session,
    stream: { id: 'stream-1', name: 'Frühstücksradio ☕' },
  });
}

const base = { enabled: true, events: ['recording.failed'] as const };
const send = createAlertSender({ timeoutMs: 20_000 });

let cert: { key: string; cert: string };
beforeAll(async () => {
  cert = await selfSignedCertificate();
});

const receivers: { stop(): Promise<void> }[] = [];
async function started<T extends { stop(): Promise<void> }>(receiver: Promise<T>): Promise<T> {
  const r = await receiver;
  receivers.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});
afterAll(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});

describe('webhook sender', () => {
  /** The channel "Hook" that posts to `receiver`, signing with `secret`. */
  const hook = (receiver: WebhookReceiver, secret = SECRET): AlertChannel => ({
    ...base,
    id: 'w1',
    name: 'Hook',
    kind: 'webhook',
    url: receiver.url,
    secret,
  });

  it('POSTs the payload as JSON, signed: the receiver’s own HMAC matches', async () => {
    const receiver = await started(WebhookReceiver.start(SECRET));
    const payload = failureAlert();
    const channel = hook(receiver);
    await expect(send(channel, payload)).resolves.toEqual({ detail: 'HTTP 204' });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.signatureValid).toBe(true);
    expect(got.path).toBe('/hooks/recorder');
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(got.headers['x-recorder-event']).toBe('recording.failed');
    expect(got.json).toEqual(payload);
    expect(got.json).toMatchObject({
      event: 'recording.failed',
      url: 'https://recorder.example.com/recordings?session=sess-42',
      message: 'Frühstücksradio ☕ (started 07:00) failed: The stream answered 404 on every URL.',
    });
  });

  it('with another secret the receiver refuses it, and the sender says so', async () => {
    const receiver = await started(WebhookReceiver.start(SECRET));
    const channel = hook(receiver, 'another-secret-0123456');
    await expect(send(channel, failureAlert())).rejects.toThrow(
      /^The webhook at 127\.0\.0\.1:\d+ answered HTTP 401: \{"error":"bad signature"\}$/,
    );
    expect(receiver.received[0]?.signatureValid).toBe(false);
  });

  it('a receiver that is not running: a plain-words error', async () => {
    const receiver = await started(WebhookReceiver.start(SECRET));
    await receiver.stop();
    const channel = hook(receiver);
    await expect(send(channel, failureAlert())).rejects.toThrow(
      /^Could not reach The webhook at 127\.0\.0\.1:\d+: the connection was refused/,
    );
  });
});

describe('ntfy sender', () => {
  /** The channel "Phone" that publishes to the topic `recorder-alerts` on `receiver`. */
  const phone = (
    receiver: NtfyReceiver,
    patch: { priority: number | null; token: string | null },
  ): Extract<AlertChannel, { kind: 'ntfy' }> => ({
    ...base,
    id: 'n1',
    name: 'Phone',
    kind: 'ntfy',
    url: `${receiver.baseUrl}/recorder-alerts`,
    ...patch,
  });

  it('publishes to <server>/<topic> with title, priority, tags, click and the token', async () => {
    const receiver = await started(NtfyReceiver.start({ token: TOKEN }));
    const channel = phone(receiver, { priority: null, token: TOKEN });
    const payload = failureAlert();
    await expect(send(channel, payload)).resolves.toEqual({ detail: 'HTTP 200' });
    expect(receiver.rejected).toEqual([]);
    expect(receiver.messages).toEqual([
      {
        topic: 'recorder-alerts',
        message: payload.message,
        title: 'Recording failed: Frühstücksradio ☕',
        priority: 4,
        tags: ['rotating_light', 'recording.failed'],
        click: 'https://recorder.example.com/recordings?session=sess-42',
        authorization: `Bearer ${TOKEN}`,
      },
    ]);
  });

  it('takes the channel’s priority; without the token the server refuses it (401)', async () => {
    const receiver = await started(NtfyReceiver.start({ token: TOKEN }));
    const channel = phone(receiver, { priority: 2, token: null });
    await expect(send(channel, failureAlert())).rejects.toThrow(
      /^ntfy at 127\.0\.0\.1:\d+ answered HTTP 401: .*unauthorized/,
    );
    await send({ ...channel, token: TOKEN }, failureAlert());
    expect(receiver.messages.map((m) => m.priority)).toEqual([2]);
  });
});

describe('e-mail sender', () => {
  const payload = failureAlert();
  const expectMail = (mail: SmtpReceiver['messages'][number] | undefined) => {
    expect(mail?.subject).toBe('Recording failed: Frühstücksradio ☕');
    expect(mail?.text).toContain(payload.message);
    expect(mail?.text).toContain(
      'Open it: https://recorder.example.com/recordings?session=sess-42',
    );
    expect(mail?.text).toContain('Event: recording.failed');
    expect(mail?.headers.get('from')).toBe('recorder@example.com');
    expect(mail?.headers.get('to')).toBe('ops@example.com, oncall@example.com');
    expect(mail?.envelopeTo).toEqual(['ops@example.com', 'oncall@example.com']);
  };
  const mailChannel = (port: number, over: Partial<AlertChannel & { kind: 'email' }>) =>
    ({
      ...base,
      id: 'e1',
      name: 'Mail',
      kind: 'email',
      host: '127.0.0.1',
      port,
      security: 'none',
      username: null,
      password: null,
      from: 'recorder@example.com',
      to: ['ops@example.com', 'oncall@example.com'],
      ...over,
    }) as AlertChannel;

  it('security none, with a login: the server gets the subject and the body', async () => {
    const server = await started(SmtpReceiver.start({ auth: { user: 'rec', pass: 'pw 1' } }));
    const receipt = await send(
      mailChannel(server.port, { username: 'rec', password: 'pw 1' }),
      payload,
    );
    expect(receipt.detail).toMatch(/^250 /);
    expect(server.messages).toHaveLength(1);
    expectMail(server.messages[0]);
    expect(server.messages[0]).toMatchObject({ user: 'rec', secure: false });
  });

  it('STARTTLS: the message comes over TLS', async () => {
    const server = await started(
      SmtpReceiver.start({ auth: { user: 'rec', pass: 'pw' }, tls: cert }),
    );
    const tlsSend = createAlertSender({ smtpTls: { ca: cert.cert } });
    await tlsSend(
      mailChannel(server.port, { security: 'starttls', username: 'rec', password: 'pw' }),
      payload,
    );
    expectMail(server.messages[0]);
    expect(server.messages[0]).toMatchObject({ user: 'rec', secure: true });
  });

  it('TLS from the start', async () => {
    const server = await started(SmtpReceiver.start({ tls: cert, implicitTls: true }));
    const tlsSend = createAlertSender({ smtpTls: { ca: cert.cert } });
    await tlsSend(mailChannel(server.port, { security: 'tls' }), payload);
    expectMail(server.messages[0]);
    expect(server.messages[0]?.secure).toBe(true);
  });

  it('STARTTLS required but not offered, and a wrong password: plain-words errors', async () => {
    const plain = await started(SmtpReceiver.start({ auth: { user: 'rec', pass: 'pw' } }));
    await expect(send(mailChannel(plain.port, { security: 'starttls' }), payload)).rejects.toThrow(
      /does not offer STARTTLS/,
    );
    await expect(
      send(mailChannel(plain.port, { username: 'rec', password: 'wrong' }), payload),
    ).rejects.toThrow(/^the mail server 127\.0\.0\.1:\d+ refused the user name or password/);
    expect(plain.messages).toHaveLength(0);
  });
});

describe('delivery engine with real receivers', () => {
  interface Setup {
    webhook: WebhookReceiver;
    ntfy: NtfyReceiver;
    smtp: SmtpReceiver;
    channels: AlertChannel[];
  }

  async function receiversAndChannels(): Promise<Setup> {
    const webhook = await started(WebhookReceiver.start(SECRET));
    const ntfy = await started(NtfyReceiver.start({ token: TOKEN }));
    const smtp = await started(SmtpReceiver.start());
    const channels: AlertChannel[] = [
      { ...base, id: 'w', name: 'Hook', kind: 'webhook', url: webhook.url, secret: SECRET },
      {
        ...base,
        id: 'n',
        name: 'Phone',
        kind: 'ntfy',
        url: `${ntfy.baseUrl}/recorder`,
        priority: null,
        token: TOKEN,
      },
      {
        ...base,
        id: 'e',
        name: 'Mail',
        kind: 'email',
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        username: null,
        password: null,
        from: 'recorder@example.com',
        to: ['ops@example.com'],
      },
    ];
    return { webhook, ntfy, smtp, channels };
  }

  function engine(outbox: MemoryAlertOutbox, channels: AlertChannel[]) {
    const logger = memoryLogger();
    const delivery = new AlertDelivery({
      outbox,
      channels: async () => channels,
      send: createAlertSender({ timeoutMs: 20_000 }),
      clock: systemClock,
      logger,
      // the shape of the real backoff (doubling, capped), in test time
      backoff: { baseMs: 200, maxMs: 1_000 },
    });
    return { delivery, logger };
  }

  const counts = (s: Setup) => [
    s.webhook.verified.length,
    s.ntfy.messages.length,
    s.smtp.messages.length,
  ];

  async function allDown(s: Setup) {
    await Promise.all([s.webhook.stop(), s.ntfy.stop(), s.smtp.stop()]);
  }
  async function allBack(s: Setup) {
    await Promise.all([s.webhook.restart(), s.ntfy.restart(), s.smtp.restart()]);
  }

  /** Every channel gets `payload`, the outbox empties, and nothing comes twice. */
  async function expectDeliveredOnce(s: Setup, outbox: MemoryAlertOutbox, payload: AlertPayload) {
    await waitUntil('the alert on every channel', () => counts(s).every((n) => n >= 1), {
      timeoutMs: 60_000,
    });
    await waitUntil('an empty outbox', async () => (await outbox.size()) === 0);
    // longer than the longest wait: nothing comes twice
    await sleep(2_500);
    expect(counts(s)).toEqual([1, 1, 1]);
    expect(s.webhook.verified[0]?.json).toEqual(payload);
  }

  it('receivers down: retries with growing waits; back: each channel gets the alert exactly once', async () => {
    const s = await receiversAndChannels();
    await allDown(s);
    const outbox = new MemoryAlertOutbox();
    const { delivery, logger } = engine(outbox, s.channels);
    delivery.start();
    try {
      const payload = failureAlert();
      expect(await delivery.notify(payload)).toBe(3);
      // at least three failed attempts per channel (0.2 s, 0.4 s, 0.8 s apart)
      await waitUntil(
        'three failed attempts per channel',
        () => outbox.all.length === 3 && outbox.all.every((item) => item.attempts >= 3),
        { timeoutMs: 60_000 },
      );
      const failures = logger.entries.filter((e) =>
        /not delivered to channel "Hook"/.test(e.message),
      );
      expect(failures[0]?.message).toMatch(/attempt 1\).*Could not reach The webhook.*refused/);
      expect(failures[1]?.message).toMatch(/attempt 2\)/);
      expect(counts(s)).toEqual([0, 0, 0]);

      await allBack(s);
      await expectDeliveredOnce(s, outbox, payload);
      expect(s.ntfy.messages[0]?.message).toBe(payload.message);
      expect(s.smtp.messages[0]?.subject).toBe('Recording failed: Frühstücksradio ☕');
      expect(s.ntfy.rejected).toEqual([]);
    } finally {
      await delivery.stop();
    }
  });

  it('receivers down, app restarted (a new engine on the persisted outbox), receivers back: exactly once', async () => {
    const s = await receiversAndChannels();
    await allDown(s);
    const outbox = new MemoryAlertOutbox();
    const first = engine(outbox, s.channels);
    first.delivery.start();
    const payload = failureAlert();
    await first.delivery.notify(payload);
    await waitUntil('a failed attempt per channel', () =>
      outbox.all.every((item) => item.attempts >= 1),
    );
    await first.delivery.stop();
    expect(await outbox.size()).toBe(3);

    await allBack(s);
    await sleep(500);
    expect(counts(s)).toEqual([0, 0, 0]); // nothing runs while the app is down

    const second = engine(outbox, s.channels);
    second.delivery.start();
    try {
      await expectDeliveredOnce(s, outbox, payload);
      expect(
        second.logger.entries.filter((e) => /delivered to channel/.test(e.message)),
      ).toHaveLength(3);
    } finally {
      await second.delivery.stop();
    }
  });
});
