import type { Database } from './database';
import type { ScheduleRecord } from './entities/records';
import { ScheduleEntity } from './entities/schemas';

/** The schedule rows (what crash recovery reads of them). */
export class ScheduleRepository {
  constructor(private readonly db: Database) {}

  find(id: string): Promise<ScheduleRecord | null> {
    return this.db.reader.findOneBy(ScheduleEntity, { id });
  }
}
