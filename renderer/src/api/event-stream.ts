import { EVENT_NAMES, type EventMap, type EventName } from '@contract';
import { Listeners, type ConnectionState, type EventListener, type Unsubscribe } from './transport';

/** What the stream needs of the browser's EventSource (a fake stands in for it in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

/** EventSource.CLOSED: the browser gave up and will not retry by itself. */
const CLOSED = 2;

/** Waits between reconnects after the browser gave up: 1 s, 2 s, 5 s, 10 s, then every 30 s. */
export const RECONNECT_DELAYS_MS: readonly number[] = [1000, 2000, 5000, 10_000, 30_000];

export interface EventStreamOptions {
  url: string;
  create: EventSourceFactory;
  delaysMs?: readonly number[];
  /**
   * Asked before reconnecting after the browser gave up: false when reconnecting is pointless
   * (the login ended; the stream then closes). A failure to answer counts as true.
   */
  canReconnect?: () => Promise<boolean>;
}

/**
 * The server's event stream (`GET /api/events`, Server-Sent Events) for the contract's events.
 * Opened when the first listener comes and closed when the last goes. The browser reconnects by
 * itself after a dropped connection; when it gives up (an answer that is not an event stream: a
 * restart in progress, a 401, a proxy's error page) a new connection is tried after a back-off.
 * Each time events flow again the state becomes `open`, so listeners reload what they may have
 * missed.
 */
export class EventStream {
  private readonly listeners: { [E in EventName]: Listeners<[EventMap[E]]> } = {
    session: new Listeners(),
    'transfer-progress': new Listeners(),
    'recording-progress': new Listeners(),
    log: new Listeners(),
    system: new Listeners(),
    alert: new Listeners(),
  };
  private readonly stateListeners = new Listeners<[ConnectionState]>();
  private source: EventSourceLike | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private current: ConnectionState = 'closed';

  constructor(private readonly options: EventStreamOptions) {}

  get state(): ConnectionState {
    return this.current;
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
    const set = this.listeners[event] as Listeners<[EventMap[E]]>;
    const off = set.add(listener);
    this.ensureOpen();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      off();
      if (this.listenerCount() === 0) this.close();
    };
  }

  onState(listener: (state: ConnectionState) => void): Unsubscribe {
    const off = this.stateListeners.add(listener);
    listener(this.current);
    return off;
  }

  /** Stops listening to the server (listeners stay registered; a new `on` reopens). */
  close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = undefined;
    this.failures = 0;
    this.setState('closed');
  }

  /** Drops the connection and opens a new one now (after a login, say). */
  reconnect(): void {
    if (this.listenerCount() === 0) return;
    this.source?.close();
    this.source = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.open();
  }

  private async retry(): Promise<void> {
    const check = this.options.canReconnect;
    const allowed = check ? await check().catch(() => true) : true;
    // closed, reconnected or left alone while the check ran
    if (this.retryTimer === undefined || this.source) return;
    this.retryTimer = undefined;
    if (!allowed) this.close();
    else if (this.listenerCount() > 0) this.open();
  }

  private listenerCount(): number {
    return Object.values(this.listeners).reduce((n, set) => n + set.size, 0);
  }

  private ensureOpen(): void {
    if (!this.source && this.retryTimer === undefined) this.open();
  }

  private setState(state: ConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.stateListeners.emit(state);
  }

  private open(): void {
    this.setState('connecting');
    const source = this.options.create(this.options.url);
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.failures = 0;
      this.setState('open');
    };
    source.onerror = () => {
      if (this.source !== source) return;
      if (source.readyState !== CLOSED) {
        // the browser reconnects by itself (after the server's `retry:` hint)
        this.setState('connecting');
        return;
      }
      source.close();
      this.source = undefined;
      this.setState('connecting');
      const delays = this.options.delaysMs ?? RECONNECT_DELAYS_MS;
      const delay = delays[Math.min(this.failures, delays.length - 1)] ?? 30_000;
      this.failures += 1;
      this.retryTimer = setTimeout(() => void this.retry(), delay);
    };
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        if (this.source !== source) return;
        let payload: unknown;
        try {
          payload = JSON.parse(String(event.data));
        } catch {
          console.warn(`Ignored a "${name}" event that is not JSON.`);
          return;
        }
        (this.listeners[name] as Listeners<[unknown]>).emit(payload);
      });
    }
  }
}
