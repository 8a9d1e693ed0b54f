import type { EventName } from '@contract';
import type { OperationSpec } from '@contract/operation';
import { operationSpecs, type OperationName } from '@contract/operations';
import { ApiError, errorFromBody, networkError } from './api-error';
import {
  AUTH_PATHS,
  CSRF_HEADER,
  EVENTS_PATH,
  type ApiKeyDto,
  type AuthSessionDto,
  type LoginDto,
} from '@contract/auth';
import { EventStream, type EventSourceFactory } from './event-stream';
import { buildRequest, isUnsafeMethod, type HttpRequest } from './http-request';
import {
  Listeners,
  type AccountApi,
  type AuthApi,
  type AuthSession,
  type ConnectionState,
  type EventListener,
  type Transport,
  type Unsubscribe,
} from './transport';

export interface HttpTransportOptions {
  /** Prefix of every URL ('' = the page's own origin, where the server serves the UI). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Makes the EventSource of the event stream (default: the browser's). */
  eventSource?: EventSourceFactory;
  /** The operations known (default: the contract's). */
  specs?: readonly OperationSpec[];
  reconnectDelaysMs?: readonly number[];
}

/**
 * The transport of the headless server: each operation is the HTTP request its spec in the
 * contract names (method, path, status), sent with the login cookie and, on POST/PUT/DELETE, the
 * login's CSRF token; failures are read from the contract's error body into an ApiError. Events
 * come from `GET /api/events` (Server-Sent Events, reconnecting by itself).
 */
export class HttpTransport implements Transport {
  readonly auth: AuthApi;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly specs: ReadonlyMap<string, OperationSpec>;
  private readonly events: EventStream;
  private readonly expired = new Listeners<[]>();
  private csrfToken: string | undefined;

  constructor(options: HttpTransportOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    const specs = options.specs ?? (operationSpecs as readonly OperationSpec[]);
    this.specs = new Map(specs.map((spec) => [spec.name, spec]));
    this.events = new EventStream({
      url: this.baseUrl + EVENTS_PATH,
      create: options.eventSource ?? ((url) => new EventSource(url)),
      // an event stream refused for good may mean the login ended: say so instead of retrying
      canReconnect: async () => {
        if ((await this.auth.session()) !== null) return true;
        this.expired.emit();
        return false;
      },
      ...(options.reconnectDelaysMs ? { delaysMs: options.reconnectDelaysMs } : {}),
    });
    this.auth = this.createAuth();
  }

  async invoke(op: OperationName, input: unknown): Promise<unknown> {
    const spec = this.specs.get(op);
    if (!spec) throw new ApiError('NOT_FOUND', `There is no operation "${op}".`);
    const request = buildRequest(spec, input ?? {});
    if (spec.http.rawBody) {
      // the bytes as they are; the type from their content (the server refuses anything else)
      const body = (input as { body?: unknown }).body;
      request.headers['Content-Type'] = uploadContentType(body);
    }
    const response = await this.send(request);
    return readAnswer(response);
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
    return this.events.on(event, listener);
  }

  onConnection(listener: (state: ConnectionState) => void): Unsubscribe {
    return this.events.onState(listener);
  }

  /** Sends a request; answers the response when it is a success, else throws its ApiError. */
  private async send(request: HttpRequest, options: { quiet401?: boolean } = {}) {
    const headers = { ...request.headers };
    if (isUnsafeMethod(request.method)) {
      // after a reload the token is only in the server's answer to "who is logged in"
      if (this.csrfToken === undefined && request.url !== AUTH_PATHS.login) {
        await this.auth.session().catch(() => null);
      }
      if (this.csrfToken !== undefined) headers[CSRF_HEADER] = this.csrfToken;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + request.url, {
        method: request.method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        ...(request.body === undefined ? {} : { body: request.body as BodyInit }),
      });
    } catch (error) {
      throw networkError(error);
    }
    if (response.ok) return response;
    const error = errorFromBody(response.status, await response.text().catch(() => ''));
    if (response.status === 401 && !options.quiet401) {
      this.csrfToken = undefined;
      this.events.close();
      this.expired.emit();
    }
    throw error;
  }

  private createAuth(): AuthApi {
    return {
      needsLogin: true,
      session: async () => {
        try {
          const response = await this.send(
            { method: 'GET', url: AUTH_PATHS.session, headers: { Accept: 'application/json' } },
            { quiet401: true },
          );
          const answer = (await readAnswer(response)) as AuthSessionDto;
          if (!answer.authenticated) {
            this.csrfToken = undefined;
            return null;
          }
          this.csrfToken = answer.csrfToken;
          return {
            authenticated: true,
            via: answer.via,
            ...(answer.expiresAt ? { expiresAt: answer.expiresAt } : {}),
            ...(answer.passwordSetByEnv !== undefined
              ? { passwordSetByEnv: answer.passwordSetByEnv }
              : {}),
          } satisfies AuthSession;
        } catch (error) {
          // a wrong API key, or a server before {authenticated: false}: nobody either
          if (error instanceof ApiError && error.status === 401) {
            this.csrfToken = undefined;
            return null;
          }
          throw error;
        }
      },
      login: async (password) => {
        const response = await this.send(
          {
            method: 'POST',
            url: AUTH_PATHS.login,
            headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
            body: JSON.stringify({ password }),
          },
          { quiet401: true },
        );
        const answer = (await readAnswer(response)) as LoginDto;
        this.csrfToken = answer.csrfToken;
        this.events.reconnect();
        return {
          authenticated: true,
          via: 'session',
          expiresAt: answer.expiresAt,
          passwordSetByEnv: answer.passwordSetByEnv,
        };
      },
      logout: async () => {
        try {
          await this.send(
            { method: 'POST', url: AUTH_PATHS.logout, headers: { Accept: 'application/json' } },
            { quiet401: true },
          );
        } catch (error) {
          // already logged out is logged out
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        } finally {
          this.csrfToken = undefined;
          this.events.close();
        }
      },
      onExpired: (listener) => this.expired.add(listener),
      account: this.createAccount(),
    };
  }

  private createAccount(): AccountApi {
    /** Asks for the API key (reading it, or making a new one) and answers what the UI shows. */
    const keyFrom = async (method: 'GET' | 'POST', url: string) => {
      const response = await this.send({ method, url, headers: { Accept: 'application/json' } });
      const answer = (await readAnswer(response)) as ApiKeyDto;
      return { apiKey: answer.apiKey, lockedByEnv: answer.lockedByEnv };
    };
    return {
      apiKey: () => keyFrom('GET', AUTH_PATHS.apiKey),
      regenerateApiKey: () => keyFrom('POST', AUTH_PATHS.regenerateApiKey),
      changePassword: async (currentPassword, newPassword) => {
        await this.send({
          method: 'POST',
          url: AUTH_PATHS.password,
          headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
          body: JSON.stringify({ currentPassword, newPassword }),
        });
      },
    };
  }
}

/** The image types an upload is recognised as, by their first bytes (magic numbers). */
const IMAGE_SIGNATURES: readonly { type: string; matches: (bytes: Uint8Array) => boolean }[] = [
  { type: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  {
    type: 'image/png',
    matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    type: 'image/webp',
    // "RIFF", 4 bytes of length, "WEBP"
    matches: (b) =>
      startsWith(b, [0x52, 0x49, 0x46, 0x46]) &&
      startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
  },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((value, i) => bytes[i] === value);
}

/**
 * The Content-Type of a raw upload (an image), sniffed from its bytes: JPEG, PNG or WebP, and
 * `application/octet-stream` for anything else, which the server refuses (415) with a message
 * saying what it takes. A Blob keeps the type it was given.
 */
export function uploadContentType(body: unknown): string {
  if (body instanceof Uint8Array) {
    return IMAGE_SIGNATURES.find((s) => s.matches(body))?.type ?? 'application/octet-stream';
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob && body.type) return body.type;
  return 'application/octet-stream';
}

/** The body of a successful answer: nothing (204), JSON, or a Blob (a file). */
async function readAnswer(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return response.blob();
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError('BAD_RESPONSE', 'The server sent an answer that is not JSON.', {
      status: response.status,
      cause: error,
    });
  }
}
