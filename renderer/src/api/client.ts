import type { EventName } from '@contract';
import type {
  FileOperationName,
  OperationInput,
  OperationName,
  OperationOutput,
  TextOperationName,
} from '@contract/operations';
import type { AuthApi, ConnectionState, EventListener, Transport, Unsubscribe } from './transport';

/**
 * Operations the typed client invokes: all but those that answer a file or a text document, whose
 * URL the UI points an <img>/<audio> or a link at instead.
 */
export type InvokableOperationName = Exclude<OperationName, FileOperationName | TextOperationName>;

/** The arguments of invoke: the input may be left out when the operation needs none. */
export type InvokeArgs<N extends OperationName> =
  Record<string, never> extends OperationInput<N>
    ? [input?: OperationInput<N>]
    : [input: OperationInput<N>];

/**
 * The typed client over the contract: `client.invoke('streams.record', {id, durationSeconds})`
 * is checked against the operation's input schema and answers the type of its answer schema. Stores use it;
 * nothing else talks to a transport.
 */
export interface Client {
  invoke<N extends InvokableOperationName>(
    op: N,
    ...args: InvokeArgs<N>
  ): Promise<OperationOutput<N>>;
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
  onConnection(listener: (state: ConnectionState) => void): Unsubscribe;
  readonly auth: AuthApi;
}

export function createClient(transport: Transport & { readonly auth: AuthApi }): Client {
  return {
    invoke: (op, ...args) =>
      transport.invoke(op as OperationName, args[0] ?? {}) as Promise<OperationOutput<typeof op>>,
    on: (event, listener) => transport.on(event, listener),
    onConnection: (listener) => transport.onConnection(listener),
    auth: transport.auth,
  };
}

let installed: Client | undefined;

/** Makes `client` the one the stores use (main.ts at start-up; tests with a fake). */
export function installClient(client: Client): void {
  installed = client;
}

/** The client the app was started with. */
export function useClient(): Client {
  if (!installed) throw new Error('No API client installed: call installClient() first.');
  return installed;
}
