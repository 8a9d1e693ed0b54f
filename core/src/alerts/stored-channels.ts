import { readFile } from 'node:fs/promises';
import type { NotificationChannelDto } from '../../contract/alerts';
import type { NotificationChannelRecord } from '../db/records';
import type { AlertChannel } from './types';

/**
 * A stored channel (row + its 0600 secret file) as the delivery engine uses it, and as the API
 * answers it. The secret is read at each use and never answered: `hasSecret`, `hasToken`,
 * `hasPassword` say whether one is stored.
 */

/** What a channel is set to besides its secret, by kind (`to` copied: the record stays as it is). */
export function channelSettingsOf(c: NotificationChannelRecord['config']) {
  switch (c.kind) {
    case 'webhook':
      return { kind: c.kind, url: c.url };
    case 'ntfy':
      return { kind: c.kind, url: c.url, priority: c.priority };
    case 'email':
      return {
        kind: c.kind,
        host: c.host,
        port: c.port,
        security: c.security,
        username: c.username,
        from: c.from,
        to: [...c.to],
      };
  }
}

/**
 * `base` and the channel's settings (channelSettingsOf) with what goes with its kind's secret:
 * `extra.webhook` (its signing secret), `extra.ntfy` (its token) or `extra.email` (its password).
 */
export function withKindFields<
  Base extends object,
  Webhook extends object,
  Ntfy extends object,
  Email extends object,
>(
  base: Base,
  config: NotificationChannelRecord['config'],
  extra: { webhook: Webhook; ntfy: Ntfy; email: Email },
) {
  const settings = channelSettingsOf(config);
  switch (settings.kind) {
    case 'webhook':
      return { ...base, ...settings, ...extra.webhook };
    case 'ntfy':
      return { ...base, ...settings, ...extra.ntfy };
    case 'email':
      return { ...base, ...settings, ...extra.email };
  }
}

/** A channel's own fields, the same for every kind (`events` copied), with its timestamps. */
export function storedChannelFields(record: NotificationChannelRecord) {
  return {
    id: record.id,
    name: record.name,
    enabled: record.enabled,
    events: [...record.events],
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** The channel's secret, read from its file; null when it has none. Throws when it is unreadable. */
export async function readChannelSecret(
  record: Pick<NotificationChannelRecord, 'secretFile'>,
): Promise<string | null> {
  return record.secretFile ? readFile(record.secretFile, 'utf8') : null;
}

/** The channel with its secret, for the engine (a webhook whose secret file is gone signs with ""). */
export async function toAlertChannel(record: NotificationChannelRecord): Promise<AlertChannel> {
  let secret: string | null = null;
  try {
    secret = await readChannelSecret(record);
  } catch {
    // the receiver refuses it and the outbox says so; the user sets the secret again
  }
  const base = { id: record.id, name: record.name, enabled: record.enabled, events: record.events };
  return withKindFields(base, record.config, {
    webhook: { secret: secret ?? '' },
    ntfy: { token: secret },
    email: { password: secret },
  });
}

/** The channel as answered: no secret, only whether one is stored. */
export function toChannelDto(record: NotificationChannelRecord): NotificationChannelDto {
  const has = record.secretFile !== null;
  return withKindFields(storedChannelFields(record), record.config, {
    webhook: { hasSecret: has },
    ntfy: { hasToken: has },
    email: { hasPassword: has },
  });
}

/** The channels of `all()` with their secrets: what AlertDelivery reads at each pass. */
export function channelSource(repo: {
  all(): Promise<NotificationChannelRecord[]>;
}): () => Promise<AlertChannel[]> {
  return async () => Promise.all((await repo.all()).map(toAlertChannel));
}
