import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import { alertTitle, type AlertPayload } from '../../contract/alerts';
import { formatWallWords } from '../../contract/dst';
import { reason } from './http-post';
import { AlertDeliveryError, type AlertChannel, type SendReceipt } from './types';

export type EmailChannel = Extract<AlertChannel, { kind: 'email' }>;

export interface EmailSendOptions {
  signal?: AbortSignal;
  /** Connecting and the server's greeting each get this long (default 15 s). */
  timeoutMs?: number;
  /** Extra TLS options (e.g. `ca` for a server with a private certificate authority). */
  tls?: ConnectionOptions;
  /** The zone the e-mail tells its time in (the app's TZ; default UTC). */
  timeZone?: string;
}

/** When the alert happened, on the app's clock: `Tue 24 Nov, 07:30 (Europe/Berlin)`. */
function atWords(at: string, timeZone: string): string {
  const instant = Date.parse(at);
  return Number.isNaN(instant) ? at : `${formatWallWords(timeZone, instant)} (${timeZone})`;
}

/** The plain-text body of an alert's e-mail; its time is told in `timeZone` (the app's TZ). */
export function emailText(payload: AlertPayload, timeZone = 'UTC'): string {
  const lines = [payload.message, ''];
  if (payload.url) lines.push(`Open it: ${payload.url}`, '');
  lines.push(`Event: ${payload.event}`, `At: ${atWords(payload.at, timeZone)}`);
  if (payload.stream) lines.push(`Stream: ${payload.stream.name}`);
  // a recording by its title (the link above opens it), never by its id
  const title = payload.session?.title?.trim();
  if (title) lines.push(`Recording: ${title}`);
  lines.push('', '-- Audio Stream Recorder');
  return `${lines.join('\n')}\n`;
}

/**
 * Sends the alert as a plain-text e-mail through the channel's SMTP server: TLS from the start
 * (`tls`, usually port 465), STARTTLS required (`starttls`, usually 587) or neither (`none`,
 * e.g. a relay on the local network); logs in when a user name is set. Delivered when the server
 * accepted the message for at least one recipient.
 */
export async function sendEmail(
  channel: EmailChannel,
  payload: AlertPayload,
  options: EmailSendOptions = {},
): Promise<SendReceipt> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.security === 'tls',
    requireTLS: channel.security === 'starttls',
    ignoreTLS: channel.security === 'none',
    auth: channel.username ? { user: channel.username, pass: channel.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 2,
    tls: options.tls,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const where = `the mail server ${channel.host}:${channel.port}`;
  const signal = options.signal;
  let onAbort: (() => void) | undefined;
  try {
    const sending = transporter.sendMail({
      from: channel.from,
      to: [...channel.to],
      subject: alertTitle(payload),
      text: emailText(payload, options.timeZone),
      headers: { 'X-Recorder-Event': payload.event },
    });
    // nodemailer cannot abort a message under way: stop waiting (its own timeouts end it)
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new AlertDeliveryError(`Sending to ${where} was stopped.`));
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    sending.catch(() => undefined);
    const info = (await Promise.race([sending, aborted])) as {
      response?: string;
      accepted?: unknown[];
      rejected?: unknown[];
    };
    const rejected = info.rejected?.length ?? 0;
    return {
      detail: `${info.response ?? 'accepted'}${rejected > 0 ? ` (${rejected} recipient(s) refused)` : ''}`,
    };
  } catch (error) {
    if (error instanceof AlertDeliveryError) throw error;
    throw new AlertDeliveryError(smtpProblem(error, where), { cause: error });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    transporter.close();
  }
}

/** An SMTP failure in plain words. */
function smtpProblem(error: unknown, where: string): string {
  const e = error as { code?: string; responseCode?: number; response?: string };
  switch (e.code) {
    case 'EAUTH':
      return `${where} refused the user name or password${e.response ? `: ${e.response}` : ''}.`;
    case 'ETLS':
      return `${where} does not offer STARTTLS (choose another security setting or port).`;
    case 'EENVELOPE':
      return `${where} refused the sender or every recipient${e.response ? `: ${e.response}` : ''}.`;
    case 'EMESSAGE':
      return `${where} refused the message${e.response ? `: ${e.response}` : ''}.`;
    case 'ETIMEDOUT':
      return `${where} did not answer in time.`;
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
      return `Could not reach ${where}: ${reason((error as { cause?: unknown }).cause ?? error)}.`;
    default:
      return `Sending through ${where} failed: ${
        e.response ?? (error instanceof Error ? error.message : String(error))
      }.`;
  }
}
