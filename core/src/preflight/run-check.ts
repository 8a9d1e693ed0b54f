import { buildAlert } from '../../contract/alerts';
import {
  preflightFailed,
  type DestinationFinding,
  type PreflightFindings,
  type StreamUrlFinding,
} from '../../contract/preflight';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { describeRunTime } from '../scheduler/missed-runs';
import { scheduleWords } from '../scheduler/schedule-spec';
import { destinationFinding, streamUrlFinding } from './findings';
import type { PlannedCheck } from './plan';
import type { PreflightPorts, PreflightTarget } from './ports';

export interface RunCheckDeps {
  ports: PreflightPorts;
  clock: Clock;
  logger: Logger;
  /** The app's time zone: the alert tells the start time in it. */
  timeZone: string;
  /** False when the run is no longer planned (schedule paused, moved or deleted; stopped). */
  stillPlanned(check: PlannedCheck): boolean;
}

/** What a check found, with the probes' and the test's own words for the log. */
interface Outcome {
  findings: PreflightFindings;
  /** One entry per failed part, in order: the stream URL, the fallbacks, the destination. */
  details: string[];
}

interface Checked<T> {
  finding: T;
  /** What the probe or the test said went wrong (for the log), or undefined. */
  detail?: string;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function probeUrl(ports: PreflightPorts, url: string): Promise<Checked<StreamUrlFinding>> {
  try {
    const probe = await ports.probe(url);
    return {
      finding: streamUrlFinding({ probe }),
      ...(probe.ok ? {} : { detail: probe.error ?? 'no answer' }),
    };
  } catch (thrown) {
    return { finding: streamUrlFinding({ thrown }), detail: errorText(thrown) };
  }
}

async function testDestination(
  ports: PreflightPorts,
  destination: NonNullable<PreflightTarget['destination']>,
): Promise<Checked<DestinationFinding>> {
  const where = `${destination.host}:${destination.port}`;
  try {
    const result = await ports.testDestination(destination.id);
    return {
      finding: destinationFinding(where, { result }),
      ...(result.ok ? {} : { detail: result.error ?? result.code ?? 'failed' }),
    };
  } catch (thrown) {
    return { finding: destinationFinding(where, { thrown }), detail: errorText(thrown) };
  }
}

/** Probes every URL of the stream and tests its destination, all at once. */
async function inspect(ports: PreflightPorts, target: PreflightTarget): Promise<Outcome> {
  const urls = [target.stream.streamUrl, ...target.stream.fallbackUrls];
  const [probed, tested] = await Promise.all([
    Promise.all(urls.map((url) => probeUrl(ports, url))),
    target.destination ? testDestination(ports, target.destination) : null,
  ]);
  const details: string[] = [];
  const note = (label: string, detail: string | undefined) => {
    if (detail) details.push(`${label}: ${detail.trim().replace(/\.$/, '')}`);
  };
  probed.forEach((p, i) => note(i === 0 ? 'stream URL' : `fallback ${i}`, p.detail));
  note('destination', tested?.detail);
  return {
    findings: { urls: probed.map((p) => p.finding), destination: tested?.finding ?? null },
    details,
  };
}

/**
 * Checks one run: probes the stream's URL and fallbacks and tests its destination; a failure is
 * one `preflight.failed` alert, success a log line. Never rejects: what goes wrong is logged.
 */
export async function checkRun(check: PlannedCheck, deps: RunCheckDeps): Promise<void> {
  const { ports, clock, logger } = deps;
  const { spec, run } = check;
  const what = `the run of ${scheduleWords(spec)} at ${describeRunTime(spec, run.scheduledAt)}`;
  if (clock.now() >= run.windowStart) {
    logger.info(`Pre-flight: ${what} started before its check could be made; not checked.`);
    return;
  }
  let target: PreflightTarget | null;
  try {
    target = await ports.target(spec.streamId);
  } catch (error) {
    logger.error(`Pre-flight: the stream of ${what} could not be read: ${errorText(error)}`);
    return;
  }
  if (!target) {
    logger.warn(`Pre-flight: the stream of ${what} no longer exists.`);
    return;
  }
  const { findings, details } = await inspect(ports, target);
  const name = target.stream.name;
  if (!deps.stillPlanned(check)) {
    logger.info(`Pre-flight: ${what} (${name}) is no longer planned; its check is dropped.`);
    return;
  }
  if (!preflightFailed(findings)) {
    const fallbacks = findings.urls.length - 1;
    const urls =
      fallbacks === 0
        ? 'the stream answers'
        : `the stream and its ${fallbacks === 1 ? 'fallback' : `${fallbacks} fallbacks`} answer`;
    const dest = findings.destination
      ? `; the destination ${findings.destination.where} is writable`
      : '';
    logger.info(`Pre-flight check of ${name} for ${what}: ${urls}${dest}.`);
    return;
  }
  const payload = buildAlert({
    event: 'preflight.failed',
    at: clock.now(),
    timeZone: deps.timeZone,
    stream: { id: target.stream.id, name },
    schedule: {
      id: spec.id,
      cronExpression: spec.cronExpression,
      timezone: spec.timeZone,
      runAt: new Date(run.scheduledAt).toISOString(),
    },
    preflight: findings,
  });
  logger.warn(`Pre-flight check failed: ${payload.message} (${details.join('; ')})`);
  try {
    await ports.notify(payload);
  } catch (error) {
    logger.error(`Pre-flight: the alert for ${what} could not be queued: ${errorText(error)}`);
  }
}
