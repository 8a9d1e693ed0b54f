import { describe, expect, it } from 'vitest';
import type { RecordingLive } from '../../contract';
import { createEventBus } from '../events/event-bus';
import type { RecordingProgress } from '../recorder/types';
import { LIVE_EVENT_INTERVAL_MS, LiveRecordings, toRecordingLive } from './live-recordings';

const base: RecordingProgress = {
  state: 'connecting',
  url: 'http://radio.example/live',
  parts: 0,
  bytes: 0,
  elapsedSeconds: 0,
  attempt: 1,
};

function setup() {
  let now = Date.parse('2026-12-02T10:00:00.000Z');
  const events = createEventBus();
  const sent: RecordingLive[] = [];
  events.on('recording-progress', (live) => sent.push(live));
  const live = new LiveRecordings(events, { now: () => now, sleep: async () => undefined });
  return { live, sent, advance: (ms: number) => (now += ms) };
}

describe('toRecordingLive', () => {
  it('names the phase and keeps the next attempt time as an instant, not in words', () => {
    const live = toRecordingLive('s1', {
      ...base,
      state: 'waiting',
      attempt: 4,
      nextAttemptAt: Date.parse('2026-12-02T10:00:03.000Z'),
      lastError: 'ffmpeg ended (exit code 1): Connection to tcp://u:pw@radio.example:80 failed',
    });
    expect(live).toEqual({
      sessionId: 's1',
      phase: 'retrying',
      attempt: 4,
      nextAttemptAt: '2026-12-02T10:00:03.000Z',
      bytes: 0,
      bitRateKbps: null,
      problem: expect.not.stringContaining('pw') as string,
    });
  });

  it('gives the bit rate only while receiving', () => {
    expect(
      toRecordingLive('s1', { ...base, state: 'recording', bitRateKbps: 128, bytes: 16000 }),
    ).toMatchObject({ phase: 'receiving', bitRateKbps: 128, bytes: 16000, nextAttemptAt: null });
    expect(toRecordingLive('s1', { ...base, bitRateKbps: 128 }).bitRateKbps).toBeNull();
  });
});

describe('LiveRecordings', () => {
  it('announces each phase change at once and progress at most once a second', () => {
    const { live, sent, advance } = setup();
    const report = live.reporter('s1');
    report(base);
    report({ ...base, state: 'recording', bytes: 1000, bitRateKbps: 128 });
    advance(500);
    report({ ...base, state: 'recording', bytes: 9000, bitRateKbps: 128 });
    expect(sent.map((l) => l.phase)).toEqual(['connecting', 'receiving']);
    // the held report is what the list answers meanwhile
    expect(live.list()).toMatchObject([{ sessionId: 's1', bytes: 9000 }]);
    advance(LIVE_EVENT_INTERVAL_MS);
    report({ ...base, state: 'recording', bytes: 20000, bitRateKbps: 128 });
    expect(sent.map((l) => l.bytes)).toEqual([0, 1000, 20000]);
  });

  it('forgets a recording that ended', () => {
    const { live } = setup();
    live.reporter('s1')(base);
    live.reporter('s2')(base);
    live.end('s1');
    expect(live.list().map((l) => l.sessionId)).toEqual(['s2']);
  });
});
