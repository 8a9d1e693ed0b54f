// Shared by the settings tests: the runtime settings over a fresh in-memory database.
import { loadSettings, type Settings } from '../config/settings';
import type { Database } from '../db/database';
import { createRepositories } from '../db/repositories';
import { testDatabase } from '../pipeline/test-fixtures';
import { createRuntimeSettings } from './create-runtime-settings';
import type { RuntimeSettings } from './runtime-settings';

/**
 * A migrated in-memory database, the settings of `env` and the runtime settings over that
 * database: what a settings test starts from. The test closes the database.
 */
export async function runtimeSettingsOn(
  env: NodeJS.ProcessEnv = {},
): Promise<{ db: Database; settings: Settings; runtime: RuntimeSettings }> {
  const db = await testDatabase();
  const settings = loadSettings(env, '/tmp/unused');
  const runtime = await createRuntimeSettings(createRepositories(db).settings, settings, env);
  return { db, settings, runtime };
}
