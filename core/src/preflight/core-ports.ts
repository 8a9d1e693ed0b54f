// The pre-flight ports over the core's own pieces: the schedules and streams of the database,
// the "Test stream" probe, the destination test, and the alert delivery.
import { AppError } from '../../contract';
import type { Repositories } from '../db/repositories';
import type { ProcessRunner } from '../ffmpeg/process';
import { toSftpDestination } from '../pipeline/destination-key';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { ScheduleCatalog } from '../scheduler/schedule-catalog';
import { createSftpClientFactory, type SftpClientFactory } from '../transfer/sftp-client';
import {
  destinationTestPort,
  streamProbePort,
  type PreflightPorts,
  type PreflightTarget,
} from './ports';
import { startPreflight, type PreflightWiring, type PreflightWiringDeps } from './wiring';

export interface CorePreflightPortsDeps {
  repos: Pick<Repositories, 'streams' | 'destinations'>;
  /** The active schedules as the scheduler last read them (one reading for both). */
  schedules: Pick<ScheduleCatalog, 'current'>;
  runner: ProcessRunner;
  ffprobePath: string;
  /** Where uploaded keys live (CONFIG_DIR): the destination test reads the key as the uploader. */
  configDir: string;
  /** The app's time zone (alerts tell start times in it). */
  timeZone: string;
  notify: PreflightPorts['notify'];
  clock: Clock;
  logger: Logger;
  /** The SSH client of the destination test (default: ssh2-sftp-client's). */
  clientFactory?: SftpClientFactory;
}

/** The stream of `streamId` with where it delivers, as stored now; null when it is gone. */
async function targetOf(
  repos: CorePreflightPortsDeps['repos'],
  streamId: string,
): Promise<PreflightTarget | null> {
  const stream = await repos.streams.get(streamId);
  if (!stream) return null;
  const destination = stream.destinationId
    ? await repos.destinations.get(stream.destinationId)
    : null;
  return {
    stream: {
      id: stream.id,
      name: stream.name,
      streamUrl: stream.streamUrl,
      fallbackUrls: stream.fallbackUrls,
    },
    destination: destination
      ? { id: destination.id, host: destination.host, port: destination.port }
      : null,
  };
}

/** The ports PreflightChecks uses in the running app. */
export function corePreflightPorts(deps: CorePreflightPortsDeps): PreflightPorts {
  const { repos, logger, clock } = deps;
  return {
    schedules: () => deps.schedules.current(),
    target: (streamId) => targetOf(repos, streamId),
    probe: streamProbePort({ runner: deps.runner, ffprobePath: deps.ffprobePath }),
    testDestination: destinationTestPort({
      load: async (id) => {
        const record = await repos.destinations.get(id);
        if (!record) {
          throw new AppError('NOT_FOUND', 'The stream’s destination no longer exists.');
        }
        return toSftpDestination(record, deps.configDir);
      },
      clientFactory: deps.clientFactory ?? createSftpClientFactory(logger),
      logger,
      clock,
    }),
    notify: deps.notify,
  };
}

/** Pre-flight over the core's pieces, started (see startPreflight). */
export function startCorePreflight(
  deps: CorePreflightPortsDeps & Pick<PreflightWiringDeps, 'events' | 'runtime'>,
): Promise<PreflightWiring> {
  const { events, runtime, clock, logger, timeZone } = deps;
  return startPreflight({
    ports: corePreflightPorts(deps),
    events,
    runtime,
    clock,
    logger,
    timeZone,
  });
}
