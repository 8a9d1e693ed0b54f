import { EntitySchema } from 'typeorm';
import type { AlertOutboxRecord, NotificationChannelRecord } from './alert-records';
import { bool, id, int, json, optText, stamps, text } from './columns';

export const NotificationChannelEntity = new EntitySchema<NotificationChannelRecord>({
  name: 'NotificationChannel',
  tableName: 'notification_channels',
  columns: {
    id,
    name: text,
    kind: text,
    enabled: bool,
    events: json,
    config: json,
    secretFile: optText,
    ...stamps,
  },
});

export const AlertOutboxEntity = new EntitySchema<AlertOutboxRecord>({
  name: 'AlertOutbox',
  tableName: 'alert_outbox',
  columns: {
    id,
    channelId: text,
    payload: json,
    createdAt: int,
    attempts: int,
    nextAttemptAt: int,
    lastError: optText,
  },
  indices: [
    { name: 'IDX_alert_outbox_next', columns: ['nextAttemptAt'] },
    { name: 'IDX_alert_outbox_created', columns: ['createdAt'] },
  ],
});

export const alertEntities = [NotificationChannelEntity, AlertOutboxEntity];
