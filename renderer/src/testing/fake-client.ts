// A client for unit tests of stores and the router: operations answered by handlers, events fired
// by the test. Never imported by the app.
import type { EventMap, EventName } from '../../../core/contract';
import type { Client } from '../api/client';
import { Listeners, type AuthApi, type ConnectionState } from '../api/transport';

type Handler = (input: Record<string, unknown>) => unknown;

export interface FakeClient extends Client {
  /** Answers an operation (a handler may return a promise to hold the answer back). */
  handle(op: string, handler: Handler): void;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  setConnection(state: ConnectionState): void;
  calls: { op: string; input: Record<string, unknown> }[];
}

export function fakeClient(): FakeClient {
  const handlers = new Map<string, Handler>();
  const events = new Map<string, Listeners<[unknown]>>();
  const connection = new Listeners<[ConnectionState]>();
  let state: ConnectionState = 'closed';
  const calls: FakeClient['calls'] = [];
  const auth: AuthApi = {
    needsLogin: true,
    session: async () => ({ authenticated: true, via: 'session' }),
    login: async () => ({ authenticated: true, via: 'session' }),
    logout: async () => undefined,
    onExpired: () => () => undefined,
  };
  const client: FakeClient = {
    calls,
    auth,
    invoke: (async (op: string, input?: Record<string, unknown>) => {
      calls.push({ op, input: input ?? {} });
      const handler = handlers.get(op);
      if (!handler) throw new Error(`fake client: no handler for ${op}`);
      return handler(input ?? {});
    }) as Client['invoke'],
    on: (event, listener) => {
      let set = events.get(event);
      if (!set) events.set(event, (set = new Listeners()));
      return set.add(listener as (payload: unknown) => void);
    },
    onConnection: (listener) => {
      listener(state);
      return connection.add(listener);
    },
    handle: (op, handler) => handlers.set(op, handler),
    emit: (event, payload) => events.get(event)?.emit(payload),
    setConnection: (next) => {
      state = next;
      connection.emit(next);
    },
  };
  return client;
}
