import type { EntityManager } from 'typeorm';
import {
  SETTING_NAMES,
  settingsValuesSchema,
  type SettingName,
  type SettingsValues,
} from '../../contract/operations/settings';
import { SettingEntity } from './entities/schemas';
import type { Scope } from './scope';

/**
 * The run-time settings as rows of the settings table: one row per name (the key is the setting's
 * name), the value as JSON. Other rows of the table (kept by other parts) are left alone.
 */
export async function readStoredSettings(manager: EntityManager): Promise<Partial<SettingsValues>> {
  const rows = await manager.find(SettingEntity);
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    if (!(SETTING_NAMES as string[]).includes(row.key)) continue;
    const name = row.key as SettingName;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      continue; // a damaged row falls back to the default rather than stopping the app
    }
    const parsed = settingsValuesSchema.shape[name].safeParse(value);
    if (parsed.success) stored[name] = parsed.data;
  }
  return stored as Partial<SettingsValues>;
}

/** Upserts the given settings. Call inside a `db.write` transaction. */
export async function writeStoredSettings(
  manager: EntityManager,
  values: Partial<SettingsValues>,
): Promise<void> {
  for (const name of SETTING_NAMES) {
    if (values[name] === undefined) continue;
    await manager.save(SettingEntity, { key: name, value: JSON.stringify(values[name]) });
  }
}

/** The stored run-time settings (readStoredSettings, writeStoredSettings). */
export class SettingsRepository {
  constructor(private readonly scope: Scope) {}

  /** The valid stored values; a missing or damaged row is left out. */
  read(): Promise<Partial<SettingsValues>> {
    return readStoredSettings(this.scope.read);
  }

  /** Upserts the given values (one transaction outside `Repositories.write`). */
  write(values: Partial<SettingsValues>): Promise<void> {
    return this.scope.write((m) => writeStoredSettings(m, values));
  }
}
