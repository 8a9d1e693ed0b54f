import { systemClock, type Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import {
  DEFAULT_TRANSFER_TIMEOUTS,
  openConnection,
  type Connection,
  type SftpDestination,
  type TransferTimeouts,
} from './connection';
import type { HostKeyCheck } from './host-key';
import type { SftpClientFactory } from './sftp-client';

/**
 * What a one-off job on a destination needs (its test, replacing its feed files): the clock and
 * the time limits are the system clock and DEFAULT_TRANSFER_TIMEOUTS unless given.
 */
export interface OneOffConnectionDeps {
  clientFactory: SftpClientFactory;
  logger: Logger;
  clock?: Clock;
  timeouts?: Partial<TransferTimeouts>;
}

/** openConnection for a one-off job: `deps`' clock and time limits, or the defaults. */
export function openOneOffConnection(
  destination: SftpDestination,
  deps: OneOffConnectionDeps,
  hostKey?: HostKeyCheck,
): Promise<Connection> {
  const timeouts = { ...DEFAULT_TRANSFER_TIMEOUTS, ...deps.timeouts };
  return openConnection(
    destination,
    timeouts,
    { ...deps, clock: deps.clock ?? systemClock },
    hostKey,
  );
}
