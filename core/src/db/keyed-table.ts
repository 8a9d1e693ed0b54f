import type { EntitySchema, FindOptionsWhere, QueryDeepPartialEntity } from 'typeorm';
import type { Scope } from './scope';

/**
 * The reads and writes of a table whose rows are keyed by `id`, as every such repository has
 * them (destinations, streams, notification channels); a repository adds its own queries.
 */
export class KeyedTable<R extends { id: string }> {
  constructor(
    protected readonly scope: Scope,
    private readonly entity: EntitySchema<R>,
  ) {}

  /** Every row, in no particular order. */
  all(): Promise<R[]> {
    return this.scope.read.find(this.entity);
  }

  get(id: string): Promise<R | null> {
    return this.scope.read.findOneBy(this.entity, byId<R>(id));
  }

  exists(id: string): Promise<boolean> {
    return this.scope.read.existsBy(this.entity, byId<R>(id));
  }

  async insert(record: R): Promise<void> {
    await this.scope.write((m) => m.insert(this.entity, record as QueryDeepPartialEntity<R>));
  }

  /** Stores every field of `record` on the row with its id; false when there is none. */
  async update(record: R): Promise<boolean> {
    const { id, ...changes } = record;
    const result = await this.scope.write((m) =>
      m.update(this.entity, byId<R>(id), changes as unknown as QueryDeepPartialEntity<R>),
    );
    return Boolean(result.affected);
  }

  async remove(id: string): Promise<void> {
    await this.scope.write((m) => m.delete(this.entity, byId<R>(id)));
  }
}

function byId<R>(id: string): FindOptionsWhere<R> {
  return { id } as unknown as FindOptionsWhere<R>;
}
