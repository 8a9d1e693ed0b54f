// What a stream's card tells at a glance (issue 15, point 4): its next run, its last result and
// its delivery health, from the schedules and the sessions the app already holds.
import type { SessionDto } from '@contract';
import { deliveryState } from '@contract/delivery';
import type { ScheduleDto, StreamDto } from '@contract/operations';

export type DeliveryHealth =
  'local' | 'ok' | 'waiting' | 'retrying' | 'failing' | 'failed' | 'none';

export interface StreamHub {
  /** The earliest next run of its active schedules, and which schedule it is. */
  next: { at: string; schedule: ScheduleDto } | null;
  schedules: number;
  /** Its latest session that has ended (completed or failed), if the app holds one. */
  last: SessionDto | null;
  delivery: DeliveryHealth;
}

const ended = (s: SessionDto) => s.status === 'COMPLETED' || s.status === 'FAILED';

/** The hub facts of `stream` from its schedules and the sessions known (any order). */
export function streamHub(
  stream: Pick<StreamDto, 'id' | 'destinationId'>,
  schedules: readonly ScheduleDto[],
  sessions: readonly SessionDto[],
): StreamHub {
  const own = schedules.filter((s) => s.streamId === stream.id);
  let next: StreamHub['next'] = null;
  for (const schedule of own) {
    if (!schedule.isActive || !schedule.nextRunTime) continue;
    if (!next || schedule.nextRunTime < next.at) next = { at: schedule.nextRunTime, schedule };
  }
  const mine = sessions
    .filter((s) => s.streamId === stream.id && ended(s))
    .sort((a, b) => b.startTime.localeCompare(a.startTime));
  return { next, schedules: own.length, last: mine[0] ?? null, delivery: deliveryOf(stream, mine) };
}

/** How delivery of the stream's latest recording that has audio went. */
function deliveryOf(
  stream: Pick<StreamDto, 'destinationId'>,
  newestFirst: readonly SessionDto[],
): DeliveryHealth {
  if (!stream.destinationId) return 'local';
  const latest = newestFirst.find(
    (s) => s.status === 'COMPLETED' && s.transferStatus !== 'SKIPPED',
  );
  if (!latest) return 'none';
  // the contract's delivery states: a transfer still retried after DELIVERY_TROUBLE_ATTEMPTS
  // failures is a problem (red) here as on the recordings list, not routine back-off
  switch (deliveryState(latest)) {
    case 'failed':
      return 'failed';
    case 'failing':
      return 'failing';
    case 'retrying':
      return 'retrying';
    case 'delivered':
      return 'ok';
    default:
      return 'waiting';
  }
}

/** The words and colour of a delivery health (`to`: the destination's name). */
export function deliveryView(
  health: DeliveryHealth,
  to: string,
): { text: string; type: 'default' | 'success' | 'warning' | 'error' } {
  switch (health) {
    case 'local':
      return { text: 'Kept on this machine', type: 'default' };
    case 'none':
      return { text: `To ${to}: nothing delivered yet`, type: 'default' };
    case 'ok':
      return { text: `Delivered to ${to}`, type: 'success' };
    case 'waiting':
      return { text: `Delivering to ${to}`, type: 'default' };
    case 'retrying':
      return { text: `Delivery to ${to} retrying`, type: 'warning' };
    case 'failing':
      return { text: `Delivery to ${to} keeps failing`, type: 'error' };
    case 'failed':
      return { text: `Delivery to ${to} failed`, type: 'error' };
  }
}
