import { randomUUID } from 'node:crypto';
import {
  alertTitle,
  CHANNEL_TEST_TEXT_MAX,
  type AlertPayload,
  type ChannelTestDto,
} from '../../contract/alerts';
import { plainText } from '../../contract/notifications';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { alertRetryDelayMs, type AlertBackoffOptions } from './backoff';
import { channelsFor } from './channels-for';
import { RecentAlerts } from './recent-alerts';
import type { AlertOutbox, OutboxItem } from './outbox';
import { AlertDeliveryError, type AlertChannel, type AlertSender } from './types';

/** An alert not delivered within this long is dropped (and logged). */
export const ALERT_MAX_AGE_MS = 24 * 3_600_000;
/** The engine looks at the outbox at least this often, even when nothing is due. */
const IDLE_CHECK_MS = 3_600_000;
const DEFAULT_BATCH = 50;

export interface AlertDeliveryOptions {
  outbox: AlertOutbox;
  /** The channels as they are now (with their secrets); read at each delivery. */
  channels: () => Promise<readonly AlertChannel[]>;
  send: AlertSender;
  clock: Clock;
  logger: Logger;
  backoff?: AlertBackoffOptions;
  /** Default 24 h. */
  maxAgeMs?: number;
  /** Items handled per pass (default 50). */
  batchSize?: number;
  newId?: () => string;
  /**
   * Called with every alert raised (before the channels that take it are picked, so also when
   * none does): the core announces it on the event bus (`alert`).
   */
  announce?: (payload: AlertPayload) => void;
}

/**
 * Delivers alerts at least once per channel from a persisted outbox: `notify` queues one item
 * per channel that picked the event, and one loop (one timer) sends what is due, channels in
 * parallel and each channel's items in order. A failed attempt is tried again after 30 s,
 * 1 min, 2 min ... 15 min; an item older than 24 h is dropped and logged. Items whose channel
 * was deleted, turned off or no longer picks the event are dropped. A restart (a new engine on
 * the same outbox) goes on where the last one stopped.
 */
export class AlertDelivery {
  private readonly maxAgeMs: number;
  private readonly batchSize: number;
  private readonly newId: () => string;
  private readonly raised: RecentAlerts;
  private loop: Promise<void> | undefined;
  private stopping = new AbortController();
  private sleeping: AbortController | undefined;
  private woken = false;
  private stopped = false;

  constructor(private readonly options: AlertDeliveryOptions) {
    this.maxAgeMs = options.maxAgeMs ?? ALERT_MAX_AGE_MS;
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
    this.newId = options.newId ?? randomUUID;
    this.raised = new RecentAlerts(() => options.clock.now());
  }

  /** The alerts raised lately, newest first (alerts.recent: the dashboard lists them). */
  recent(): AlertPayload[] {
    return this.raised.list();
  }

  /** Starts the loop: what the outbox holds from before (a restart) is sent when due. */
  start(): void {
    if (this.loop || this.stopped) return;
    this.loop = this.run();
  }

  /**
   * Remembers and announces `payload` (recent(), `announce`), queues it for every enabled
   * channel that picked its event and wakes the loop. Answers how many channels it was queued for.
   */
  async notify(payload: AlertPayload): Promise<number> {
    if (this.stopped) throw new Error('the alert delivery was stopped');
    this.raised.add(payload);
    try {
      this.options.announce?.(payload);
    } catch (error) {
      this.options.logger.warn(
        `Announcing the ${payload.event} alert failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const channels = channelsFor(payload.event, await this.options.channels());
    if (channels.length === 0) return 0;
    const now = this.options.clock.now();
    const items: OutboxItem[] = channels.map((channel) => ({
      id: this.newId(),
      channelId: channel.id,
      payload,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
    }));
    await this.options.outbox.enqueue(items);
    this.wake();
    return items.length;
  }

  /**
   * The Test button: sends `payload` through `channel` now, outside the outbox (no retries),
   * and answers what the receiver said.
   */
  async test(channel: AlertChannel, payload: AlertPayload): Promise<ChannelTestDto> {
    try {
      const receipt = await this.options.send(channel, payload, this.stopping.signal);
      return { ok: true, answer: plainText(receipt.detail, CHANNEL_TEST_TEXT_MAX) };
    } catch (error) {
      const words = describe(error);
      const details = technicalDetails(error, channel);
      return { ok: false, error: words, ...(details && details !== words ? { details } : {}) };
    }
  }

  /** Alerts waiting in the outbox (for /metrics). */
  pending(): Promise<number> {
    return this.options.outbox.size();
  }

  /** Stops the loop and any attempt under way (it stays in the outbox, due, for the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort(new Error('stopped'));
    this.sleeping?.abort();
    await this.loop;
    this.loop = undefined;
  }

  private wake(): void {
    this.woken = true;
    this.sleeping?.abort();
  }

  private async run(): Promise<void> {
    const { clock, outbox, logger } = this.options;
    while (!this.stopped) {
      this.woken = false;
      let full = false;
      let failed = false;
      try {
        full = await this.pass();
      } catch (error) {
        failed = true;
        logger.error(
          `Alert delivery could not read its outbox or the channels (trying again soon): ${describe(error)}`,
        );
      }
      if (this.stopped) break;
      // after a failed pass, a pause (not a busy loop) before the next one
      let wait = failed ? alertRetryDelayMs(1, this.options.backoff) : IDLE_CHECK_MS;
      if (!failed) {
        if (this.woken || full) continue;
        try {
          const next = await outbox.nextAttemptAt();
          if (next !== null) wait = Math.min(wait, Math.max(0, next - clock.now()));
        } catch {
          // the next pass reports it
        }
        if (this.woken || this.stopped) continue;
      }
      const sleeping = new AbortController();
      this.sleeping = sleeping;
      try {
        await clock.sleep(wait, sleeping.signal);
      } catch {
        // woken or stopped
      } finally {
        this.sleeping = undefined;
      }
    }
  }

  /** One look at the outbox: drops what expired, sends what is due. True when it was full. */
  private async pass(): Promise<boolean> {
    const { clock, outbox, logger } = this.options;
    const now = clock.now();
    const channels = await this.options.channels();
    const byId = new Map(channels.map((channel) => [channel.id, channel]));
    for (const item of await outbox.dropExpired(now - this.maxAgeMs)) {
      const name = byId.get(item.channelId)?.name ?? item.channelId;
      logger.warn(
        `Alert "${alertTitle(item.payload)}" (${item.payload.event}) was dropped: not delivered to channel "${name}" within ${formatHours(this.maxAgeMs)} (${item.attempts} attempts; last error: ${item.lastError ?? 'none'}).`,
        meta(item),
      );
    }
    const due = await outbox.due(now, this.batchSize);
    const groups = new Map<string, OutboxItem[]>();
    for (const item of due) {
      const group = groups.get(item.channelId) ?? [];
      group.push(item);
      groups.set(item.channelId, group);
    }
    await Promise.all(
      [...groups.entries()].map(async ([channelId, items]) => {
        for (const item of items) {
          if (this.stopped) return;
          await this.deliver(item, byId.get(channelId));
        }
      }),
    );
    return due.length >= this.batchSize;
  }

  private async deliver(item: OutboxItem, channel: AlertChannel | undefined): Promise<void> {
    const { clock, outbox, logger, send } = this.options;
    const title = alertTitle(item.payload);
    if (!channel || !channel.enabled || !channel.events.includes(item.payload.event)) {
      await outbox.remove(item.id);
      const why = !channel
        ? 'its channel was deleted'
        : !channel.enabled
          ? `channel "${channel.name}" was turned off`
          : `channel "${channel.name}" no longer picks ${item.payload.event}`;
      logger.info(`Alert "${title}" was not sent: ${why}.`, meta(item));
      return;
    }
    const attempt = item.attempts + 1;
    try {
      const receipt = await send(channel, item.payload, this.stopping.signal);
      await outbox.markDelivered(item.id);
      logger.info(
        `Alert "${title}" delivered to channel "${channel.name}" (${channel.kind}, attempt ${attempt}): ${receipt.detail}.`,
        meta(item),
      );
    } catch (error) {
      if (this.stopped) return; // cut short by stop(): still due for the next start
      const now = clock.now();
      const expiresAt = item.createdAt + this.maxAgeMs;
      // never later than the moment it expires, when the next pass drops it
      const nextAttemptAt = Math.min(
        now + alertRetryDelayMs(attempt, this.options.backoff),
        expiresAt + 1,
      );
      const message = describe(error);
      await outbox.recordFailure(item.id, { attempts: attempt, nextAttemptAt, error: message });
      logger.warn(
        `Alert "${title}" not delivered to channel "${channel.name}" (${channel.kind}, attempt ${attempt}): ${message} Trying again in ${formatWait(nextAttemptAt - now)}.`,
        meta(item),
      );
    }
  }
}

function meta(item: OutboxItem): { sessionId?: string } {
  return item.payload.session ? { sessionId: item.payload.session.id } : {};
}

function describe(error: unknown): string {
  if (error instanceof AlertDeliveryError) return error.message;
  return `Sending failed: ${error instanceof Error ? error.message : String(error)}.`;
}

/**
 * What the software below said of a failure (each cause's name, code, message and SMTP reply;
 * undefined when there is nothing below the plain words),
 * with the channel's secret and its URL's path (a webhook's path may be a secret) taken out.
 */
export function technicalDetails(error: unknown, channel: AlertChannel): string | undefined {
  const lines: string[] = [];
  // an AlertDeliveryError's own words are the answer's `error`: what lies below it is new
  let current: unknown = error instanceof AlertDeliveryError ? error.cause : error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as { name?: unknown; code?: unknown; message?: unknown; response?: unknown };
    const parts = [
      typeof e.name === 'string' && e.name !== 'Error' ? e.name : '',
      typeof e.code === 'string' ? e.code : '',
      typeof e.message === 'string' ? e.message : typeof current === 'string' ? current : '',
      typeof e.response === 'string' && !String(e.message).includes(e.response) ? e.response : '',
    ].filter(Boolean);
    if (parts.length > 0) lines.push(parts.join(': '));
    current = (current as { cause?: unknown }).cause;
  }
  let text = lines.join(' ← ');
  for (const hidden of secretsOf(channel)) text = text.split(hidden).join('…');
  return text ? plainText(text, CHANNEL_TEST_TEXT_MAX) : undefined;
}

function secretsOf(channel: AlertChannel): string[] {
  const out: string[] = [];
  if (channel.kind === 'webhook') out.push(channel.secret);
  if (channel.kind === 'ntfy' && channel.token) out.push(channel.token);
  if (channel.kind === 'email' && channel.password) out.push(channel.password);
  if (channel.kind !== 'email') {
    try {
      const path = new URL(channel.url).pathname;
      if (path.length > 1) out.push(path);
    } catch {
      // not a URL: nothing to hide
    }
  }
  return out.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

function formatWait(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  return `${Math.round(s / 60)} min`;
}

function formatHours(ms: number): string {
  const h = ms / 3_600_000;
  return Number.isInteger(h) ? `${h} h` : `${Math.round(ms / 60_000)} min`;
}
