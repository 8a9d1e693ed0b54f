import { isAppError } from '../../contract';
import type { AlertPayload } from '../../contract/alerts';
import type { ProcessRunner } from '../ffmpeg/process';
import { probeStream, type StreamProbe } from '../recorder/probe-stream';
import type { ScheduleSpec } from '../scheduler/schedule-spec';
import type { SftpDestination } from '../transfer/connection';
import {
  testDestination,
  type DestinationTestResult,
  type TestDestinationDeps,
} from '../transfer/test-connection';

/** The stream a schedule records and where it delivers, as they are when the check is made. */
export interface PreflightTarget {
  stream: { id: string; name: string; streamUrl: string; fallbackUrls: readonly string[] };
  /** Null: the stream keeps its recordings on the recorder (nothing to test). */
  destination: { id: string; host: string; port: number } | null;
}

/** What the pre-flight engine needs from the rest of the core. */
export interface PreflightPorts {
  /** The active schedules (as the scheduler last read them: ScheduleCatalog.current). */
  schedules(): Promise<readonly ScheduleSpec[]>;
  /** The stream `streamId` with its destination, or null when it no longer exists. */
  target(streamId: string): Promise<PreflightTarget | null>;
  /** The "Test stream" probe of one URL (streamProbePort). */
  probe(url: string): Promise<StreamProbe>;
  /** The destination test: connect, host key, remote folder writable (destinationTestPort). */
  testDestination(destinationId: string): Promise<DestinationTestResult>;
  /** Sends an alert to the channels that picked its event (AlertDelivery.notify). */
  notify(payload: AlertPayload): Promise<unknown>;
}

/** `probe` over the stream probe behind `POST /api/streams/probe`. */
export function streamProbePort(deps: {
  runner: ProcessRunner;
  ffprobePath: string;
}): PreflightPorts['probe'] {
  return (url) => probeStream(url, { runner: deps.runner, ffprobePath: deps.ffprobePath });
}

export interface DestinationTestPortDeps extends TestDestinationDeps {
  /**
   * The destination as the uploader uses it, key read (the pipeline's toSftpDestination over the
   * stored record); an AppError (no key, key file gone) is the test's answer.
   */
  load(destinationId: string): Promise<SftpDestination>;
}

/** `testDestination` over the test behind `POST /api/destinations/:id/test`. */
export function destinationTestPort(
  deps: DestinationTestPortDeps,
): PreflightPorts['testDestination'] {
  return async (destinationId) => {
    let destination: SftpDestination;
    try {
      destination = await deps.load(destinationId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { ok: false, error: error.message, code: error.code };
    }
    return testDestination(destination, deps);
  };
}
