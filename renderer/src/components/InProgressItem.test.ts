// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import type { RecordingLive } from '@contract';
import { useSessionsStore } from '../stores/sessions';
import { byTestId, click, maybe, mountInProviders, pageTest } from '../testing/page';
import { completedSession } from '../testing/sessions';
import InProgressItem from './InProgressItem.vue';

const app = pageTest();
/** A recording of 15 s that started 8 s before now (each test's own now: not the file's load). */
function recording() {
  return completedSession('rec-1', {
    status: 'RECORDING',
    transferStatus: 'PENDING',
    endTime: null,
    startTime: new Date(Date.now() - 8000).toISOString(),
    plannedDurationSeconds: 15,
  });
}

function live(patch: Partial<RecordingLive>): RecordingLive {
  return {
    sessionId: 'rec-1',
    phase: 'connecting',
    attempt: 1,
    nextAttemptAt: null,
    bytes: 0,
    bitRateKbps: null,
    problem: null,
    ...patch,
  };
}

async function open(state: RecordingLive | null) {
  const sessions = useSessionsStore(app.pinia);
  const session = recording();
  sessions.apply(session);
  if (state) sessions.applyLive(state);
  app.keep(
    mountInProviders(() => h(InProgressItem, { session, streamName: 'Jazz Night' }), [app.pinia]),
  );
  await flushPromises();
  return sessions;
}

const text = () => document.body.textContent ?? '';

describe('the dashboard item of a recording in progress', () => {
  it('says Connecting, with no progress bar, while no audio arrives', async () => {
    await open(null);
    expect(byTestId('recording-phase').dataset.phase).toBe('connecting');
    expect(text()).toContain('Connecting');
    expect(maybe('window-progress')).toBeNull();
    expect(maybe('elapsed')).toBeNull();
    expect(text()).not.toContain('of 0:15');
  });

  it('says Retrying with the attempt and when the next one starts, in plain words', async () => {
    await open(
      live({
        phase: 'retrying',
        attempt: 4,
        nextAttemptAt: new Date(Date.now() + 3000).toISOString(),
        problem:
          'ffmpeg ended (exit code 1): [tcp @ 0x55aa] Connection to tcp://127.0.0.1:18890 failed: Connection refused',
      }),
    );
    expect(byTestId('recording-phase').textContent).toMatch(
      /Retrying\s*\(attempt 4, next in [23] s\)/,
    );
    expect(maybe('window-progress')).toBeNull();
    expect(byTestId('phase-problem').textContent).toContain(
      'Could not connect to 127.0.0.1:18890: connection refused.',
    );
    expect(byTestId('phase-problem').textContent).not.toContain('0x55aa');
    expect(maybe('message-details')).toBeNull();
    await click('message-details-toggle');
    expect(byTestId('message-details').textContent).toContain('[tcp @ 0x55aa]');
    expect(text()).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('keeps the last problem, with its details open, while the next attempt connects', async () => {
    const refused =
      'ffmpeg ended (exit code 1): [tcp @ 0x55aa] Connection to tcp://127.0.0.1:18890 failed: Connection refused';
    const sessions = await open(
      live({
        phase: 'retrying',
        attempt: 2,
        nextAttemptAt: new Date().toISOString(),
        problem: refused,
      }),
    );
    await click('message-details-toggle');
    sessions.applyLive(live({ phase: 'connecting', attempt: 2, problem: refused }));
    await flushPromises();
    expect(byTestId('recording-phase').dataset.phase).toBe('connecting');
    expect(byTestId('message-details').textContent).toContain('[tcp @ 0x55aa]');
    sessions.applyLive(live({ phase: 'receiving', attempt: 2, bytes: 1000, problem: refused }));
    await flushPromises();
    expect(maybe('phase-problem')).toBeNull();
  });

  it('shows the window’s progress with bytes and bit rate once audio arrives', async () => {
    await open(live({ phase: 'receiving', bytes: 128_000, bitRateKbps: 128 }));
    expect(byTestId('recording-phase').textContent).toMatch(/Receiving\s*\(128 KB, 128 kb\/s\)/);
    expect(maybe('window-progress')).not.toBeNull();
    expect(byTestId('elapsed').textContent).toMatch(/0:0[89] of 0:15/);
  });

  it('follows the recording-progress events, and forgets them once the recording ended', async () => {
    const sessions = await open(null);
    const unfollow = sessions.follow();
    app.client.emit('recording-progress', live({ phase: 'receiving', bytes: 1000 }));
    await flushPromises();
    expect(byTestId('recording-phase').dataset.phase).toBe('receiving');
    app.client.emit('session', { ...recording(), status: 'PROCESSING' });
    app.client.emit('recording-progress', live({ phase: 'retrying' }));
    await flushPromises();
    expect(sessions.live['rec-1']).toBeUndefined();
    unfollow();
  });
});
