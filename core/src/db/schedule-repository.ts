import { ScheduleEntity } from './entities/schemas';
import type { ScheduleRecord } from './records';
import type { Scope } from './scope';

const oldestFirst = { createdAt: 'ASC', id: 'ASC' } as const;

/** The schedules table. */
export class ScheduleRepository {
  constructor(private readonly scope: Scope) {}

  /** The schedules (of one stream, when given), oldest first. */
  list(streamId?: string): Promise<ScheduleRecord[]> {
    return this.scope.read.find(ScheduleEntity, {
      where: streamId ? { streamId } : {},
      order: oldestFirst,
    });
  }

  /** The active schedules, oldest first. */
  active(): Promise<ScheduleRecord[]> {
    return this.scope.read.find(ScheduleEntity, { where: { isActive: true }, order: oldestFirst });
  }

  get(id: string): Promise<ScheduleRecord | null> {
    return this.scope.read.findOneBy(ScheduleEntity, { id });
  }

  async insert(record: ScheduleRecord): Promise<void> {
    await this.scope.write((m) => m.insert(ScheduleEntity, record));
  }

  /** Stores `record` whole (inserted when its id is new). */
  async save(record: ScheduleRecord): Promise<void> {
    await this.scope.write((m) => m.save(ScheduleEntity, record));
  }

  async remove(id: string): Promise<void> {
    await this.scope.write((m) => m.delete(ScheduleEntity, { id }));
  }

  /** Sets lastRunTime to `at` (ISO-8601) unless it is already that or later. */
  async markRun(id: string, at: string): Promise<void> {
    await this.scope.write((m) =>
      m
        .createQueryBuilder()
        .update(ScheduleEntity)
        .set({ lastRunTime: at })
        .where('id = :id AND ("lastRunTime" IS NULL OR "lastRunTime" < :at)', { id, at })
        .execute(),
    );
  }
}
