import type { AlertPayload } from '../../contract/alerts';
import { sendEmail, type EmailSendOptions } from './email';
import { sendNtfy } from './ntfy';
import type { AlertChannel, AlertSender, SendReceipt } from './types';
import { sendWebhook } from './webhook';

export interface AlertSenderOptions {
  /** How long one attempt may take (default 15 s). */
  timeoutMs?: number;
  /** Extra TLS options for SMTP (e.g. a private certificate authority). */
  smtpTls?: EmailSendOptions['tls'];
  /** The zone e-mails tell their time in (the app's TZ). */
  timeZone?: string;
}

/** The sender of every kind of channel: what the delivery engine and the Test button call. */
export function createAlertSender(options: AlertSenderOptions = {}): AlertSender {
  return (
    channel: AlertChannel,
    payload: AlertPayload,
    signal?: AbortSignal,
  ): Promise<SendReceipt> => {
    switch (channel.kind) {
      case 'webhook':
        return sendWebhook(channel, payload, { signal, timeoutMs: options.timeoutMs });
      case 'ntfy':
        return sendNtfy(channel, payload, { signal, timeoutMs: options.timeoutMs });
      case 'email':
        return sendEmail(channel, payload, {
          signal,
          timeoutMs: options.timeoutMs,
          tls: options.smtpTls,
          timeZone: options.timeZone,
        });
    }
  };
}
