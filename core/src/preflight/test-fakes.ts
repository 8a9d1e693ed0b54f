/**
 * Test-only: fake pre-flight ports (schedules, streams, probe, destination test, alerts) whose
 * answers a test sets, and which record every call.
 */
import type { AlertPayload } from '../../contract/alerts';
import type { StreamProbe } from '../recorder/probe-stream';
import { scheduleSpec as schedulerSpec } from '../scheduler/schedule-fixtures';
import type { ScheduleSpec } from '../scheduler/schedule-spec';
import type { DestinationTestResult } from '../transfer/test-connection';
import type { PreflightPorts, PreflightTarget } from './ports';

/** The scheduler's spec fixture as pre-flight tests use it: `sched-1`, daily 07:00 in Berlin. */
export function scheduleSpec(over: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return schedulerSpec({
    id: 'sched-1',
    cronExpression: '0 7 * * *',
    timeZone: 'Europe/Berlin',
    padBeforeSeconds: 30,
    padAfterSeconds: 30,
    maxRetries: 2,
    ...over,
  });
}

export const OK_PROBE: StreamProbe = {
  ok: true,
  codec: 'mp3',
  bitrateKbps: 128,
  sampleRate: 44100,
  channels: 2,
};

export function failedProbe(error: string): StreamProbe {
  return { ok: false, codec: null, bitrateKbps: null, sampleRate: null, channels: null, error };
}

export interface FakePorts extends PreflightPorts {
  specs: ScheduleSpec[];
  targets: Map<string, PreflightTarget>;
  /** The probe's answer per URL (default OK_PROBE); a function may wait or throw. */
  probes: Map<string, StreamProbe | (() => Promise<StreamProbe>)>;
  destinationResult: DestinationTestResult | (() => Promise<DestinationTestResult>);
  probed: string[];
  tested: string[];
  alerts: AlertPayload[];
}

export function fakePorts(): FakePorts {
  const fake: FakePorts = {
    specs: [scheduleSpec()],
    targets: new Map([
      [
        'stream-1',
        {
          stream: {
            id: 'stream-1',
            name: 'Morning Show',
            streamUrl: 'http://radio.example/live.mp3',
            fallbackUrls: ['http://backup.example/live.mp3'],
          },
          destination: { id: 'dest-1', host: 'sftp.example', port: 22 },
        },
      ],
    ]),
    probes: new Map(),
    destinationResult: { ok: true, hostKeyFingerprint: 'SHA256:x' },
    probed: [],
    tested: [],
    alerts: [],
    schedules: async () => fake.specs.map((s) => ({ ...s })),
    target: async (streamId) => fake.targets.get(streamId) ?? null,
    probe: async (url) => {
      fake.probed.push(url);
      const answer = fake.probes.get(url) ?? OK_PROBE;
      return typeof answer === 'function' ? answer() : answer;
    },
    testDestination: async (id) => {
      fake.tested.push(id);
      const answer = fake.destinationResult;
      return typeof answer === 'function' ? answer() : answer;
    },
    notify: async (payload) => {
      fake.alerts.push(payload);
      return 1;
    },
  };
  return fake;
}
