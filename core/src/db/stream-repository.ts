import type { Database } from './database';
import type { StreamRecord } from './entities/records';
import { StreamEntity } from './entities/schemas';

/** The stream rows (what the recording pipeline reads of them). */
export class StreamRepository {
  constructor(private readonly db: Database) {}

  find(id: string): Promise<StreamRecord | null> {
    return this.db.reader.findOneBy(StreamEntity, { id });
  }
}
