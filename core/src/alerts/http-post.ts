import { AlertDeliveryError, type SendReceipt } from './types';

/** The longest a receiver may take to answer an alert (connect, send, answer). */
export const ALERT_SEND_TIMEOUT_MS = 15_000;
/** At most this much of a refusing receiver's answer is read, for the error message. */
const ERROR_BODY_MAX_BYTES = 2048;
const ERROR_TEXT_MAX = 200;

export interface HttpPostRequest {
  /** What the receiver is called in messages ("The webhook", "ntfy"). */
  what: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * POSTs `body` to `url` and resolves when the answer is 2xx. Anything else rejects with an
 * AlertDeliveryError in plain words: the status and the start of the answer, a refused or timed
 * out connection. Redirects are not followed (a 3xx is a failure: the address should be fixed).
 * The URL is named by its host only, since a webhook's path may be a secret.
 */
export async function httpPost(request: HttpPostRequest): Promise<SendReceipt> {
  const timeoutMs = request.timeoutMs ?? ALERT_SEND_TIMEOUT_MS;
  const host = new URL(request.url).host;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  const onAbort = () => controller.abort(request.signal?.reason);
  if (request.signal?.aborted) onAbort();
  else request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => undefined);
      return { detail: `HTTP ${response.status}` };
    }
    const text = await readStart(response);
    const location =
      response.status >= 300 && response.status < 400 && response.headers.get('location')
        ? ' (a redirect, which is not followed: use the final address)'
        : '';
    throw new AlertDeliveryError(
      `${request.what} at ${host} answered HTTP ${response.status}${location}${text ? `: ${text}` : '.'}`,
    );
  } catch (error) {
    if (error instanceof AlertDeliveryError) throw error;
    if (controller.signal.aborted && !request.signal?.aborted) {
      throw new AlertDeliveryError(
        `${request.what} at ${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        { cause: error },
      );
    }
    if (request.signal?.aborted) {
      throw new AlertDeliveryError(`Sending to ${request.what} at ${host} was stopped.`, {
        cause: error,
      });
    }
    throw new AlertDeliveryError(`Could not reach ${request.what} at ${host}: ${reason(error)}.`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
}

/** The first words of an answer's body, one line. */
async function readStart(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_BODY_MAX_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // what came is enough
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks)
    .subarray(0, ERROR_BODY_MAX_BYTES)
    .toString('utf8')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > ERROR_TEXT_MAX ? `${text.slice(0, ERROR_TEXT_MAX - 1)}…` : text;
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is it running?)',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name is unknown',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

/** A network error in plain words. */
export function reason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return NETWORK_ERRORS[code] ?? `error ${code}`;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}
