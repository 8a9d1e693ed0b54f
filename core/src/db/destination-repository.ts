import { DestinationEntity } from './entities/schemas';
import { KeyedTable } from './keyed-table';
import type { DestinationRecord } from './records';
import type { Scope } from './scope';

/** The destinations table. Secrets are not in it: only the paths of their files. */
export class DestinationRepository extends KeyedTable<DestinationRecord> {
  constructor(scope: Scope) {
    super(scope, DestinationEntity);
  }
}
