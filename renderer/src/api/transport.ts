import type { EventMap, EventName } from '@contract';
import type { OperationName } from '@contract/operations';

/** A listener of one contract event. */
export type EventListener<E extends EventName> = (payload: EventMap[E]) => void;

/** Removes what it was returned for (a listener). Calling it twice is harmless. */
export type Unsubscribe = () => void;

/**
 * The state of the live event channel: `open` once events flow (again): anything announced while
 * it was not open was missed, so listeners reload what they show; `connecting` while it is being
 * (re)established; `closed` when nobody listens.
 */
export type ConnectionState = 'open' | 'connecting' | 'closed';

/**
 * How the UI reaches the core: the operation table and its events. Two implementations, chosen
 * at build time: HTTP + Server-Sent Events (the headless server) and IPC (the desktop app's
 * preload). Only the typed client (client.ts) talks to a transport.
 */
export interface Transport {
  /** Runs an operation of the contract; rejects with an ApiError. */
  invoke(op: OperationName, input: unknown): Promise<unknown>;
  /** Listens to a contract event until the returned function is called. */
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
  /** Follows the event channel's state (the current state is reported at once). */
  onConnection(listener: (state: ConnectionState) => void): Unsubscribe;
}

/** Who is logged in, as the UI needs it. */
export interface AuthSession {
  authenticated: true;
  /** `session`: a browser login; `apiKey`: a request with X-Api-Key; `desktop`: the app's IPC. */
  via: 'session' | 'apiKey' | 'desktop';
  expiresAt?: string;
  /** A browser login: ADMIN_PASSWORD sets the password, so it cannot be changed in the UI. */
  passwordSetByEnv?: boolean;
}

/** The server's API key for scripts (`X-Api-Key`). */
export interface ApiKeyInfo {
  apiKey: string;
  /** True when the API_KEY environment variable sets it: it cannot be regenerated here. */
  lockedByEnv: boolean;
}

/**
 * The account of a password login (the headless server): its API key and its password. The
 * desktop app has neither.
 */
export interface AccountApi {
  apiKey(): Promise<ApiKeyInfo>;
  /** Replaces the key; the old one stops working at once. Rejects (409) when API_KEY sets it. */
  regenerateApiKey(): Promise<ApiKeyInfo>;
  /**
   * Changes the admin password; other logins are logged out. Rejects with field
   * `currentPassword` when it is wrong, and (409) when ADMIN_PASSWORD sets the password.
   */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
}

/**
 * Logging in and out. Over HTTP a password login (a cookie + the CSRF token the transport then
 * sends); the desktop app has nothing to log into.
 */
export interface AuthApi {
  /** The current login, or null when there is none (the server answered 401). */
  session(): Promise<AuthSession | null>;
  /** Rejects with an ApiError (field `password` when it is wrong). */
  login(password: string): Promise<AuthSession>;
  logout(): Promise<void>;
  /** Called when a request is refused because the login expired (HTTP 401). */
  onExpired(listener: () => void): Unsubscribe;
  /** False when there is no login to show (the desktop app). */
  readonly needsLogin: boolean;
  /** The API key and the password, where there is a login (absent in the desktop app). */
  readonly account?: AccountApi;
}

/** A set of listeners: add returns its removal; emit calls each (a throwing one is skipped). */
export class Listeners<T extends unknown[]> {
  private readonly set = new Set<(...args: T) => void>();

  add(listener: (...args: T) => void): Unsubscribe {
    // wrap, so that adding the same function twice gives two independent subscriptions
    const entry = (...args: T) => listener(...args);
    this.set.add(entry);
    return () => {
      this.set.delete(entry);
    };
  }

  emit(...args: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(...args);
      } catch (error) {
        console.warn('A listener failed:', error);
      }
    }
  }

  get size(): number {
    return this.set.size;
  }
}
