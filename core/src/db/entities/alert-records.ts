import type { AlertEvent, ChannelKind, EmailSecurity } from '../../../contract/alerts';
import type { OutboxItem } from '../../alerts/outbox';

/** What a channel of each kind keeps besides its secret (the `config` column, JSON). */
export type ChannelConfig =
  | { kind: 'webhook'; url: string }
  | { kind: 'ntfy'; url: string; priority: number | null }
  | {
      kind: 'email';
      host: string;
      port: number;
      security: EmailSecurity;
      username: string | null;
      from: string;
      to: string[];
    };

/** A notification channel as stored. Its secret is not in it: only the path of its 0600 file. */
export interface NotificationChannelRecord {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  events: AlertEvent[];
  /** The kind's fields without the secret. */
  config: ChannelConfig;
  /** CONFIG_DIR/keys/channel-<id>.secret (webhook secret, ntfy token, SMTP password), or null. */
  secretFile: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One alert waiting for one channel: the row is the outbox port's item as it is. */
export type AlertOutboxRecord = OutboxItem;
