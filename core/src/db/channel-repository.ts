import { NotificationChannelEntity } from './entities/alert-schemas';
import { KeyedTable } from './keyed-table';
import type { NotificationChannelRecord } from './records';
import type { Scope } from './scope';

/** The notification_channels table. Secrets are not in it: only the paths of their files. */
export class ChannelRepository extends KeyedTable<NotificationChannelRecord> {
  constructor(scope: Scope) {
    super(scope, NotificationChannelEntity);
  }
}
