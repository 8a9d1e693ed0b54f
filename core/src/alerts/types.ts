import type { AlertEvent, AlertPayload, EmailSecurity } from '../../contract/alerts';

interface ChannelBase {
  id: string;
  name: string;
  enabled: boolean;
  events: readonly AlertEvent[];
}

/** A channel as the engine uses it: with its secrets (never logged, never answered). */
export type AlertChannel =
  | (ChannelBase & { kind: 'webhook'; url: string; secret: string })
  | (ChannelBase & { kind: 'ntfy'; url: string; priority: number | null; token: string | null })
  | (ChannelBase & {
      kind: 'email';
      host: string;
      port: number;
      security: EmailSecurity;
      username: string | null;
      password: string | null;
      from: string;
      to: readonly string[];
    });

/** What a receiver said when it took an alert, e.g. `HTTP 200` or `250 OK: queued as 1234`. */
export interface SendReceipt {
  detail: string;
}

/**
 * Sends one alert through one channel; resolves when the receiver took it, rejects with an
 * AlertDeliveryError (plain words, no secrets) when it did not. `signal` aborts the attempt.
 */
export type AlertSender = (
  channel: AlertChannel,
  payload: AlertPayload,
  signal?: AbortSignal,
) => Promise<SendReceipt>;

/** Why an alert was not delivered, in plain words: safe to log and to show. */
export class AlertDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AlertDeliveryError';
  }
}
