import type { Settings } from '../config/settings';
import { SqliteAlertOutbox } from '../db/alert-outbox-repository';
import type { Database } from '../db/database';
import type { Repositories } from '../db/repositories';
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { followAlertEvents, type AlertEvents } from './alert-events';
import { AlertDelivery } from './delivery';
import { createAlertSender } from './send';
import { channelSource } from './stored-channels';

export interface CoreAlerts {
  /** The delivery engine (the operations' Test button sends through it). */
  delivery: AlertDelivery;
  /** The listener that turns session changes into alerts (and `diskLow` for the disk monitor). */
  events: AlertEvents;
  /** Waits for what the listener is queueing, then stops delivery. */
  stop(): Promise<void>;
}

/**
 * The core's alerts: delivery from the persisted outbox to the stored channels, fed by the event
 * bus. Built before recovery so that it hears every session change from the start; `delivery`
 * is started once recovery and the scheduler's catch-up have queued what they found.
 */
export function createCoreAlerts(deps: {
  db: Database;
  repos: Repositories;
  events: EventBus;
  settings: Pick<Settings, 'timeZone' | 'publicUrl'>;
  clock: Clock;
  logger: Logger;
}): CoreAlerts {
  const { db, repos, events, settings, clock, logger } = deps;
  const delivery = new AlertDelivery({
    outbox: new SqliteAlertOutbox(db),
    channels: channelSource(repos.channels),
    send: createAlertSender({ timeZone: settings.timeZone }),
    clock,
    logger,
    // every alert raised reaches the UIs (dashboard, desktop and browser notifications)
    announce: (payload) => events.emit('alert', payload),
  });
  const alertEvents = followAlertEvents({
    events,
    notify: (payload) => delivery.notify(payload),
    streams: repos.streams,
    destinations: repos.destinations,
    schedules: repos.schedules,
    timeZone: settings.timeZone,
    publicUrl: settings.publicUrl,
    clock,
    logger,
  });
  return {
    delivery,
    events: alertEvents,
    async stop() {
      await alertEvents.stop();
      await delivery.stop();
    },
  };
}
