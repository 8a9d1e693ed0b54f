import { EntitySchema } from 'typeorm';
import type { AlertOutboxRecord, NotificationChannelRecord } from './alert-records';

export const NotificationChannelEntity = new EntitySchema<NotificationChannelRecord>({
  name: 'NotificationChannel',
  tableName: 'notification_channels',
  columns: {
    id: { type: 'varchar', primary: true },
    name: { type: 'varchar' },
    kind: { type: 'varchar' },
    enabled: { type: 'boolean' },
    events: { type: 'simple-json' },
    config: { type: 'simple-json' },
    secretFile: { type: 'varchar', nullable: true },
    createdAt: { type: 'varchar' },
    updatedAt: { type: 'varchar' },
  },
});

export const AlertOutboxEntity = new EntitySchema<AlertOutboxRecord>({
  name: 'AlertOutbox',
  tableName: 'alert_outbox',
  columns: {
    id: { type: 'varchar', primary: true },
    channelId: { type: 'varchar' },
    payload: { type: 'simple-json' },
    createdAt: { type: 'integer' },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'integer' },
    lastError: { type: 'varchar', nullable: true },
  },
  indices: [
    { name: 'IDX_alert_outbox_next', columns: ['nextAttemptAt'] },
    { name: 'IDX_alert_outbox_created', columns: ['createdAt'] },
  ],
});

export const alertEntities = [NotificationChannelEntity, AlertOutboxEntity];
