import { serializeJson } from '../http/json-serializer';

/** How long a browser waits before reconnecting (the `retry:` field). */
export const SSE_RETRY_MS = 3000;
/** A comment line every this many ms keeps proxies and the connection from timing out. */
export const SSE_HEARTBEAT_MS = 15_000;

/** One Server-Sent Event: `event: <name>`, the payload as one line of JSON, a blank line. */
export function formatEvent(name: string, data: unknown): string {
  if (/[\r\n]/.test(name)) throw new Error('an event name is one line');
  return `event: ${name}\ndata: ${serializeJson(data)}\n\n`;
}

/** A comment (ignored by EventSource): heartbeats and the greeting. */
export function formatComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** The reconnect hint sent first. */
export function formatRetry(ms: number = SSE_RETRY_MS): string {
  return `retry: ${ms}\n\n`;
}
