// A client for unit tests of stores and the router: operations answered by handlers, events fired
// by the test. Never imported by the app.
import type { EventMap, EventName } from '@contract';
import { ApiError } from '../api/api-error';
import type { Client } from '../api/client';
import {
  Listeners,
  type AccountApi,
  type ApiKeyInfo,
  type AuthApi,
  type ConnectionState,
} from '../api/transport';

type Handler = (input: Record<string, unknown>) => unknown;

export interface FakeClient extends Client {
  /** Answers an operation (a handler may return a promise to hold the answer back). */
  handle(op: string, handler: Handler): void;
  /** Answers a list operation with all of `items()` (read at each call) on one page. */
  list(op: string, items: () => unknown[]): void;
  /** The server refuses `op` as invalid (400 VALIDATION_FAILED), naming the `field` at fault. */
  refuse(op: string, message: string, field: string): void;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  setConnection(state: ConnectionState): void;
  calls: { op: string; input: Record<string, unknown> }[];
}

/** A stand-in for the server's account routes: an API key that regenerates, a password. */
export interface FakeAccount extends AccountApi {
  key: ApiKeyInfo;
  /** The password changePassword checks `currentPassword` against. */
  password: string;
}

export function fakeAccount(key: ApiKeyInfo = { apiKey: 'key-1', lockedByEnv: false }) {
  let generation = 1;
  const account: FakeAccount = {
    key,
    password: 'old password',
    apiKey: async () => ({ ...account.key }),
    regenerateApiKey: async () => {
      if (account.key.lockedByEnv) {
        throw new ApiError('CONFLICT', 'The API key is set by API_KEY: change it there.', {
          field: 'API_KEY',
        });
      }
      generation += 1;
      account.key = { apiKey: `key-${generation}`, lockedByEnv: false };
      return { ...account.key };
    },
    changePassword: async (currentPassword, newPassword) => {
      if (currentPassword !== account.password) {
        throw new ApiError('VALIDATION_FAILED', 'The current password is wrong.', {
          field: 'currentPassword',
        });
      }
      account.password = newPassword;
    },
  };
  return account;
}

export interface FakeClientOptions {
  /** False: the desktop app's client (no login, no account). Default true. */
  needsLogin?: boolean;
  /** The account API (default: a fakeAccount() when needsLogin). */
  account?: AccountApi;
}

export function fakeClient(options: FakeClientOptions = {}): FakeClient {
  const needsLogin = options.needsLogin ?? true;
  const account = options.account ?? (needsLogin ? fakeAccount() : undefined);
  const handlers = new Map<string, Handler>();
  const events = new Map<string, Listeners<[unknown]>>();
  const connection = new Listeners<[ConnectionState]>();
  let state: ConnectionState = 'closed';
  const calls: FakeClient['calls'] = [];
  const auth: AuthApi = {
    needsLogin,
    session: async () => ({ authenticated: true, via: needsLogin ? 'session' : 'desktop' }),
    login: async () => ({ authenticated: true, via: needsLogin ? 'session' : 'desktop' }),
    logout: async () => undefined,
    onExpired: () => () => undefined,
    ...(account ? { account } : {}),
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
    list: (op, items) =>
      handlers.set(op, () => {
        const all = items();
        return { items: all, total: all.length };
      }),
    refuse: (op, message, field) =>
      handlers.set(op, () => {
        throw new ApiError('VALIDATION_FAILED', message, { field, status: 400 });
      }),
    emit: (event, payload) => events.get(event)?.emit(payload),
    setConnection: (next) => {
      state = next;
      connection.emit(next);
    },
  };
  return client;
}
