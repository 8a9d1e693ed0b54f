import { createHmac } from 'node:crypto';
import type { AlertPayload } from '../../contract/alerts';
import { httpPost } from './http-post';
import type { AlertChannel, SendReceipt } from './types';

export const SIGNATURE_HEADER = 'X-Recorder-Signature';
export const USER_AGENT = 'AudioStreamRecorder';

/** `sha256=<hex HMAC-SHA256 of body with secret>`: what X-Recorder-Signature carries. */
export function webhookSignature(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs the payload as JSON; the exact bytes sent are signed with the channel's secret. A 2xx
 * answer is a delivery.
 */
export function sendWebhook(
  channel: Extract<AlertChannel, { kind: 'webhook' }>,
  payload: AlertPayload,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<SendReceipt> {
  const body = JSON.stringify(payload);
  return httpPost({
    what: 'The webhook',
    url: channel.url,
    body,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': USER_AGENT,
      'X-Recorder-Event': payload.event,
      [SIGNATURE_HEADER]: webhookSignature(body, channel.secret),
    },
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  });
}
