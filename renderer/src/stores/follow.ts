// How the stores follow the server: several listeners stopped as one, and a reload when the
// event stream opens (events sent while it was down are lost).
import type { Client } from '../api/client';
import type { Unsubscribe } from '../api/transport';

/** One function that stops every listener of `offs`. */
export function unsubscribeAll(offs: Unsubscribe[]): Unsubscribe {
  return () => offs.forEach((off) => off());
}

/** Calls `reload` whenever the event stream is open: at once when it is, and on every reopening. */
export function whenOpen(client: Pick<Client, 'onConnection'>, reload: () => void): Unsubscribe {
  return client.onConnection((state) => {
    if (state === 'open') reload();
  });
}

/**
 * Calls `reload` when the event stream opens again later: the state it is in now, which
 * onConnection tells at once, is not news.
 */
export function whenReopened(
  client: Pick<Client, 'onConnection'>,
  reload: () => void,
): Unsubscribe {
  let registering = true;
  const off = client.onConnection((state) => {
    if (state === 'open' && !registering) reload();
  });
  registering = false;
  return off;
}
