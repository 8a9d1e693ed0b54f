import { AppError } from '../../contract';
import {
  SETTING_ENV_VARS,
  SETTING_NAMES,
  settingsValuesSchema,
  type SettingName,
} from '../../contract/operations/settings';
import type { Settings } from '../config/settings';
import type { SettingsRepository } from '../db/settings-repository';
import { validationError } from '../operations/operation-table';
import { envOverrides } from './env-overrides';
import type { RuntimeSettings, RuntimeSettingsValues } from './runtime-settings';

const patchSchema = settingsValuesSchema.partial();

/**
 * The run-time settings: defaults from the environment's settings, overridden by the rows of the
 * settings table (`store`), except for the names an environment variable fixes (those always come
 * from the environment and are listed in `lockedByEnv`). Reads the table once here; `get()` is
 * synchronous.
 */
export async function createRuntimeSettings(
  store: Pick<SettingsRepository, 'read' | 'write'>,
  envSettings: Settings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RuntimeSettings> {
  const { defaults, locked } = envOverrides(envSettings, env);
  const listeners = new Set<(values: RuntimeSettingsValues) => void>();

  const effective = (stored: Partial<RuntimeSettingsValues>): RuntimeSettingsValues => {
    const values = { ...defaults, ...stored };
    for (const name of locked) Object.assign(values, { [name]: defaults[name] });
    return values;
  };
  const notify = (values: RuntimeSettingsValues) => {
    for (const listener of listeners) {
      try {
        listener({ ...values });
      } catch {
        /* a failing listener must not undo a saved change */
      }
    }
  };

  let current = effective(await store.read());
  // updates and reloads run one after another, so that none works from a stale `current`
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };

  return {
    lockedByEnv: locked,
    get: () => ({ ...current }),
    update: (patch) =>
      serial(async () => {
        const parsed = patchSchema.safeParse(patch);
        if (!parsed.success) throw validationError(parsed.error);
        const changes = parsed.data;
        for (const name of Object.keys(changes) as SettingName[]) {
          if (locked.includes(name) && changes[name] !== current[name]) {
            throw new AppError(
              'CONFLICT',
              // the field names the setting; the sentence is shown under it, so it says "this"
              `This setting is set by the environment variable ${SETTING_ENV_VARS[name]}: change it there and restart.`,
              { field: name },
            );
          }
        }
        const writable: Partial<RuntimeSettingsValues> = {};
        for (const name of SETTING_NAMES) {
          if (changes[name] !== undefined && !locked.includes(name)) {
            Object.assign(writable, { [name]: changes[name] });
          }
        }
        if (Object.keys(writable).length === 0) return { ...current };
        await store.write(writable);
        current = { ...current, ...writable };
        notify(current);
        return { ...current };
      }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload: () =>
      serial(async () => {
        current = effective(await store.read());
        notify(current);
        return { ...current };
      }),
  };
}
