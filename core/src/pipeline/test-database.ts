// Test-only (vitest): the in-memory databases of a file's tests, closed after each test.
import { afterEach } from 'vitest';
import type { Database } from '../db/database';
import { testDatabase } from './test-fixtures';

/**
 * Registers, in the calling file, an afterEach that closes every database its test opened;
 * answers the opener (a migrated in-memory database, as testDatabase).
 */
export function testDatabasePerTest(): () => Promise<Database> {
  const opened: Database[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });
  return async () => {
    const db = await testDatabase();
    opened.push(db);
    return db;
  };
}
