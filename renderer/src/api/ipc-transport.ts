import { EVENT_NAMES, type EventName, type RecorderBridge } from '@contract';
import { OPERATION_NAMES, type OperationName } from '@contract/operations';
import { ApiError, toApiError } from './api-error';
import type { AuthApi, ConnectionState, EventListener, Transport, Unsubscribe } from './transport';

/**
 * The transport of the desktop app: the preload's `window.recorder` bridge (IPC to the core in
 * Electron's main process). Names are checked against the contract here as well as in the
 * preload. Events never drop, so the connection is always open.
 */
export class IpcTransport implements Transport {
  readonly auth: AuthApi = {
    needsLogin: false,
    session: async () => ({ authenticated: true, via: 'desktop' }),
    login: async () => ({ authenticated: true, via: 'desktop' }),
    logout: async () => undefined,
    onExpired: () => () => undefined,
  };

  constructor(private readonly bridge: RecorderBridge) {}

  async invoke(op: OperationName, input: unknown): Promise<unknown> {
    if (!OPERATION_NAMES.includes(op)) {
      throw new ApiError('NOT_FOUND', `There is no operation "${op}".`);
    }
    let answer: Awaited<ReturnType<RecorderBridge['invoke']>>;
    try {
      answer = await this.bridge.invoke(op, input ?? {});
    } catch (error) {
      throw toApiError(error);
    }
    if (answer.ok) return answer.value;
    const { code, message, field } = answer.error;
    throw new ApiError(code, message, field === undefined ? {} : { field });
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
    if (!EVENT_NAMES.includes(event)) throw new Error(`There is no event "${event}".`);
    return this.bridge.on(event, (payload) => listener(payload as Parameters<typeof listener>[0]));
  }

  onConnection(listener: (state: ConnectionState) => void): Unsubscribe {
    listener('open');
    return () => undefined;
  }
}

/** The bridge of the desktop app, or an error saying that this build needs it. */
export function desktopBridge(): RecorderBridge {
  const bridge = typeof window === 'undefined' ? undefined : window.recorder;
  if (!bridge) throw new Error('This build of the UI runs only inside the desktop app.');
  return bridge;
}
