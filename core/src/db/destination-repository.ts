import { DestinationEntity } from './entities/schemas';
import type { DestinationRecord } from './records';
import type { Scope } from './scope';

/** The destinations table. Secrets are not in it: only the paths of their files. */
export class DestinationRepository {
  constructor(private readonly scope: Scope) {}

  /** Every destination, in no particular order. */
  all(): Promise<DestinationRecord[]> {
    return this.scope.read.find(DestinationEntity);
  }

  get(id: string): Promise<DestinationRecord | null> {
    return this.scope.read.findOneBy(DestinationEntity, { id });
  }

  exists(id: string): Promise<boolean> {
    return this.scope.read.existsBy(DestinationEntity, { id });
  }

  async insert(record: DestinationRecord): Promise<void> {
    await this.scope.write((m) => m.insert(DestinationEntity, record));
  }

  /** Stores every field of `record` on the destination with its id; false when there is none. */
  async update(record: DestinationRecord): Promise<boolean> {
    const { id, ...changes } = record;
    const result = await this.scope.write((m) => m.update(DestinationEntity, { id }, changes));
    return Boolean(result.affected);
  }

  async remove(id: string): Promise<void> {
    await this.scope.write((m) => m.delete(DestinationEntity, { id }));
  }
}
