import { buildAlert } from '../../contract/alerts';
import {
  preflightFailed,
  type DestinationFinding,
  type PreflightFindings,
  type StreamUrlFinding,
} from '../../contract/preflight';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
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
  details: string[];
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function probeUrl(
  ports: PreflightPorts,
  url: string,
  label: string,
  details: string[],
): Promise<StreamUrlFinding> {
  try {
    const probe = await ports.probe(url);
    if (!probe.ok) details.push(`${label}: ${probe.error ?? 'no answer'}`);
    return streamUrlFinding({ probe });
  } catch (thrown) {
    details.push(`${label}: ${errorText(thrown)}`);
    return streamUrlFinding({ thrown });
  }
}

async function testDestination(
  ports: PreflightPorts,
  destination: NonNullable<PreflightTarget['destination']>,
  details: string[],
): Promise<DestinationFinding> {
  const where = `${destination.host}:${destination.port}`;
  try {
    const result = await ports.testDestination(destination.id);
    if (!result.ok) details.push(`destination: ${result.error ?? result.code ?? 'failed'}`);
    return destinationFinding(where, { result });
  } catch (thrown) {
    details.push(`destination: ${errorText(thrown)}`);
    return destinationFinding(where, { thrown });
  }
}

/** Probes every URL of the stream and tests its destination, all at once. */
async function inspect(ports: PreflightPorts, target: PreflightTarget): Promise<Outcome> {
  const details: string[] = [];
  const urls = [target.stream.streamUrl, ...target.stream.fallbackUrls];
  const [found, destination] = await Promise.all([
    Promise.all(
      urls.map((url, i) => probeUrl(ports, url, i === 0 ? 'stream URL' : `fallback ${i}`, details)),
    ),
    target.destination ? testDestination(ports, target.destination, details) : null,
  ]);
  return { findings: { urls: found, destination }, details };
}

/**
 * Checks one run: probes the stream's URL and fallbacks and tests its destination; a failure is
 * one `preflight.failed` alert, success a log line. Never rejects: what goes wrong is logged.
 */
export async function checkRun(check: PlannedCheck, deps: RunCheckDeps): Promise<void> {
  const { ports, clock, logger } = deps;
  const { spec, run } = check;
  const runAt = new Date(run.scheduledAt).toISOString();
  const what = `the run of schedule ${spec.id} at ${runAt}`;
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
    logger.warn(`Pre-flight: the stream ${spec.streamId} of ${what} no longer exists.`);
    return;
  }
  const { findings, details } = await inspect(ports, target);
  const name = target.stream.name;
  if (!deps.stillPlanned(check)) {
    logger.info(`Pre-flight: ${what} (${name}) is no longer planned; its check is dropped.`);
    return;
  }
  if (!preflightFailed(findings)) {
    const urls = findings.urls.length > 1 ? `all ${findings.urls.length} URLs answer` : 'answers';
    const dest = findings.destination ? `; destination ${findings.destination.where} works` : '';
    logger.info(`Pre-flight check of ${name} for ${what}: the stream ${urls}${dest}.`);
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
      runAt,
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
