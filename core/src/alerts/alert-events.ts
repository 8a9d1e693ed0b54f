import {
  buildAlert,
  type AlertEvent,
  type AlertFacts,
  type AlertPayload,
} from '../../contract/alerts';
import { becameDeadAir } from '../../contract/dead-air';
import { notificationKind, type NotificationKind } from '../../contract/notifications';
import type { SessionDto } from '../../contract/session';
import type { EventBus } from '../events/event-bus';
import type { DiskCheck } from '../lifecycle/disk-space';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';

/** A low disk is told at most this often. */
export const DISK_LOW_EVERY_MS = 3_600_000;
/** Sessions remembered to compare the next event with (the newest). */
const REMEMBERED = 1000;

export interface AlertEventsDeps {
  events: Pick<EventBus, 'on'>;
  /** Queues an alert (AlertDelivery.notify). */
  notify(payload: AlertPayload): Promise<unknown>;
  /** What an alert names: the stream (and its destination) and the schedule of a session. */
  streams: {
    get(id: string): Promise<{ id: string; name: string; destinationId: string | null } | null>;
  };
  destinations: { get(id: string): Promise<{ name: string } | null> };
  schedules: {
    get(
      id: string,
    ): Promise<{ id: string; cronExpression: string; timezone: string | null } | null>;
  };
  timeZone: string;
  /** PUBLIC_URL: alerts link to their session there. */
  publicUrl?: string | undefined;
  clock: Clock;
  logger: Logger;
}

export interface AlertEvents {
  /** The disk monitor found too little free space (at most one alert an hour). */
  diskLow(check: DiskCheck): void;
  /** Stops listening; resolves when the alerts already decided are queued. */
  stop(): Promise<void>;
}

/**
 * Which alert a change of a session is: the same decision as the desktop and browser
 * notifications (contract/notifications.ts, notificationKind), so every way the app tells the
 * user agrees on when. A failed run is `recording.missed` when the scheduler says it never
 * started, `transfer.failed` comes once the transfer queue gives up after its retries.
 */
export function alertEventOf(
  kind: NotificationKind | null,
  session: SessionDto,
): AlertEvent | null {
  switch (kind) {
    case 'failed':
      return session.stopReason === 'missed' ? 'recording.missed' : 'recording.failed';
    case 'transfer-failed':
      return 'transfer.failed';
    case 'completed':
      return 'recording.completed';
    default:
      return null;
  }
}

/**
 * Turns what the engine announces into alerts: `session` events on the event bus (recording
 * failed, missed, completed; delivery failed for good; dead air found while processing) and the
 * disk monitor's low disk. A lookup
 * or queueing that fails is logged and never reaches the pipeline that announced the change.
 */
export function followAlertEvents(deps: AlertEventsDeps): AlertEvents {
  const previous = new Map<string, SessionDto>();
  const pending = new Set<Promise<void>>();
  let lastDiskLow = Number.NEGATIVE_INFINITY;
  let stopped = false;

  const send = (
    event: AlertEvent,
    facts: () => Promise<Omit<AlertFacts, 'event' | 'at' | 'timeZone'>>,
  ) => {
    const at = deps.clock.now();
    const work = (async () => {
      try {
        const payload = buildAlert({
          event,
          at,
          timeZone: deps.timeZone,
          publicUrl: deps.publicUrl ?? null,
          ...(await facts()),
        });
        await deps.notify(payload);
      } catch (error) {
        deps.logger.error(
          `Could not queue the ${event} alert: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    })();
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  const sessionFacts = async (session: SessionDto) => {
    const stream = await deps.streams.get(session.streamId).catch(() => null);
    const destination = stream?.destinationId
      ? await deps.destinations.get(stream.destinationId).catch(() => null)
      : null;
    const schedule = session.scheduleId
      ? await deps.schedules.get(session.scheduleId).catch(() => null)
      : null;
    return {
      session,
      stream: stream ? { id: stream.id, name: stream.name } : null,
      destinationName: destination?.name ?? null,
      schedule: schedule
        ? {
            id: schedule.id,
            cronExpression: schedule.cronExpression,
            timezone: schedule.timezone,
            runAt: session.startTime,
          }
        : null,
    };
  };

  const unsubscribe = deps.events.on('session', (session) => {
    if (stopped) return;
    const before = previous.get(session.id);
    const kind = notificationKind(before, session);
    // remembered at once, so that quick successive events compare in order
    previous.delete(session.id);
    previous.set(session.id, session);
    while (previous.size > REMEMBERED) previous.delete(previous.keys().next().value as string);
    const event = alertEventOf(kind, session);
    if (event) send(event, () => sessionFacts(session));
    // told when processing finds it, besides (not instead of) the session's other alerts
    if (becameDeadAir(before, session)) send('recording.dead-air', () => sessionFacts(session));
  });

  return {
    diskLow(check) {
      if (stopped) return;
      const now = deps.clock.now();
      if (now - lastDiskLow < DISK_LOW_EVERY_MS) return;
      lastDiskLow = now;
      send('disk.low', async () => ({
        disk: {
          path: check.dir,
          freeBytes: check.freeMb * 1024 * 1024,
          minFreeBytes: check.minFreeMb * 1024 * 1024,
        },
      }));
    },
    async stop() {
      stopped = true;
      unsubscribe();
      await Promise.allSettled([...pending]);
    },
  };
}
