import { NotificationChannelEntity } from './entities/alert-schemas';
import type { NotificationChannelRecord } from './records';
import type { Scope } from './scope';

/** The notification_channels table. Secrets are not in it: only the paths of their files. */
export class ChannelRepository {
  constructor(private readonly scope: Scope) {}

  /** Every channel, in no particular order. */
  all(): Promise<NotificationChannelRecord[]> {
    return this.scope.read.find(NotificationChannelEntity);
  }

  get(id: string): Promise<NotificationChannelRecord | null> {
    return this.scope.read.findOneBy(NotificationChannelEntity, { id });
  }

  async insert(record: NotificationChannelRecord): Promise<void> {
    await this.scope.write((m) => m.insert(NotificationChannelEntity, record));
  }

  /** Stores every field of `record` on the channel with its id; false when there is none. */
  async update(record: NotificationChannelRecord): Promise<boolean> {
    const { id, ...changes } = record;
    const result = await this.scope.write((m) =>
      m.update(NotificationChannelEntity, { id }, changes),
    );
    return Boolean(result.affected);
  }

  async remove(id: string): Promise<void> {
    await this.scope.write((m) => m.delete(NotificationChannelEntity, { id }));
  }
}
