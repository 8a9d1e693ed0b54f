import { describe, expect, it, vi } from 'vitest';
import { NOTIFICATION_SETTING_DEFAULTS } from '../../core/contract/operations/settings';
import type { SessionDto } from '../../core/contract/session';
import {
  deliveredMorningShow,
  recordedMorningShow,
} from '../../core/contract/testing/session-fixtures';
import { FakeNotification, sessionDto } from '../testing/fakes';
import { createSessionDescriber, notificationBody, Notifier, type NotifierDeps } from './notifier';
import { ProblemTracker } from './problems';

const allOn = {
  notifyRecordingStarted: true,
  notifyRecordingCompleted: true,
  notifyRecordingFailed: true,
  notifyTransferFailed: true,
};

function setup(patch: Partial<NotifierDeps> = {}) {
  const shown: FakeNotification[] = [];
  const clicked: string[] = [];
  let settings = { ...allOn };
  const notifier = new Notifier({
    isSupported: () => true,
    create: (options) => {
      const n = new FakeNotification(options);
      shown.push(n);
      return n;
    },
    settings: () => settings,
    describe: async () => ({ streamName: 'Morning Show', destination: { name: 'Archive' } }),
    onClick: (id) => clicked.push(id),
    platform: 'darwin',
    ...patch,
  });
  return {
    notifier,
    shown,
    clicked,
    set: (s: Partial<typeof allOn>) => {
      settings = { ...settings, ...s };
    },
  };
}

const recording = sessionDto({ status: 'RECORDING' });
const processing = sessionDto({ status: 'PROCESSING' });
const recorded = sessionDto(recordedMorningShow());
const transferring = { ...recorded, transferStatus: 'IN_PROGRESS' as const };
const delivered = sessionDto(deliveredMorningShow());

async function feed(notifier: Notifier, sessions: SessionDto[]) {
  const out = [];
  for (const s of sessions) out.push(await notifier.handle(s));
  return out.map((n) => n?.kind ?? null);
}

describe('Notifier', () => {
  it('a whole recording: started (when switched on), then completed once delivered', async () => {
    const { notifier, shown } = setup();
    expect(
      await feed(notifier, [
        sessionDto(),
        recording,
        processing,
        recorded,
        transferring,
        delivered,
        delivered,
      ]),
    ).toEqual([null, 'started', null, null, null, 'completed', null]);
    expect(shown.map((n) => [n.options.title, n.options.body])).toEqual([
      ['Recording Morning Show', 'Started, for 1 h.'],
      [
        'Recorded Morning Show',
        '2026-11-24 Morning Show: delivered to Archive, /srv/radio/2026-11-24 Morning Show.mp3.',
      ],
    ]);
    expect(shown.every((n) => n.shown)).toBe(true);
  });

  it('failed recording, and transfer failed after its retries (not at each retry)', async () => {
    const { notifier, shown } = setup();
    const retrying = { ...recorded, transferStatus: 'PENDING' as const, attempts: 1 };
    const gaveUp = {
      ...recorded,
      transferStatus: 'FAILED' as const,
      attempts: 5,
      errorMessage: 'Transfer failed: SSH_UNREACHABLE.',
    };
    expect(await feed(notifier, [transferring, retrying, transferring, gaveUp])).toEqual([
      null,
      null,
      null,
      'transfer-failed',
    ]);
    const failed = sessionDto({ id: 'sess-2', status: 'FAILED', errorMessage: 'Stream gone' });
    expect(
      await feed(notifier, [sessionDto({ id: 'sess-2', status: 'RECORDING' }), failed]),
    ).toEqual(['started', 'failed']);
    expect(shown.map((n) => n.options.title)).toEqual([
      'Delivery failed: Morning Show',
      'Recording Morning Show',
      'Recording failed: Morning Show',
    ]);
  });

  it('each kind follows its setting; the defaults do not announce a start', async () => {
    const { notifier, shown } = setup({ settings: () => NOTIFICATION_SETTING_DEFAULTS });
    expect(await feed(notifier, [sessionDto(), recording])).toEqual([null, null]);
    expect(shown).toEqual([]);

    const other = setup();
    other.set({ notifyRecordingCompleted: false });
    expect(await feed(other.notifier, [transferring, delivered])).toEqual([null, null]);
    other.set({ notifyRecordingFailed: false });
    expect(await other.notifier.handle(sessionDto({ id: 'x', status: 'FAILED' }))).toBeNull();
    other.set({ notifyTransferFailed: false });
    expect(
      await other.notifier.handle({ ...recorded, id: 'y', transferStatus: 'FAILED' }),
    ).toBeNull();
    expect(other.shown).toEqual([]);
  });

  it('a click opens that recording', async () => {
    const { notifier, shown, clicked } = setup();
    await feed(notifier, [transferring, delivered]);
    expect(notifier.openCount).toBe(1);
    shown[0]?.emit('click');
    expect(clicked).toEqual(['sess-1']);
    expect(notifier.openCount).toBe(0);
  });

  it('alerts no session change tells (dead air, a failed check, a low disk) are shown; a click opens the app', () => {
    const opened: string[] = [];
    const { notifier, shown, clicked, set } = setup({ onOpenApp: () => opened.push('app') });
    const check = {
      event: 'preflight.failed' as const,
      at: '2026-11-24T06:50:00.000Z',
      message: 'Morning Show starts at 07:00: the stream answers 404.',
      stream: { id: 'st-1', name: 'Morning Show' },
    };
    expect(notifier.handleAlert(check)).toMatchObject({
      kind: 'preflight-failed',
      title: 'Check before recording failed: Morning Show',
      body: check.message,
      sessionId: null,
    });
    shown[0]?.emit('click');
    expect(opened).toEqual(['app']);
    expect(clicked).toEqual([]);
    // a failed recording is told by its session's change, not a second time by its alert
    expect(notifier.handleAlert({ ...check, event: 'recording.failed' })).toBeNull();
    set({ notifyRecordingFailed: false });
    expect(notifier.handleAlert({ ...check, event: 'disk.low' })).toBeNull();
    expect(shown).toHaveLength(1);
  });

  it('on Linux the body is escaped (servers with body-markup read it as markup); failures are critical', async () => {
    const { notifier, shown } = setup({
      platform: 'linux',
      describe: async () => ({ streamName: 'Rock <&> Roll', destination: null }),
    });
    await notifier.handle(
      sessionDto({ status: 'FAILED', errorMessage: 'bad <b>tag</b> & "quote"' }),
    );
    expect(shown[0]?.options).toMatchObject({
      title: 'Recording failed: Rock <&> Roll',
      body: 'bad &lt;b&gt;tag&lt;/b&gt; &amp; "quote"',
      urgency: 'critical',
    });
    expect(notificationBody('a<b', 'win32')).toBe('a<b');
  });

  it('shows nothing where notifications are not supported, and survives a failed lookup', async () => {
    const unsupported = setup({ isSupported: () => false });
    expect(await unsupported.notifier.handle(recording)).toBeNull();
    expect(unsupported.shown).toEqual([]);

    const log = vi.fn();
    const lookupFails = setup({
      describe: async () => {
        throw new Error('database closed');
      },
      log,
    });
    expect((await lookupFails.notifier.handle(recording))?.title).toBe('Recording A stream');
    expect(log).toHaveBeenCalledOnce();
  });

  it('compares with the version seen before the lookup, so quick events are not announced twice', async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => {
      release = r;
    });
    const { notifier, shown } = setup({
      describe: async () => {
        await slow;
        return { streamName: 'S', destination: null };
      },
    });
    const first = notifier.handle(recording);
    const second = notifier.handle({ ...recording, attempts: 1 });
    release();
    expect([(await first)?.kind, await second]).toEqual(['started', null]);
    expect(shown).toHaveLength(1);
  });
});

describe('createSessionDescriber', () => {
  it('names the stream and its destination, asking once a minute per stream', async () => {
    let now = 0;
    const invoke = vi.fn(async (name: string) =>
      name === 'streams.get' ? { name: 'Morning Show', destinationId: 'd1' } : { name: 'Archive' },
    );
    const describe = createSessionDescriber(invoke, () => now);
    expect(await describe(recording)).toEqual({
      streamName: 'Morning Show',
      destination: { name: 'Archive' },
    });
    await describe(recording);
    expect(invoke).toHaveBeenCalledTimes(2);
    now = 61_000;
    await describe(recording);
    expect(invoke).toHaveBeenCalledTimes(4);
    expect(invoke.mock.calls[0]).toEqual(['streams.get', { id: 'stream-1' }]);
    expect(invoke.mock.calls[1]).toEqual(['destinations.get', { id: 'd1' }]);
  });

  it('says less when the stream is gone', async () => {
    const describe = createSessionDescriber(async () => {
      throw new Error('NOT_FOUND');
    });
    expect(await describe(recording)).toEqual({ streamName: null, destination: null });
  });
});

describe('ProblemTracker', () => {
  it('collects failures until the window is opened; a late delivery clears its problem', async () => {
    const changes = vi.fn();
    const problems = new ProblemTracker(changes);
    problems.observe(recording, 'Morning Show');
    problems.observe({ ...recording, status: 'FAILED', errorMessage: 'x' }, 'Morning Show');
    // the name may come from a lookup that ends later
    problems.observe({ ...recorded, id: 'b', transferStatus: 'FAILED' }, Promise.resolve('Jazz'));
    problems.observe(
      sessionDto({ id: 'c', status: 'FAILED', errorMessage: 'Missed: the app was off.' }),
      Promise.reject(new Error('stream deleted')),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(problems.list()).toEqual([
      { sessionId: 'c', text: 'Missed: a stream' },
      { sessionId: 'b', text: 'Delivery failed: Jazz' },
      { sessionId: 'sess-1', text: 'Failed: Morning Show' },
    ]);
    problems.observe({ ...delivered, id: 'b' }, 'Jazz');
    await new Promise((r) => setTimeout(r, 0));
    expect(problems.list().map((p) => p.sessionId)).toEqual(['c', 'sess-1']);
    problems.acknowledge();
    expect(problems.list()).toEqual([]);
    expect(changes).toHaveBeenCalledTimes(5);
  });
});
