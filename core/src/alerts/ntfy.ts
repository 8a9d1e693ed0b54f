import {
  alertTitle,
  isProblemEvent,
  type AlertEvent,
  type AlertPayload,
} from '../../contract/alerts';
import { httpPost } from './http-post';
import type { AlertChannel, SendReceipt } from './types';
import { USER_AGENT } from './webhook';

/** ntfy tags: an emoji short code (shown as the emoji) and the event's name (shown as a tag). */
const EMOJI_OF: Readonly<Record<AlertEvent, string>> = {
  'recording.failed': 'rotating_light',
  'recording.missed': 'alarm_clock',
  'recording.dead-air': 'mute',
  'transfer.failed': 'outbox_tray',
  'preflight.failed': 'warning',
  'disk.low': 'floppy_disk',
  'recording.completed': 'white_check_mark',
};

/**
 * A header value as ntfy reads it: ASCII as is, anything else as an RFC 2047 encoded word
 * (`=?UTF-8?B?…?=`), which ntfy decodes (HTTP headers cannot carry UTF-8 reliably).
 */
export function ntfyHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text) && !text.includes('=?')) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** The headers of ntfy's publish API for an alert. */
export function ntfyHeaders(
  channel: Extract<AlertChannel, { kind: 'ntfy' }>,
  payload: AlertPayload,
): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    'User-Agent': USER_AGENT,
    Title: ntfyHeaderText(alertTitle(payload)),
    Priority: String(channel.priority ?? (isProblemEvent(payload.event) ? 4 : 3)),
    Tags: `${EMOJI_OF[payload.event]},${payload.event}`,
  };
  if (payload.url) headers.Click = new URL(payload.url).href;
  if (channel.token) headers.Authorization = `Bearer ${channel.token}`;
  return headers;
}

/**
 * Publishes the alert with ntfy's HTTP API: POST to `<server>/<topic>` (the channel's URL), the
 * message as the body, Title, Priority, Tags and Click as headers, and the access token as
 * `Authorization: Bearer`. A 2xx answer is a delivery.
 */
export function sendNtfy(
  channel: Extract<AlertChannel, { kind: 'ntfy' }>,
  payload: AlertPayload,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<SendReceipt> {
  return httpPost({
    what: 'ntfy',
    url: channel.url,
    body: payload.message,
    headers: ntfyHeaders(channel, payload),
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  });
}
