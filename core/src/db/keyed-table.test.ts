import { describe, expect, it } from 'vitest';
import { seedDestination, testDatabase } from '../pipeline/test-fixtures';
import { DestinationEntity } from './entities/schemas';
import { KeyedTable } from './keyed-table';
import { databaseScope } from './scope';

describe('KeyedTable', () => {
  it('reads, updates (false for an unknown id) and removes rows by id', async () => {
    const db = await testDatabase();
    try {
      const row = await seedDestination(db); // inserted through a KeyedTable (the repository)
      const table = new KeyedTable(databaseScope(db), DestinationEntity);
      expect(await table.get(row.id)).toEqual(row);
      expect(await table.exists(row.id)).toBe(true);
      expect(await table.exists('nope')).toBe(false);
      expect(await table.update({ ...row, name: 'Renamed' })).toBe(true);
      expect(await table.update({ ...row, id: 'nope' })).toBe(false);
      expect(await table.all()).toEqual([{ ...row, name: 'Renamed' }]);
      await table.remove(row.id);
      expect(await table.get(row.id)).toBeNull();
    } finally {
      await db.close();
    }
  });
});
