import type { AlertEvent } from '../../contract/alerts';

/** The channels an alert of `event` goes to: the enabled ones that picked it. */
export function channelsFor<C extends { enabled: boolean; events: readonly AlertEvent[] }>(
  event: AlertEvent,
  channels: readonly C[],
): C[] {
  return channels.filter((channel) => channel.enabled && channel.events.includes(event));
}
