import type { z } from 'zod';
import { enterMessage, ruleMessage } from '@contract/field-messages';
import {
  SETTING_NAMES,
  settingsValuesSchema,
  type SettingName,
  type SettingsValues,
} from '@contract/operations';

/** How a setting is edited, from its schema in the contract. */
export type SettingKind =
  | { type: 'number'; min: number; max: number }
  | { type: 'boolean' }
  | { type: 'choice'; options: readonly string[] };

type Shape = typeof settingsValuesSchema.shape;

export function settingKind(name: SettingName): SettingKind {
  const schema = (settingsValuesSchema.shape as Shape)[name] as z.ZodType;
  const def = (schema as unknown as { def: { type: string } }).def;
  if (def.type === 'number') {
    const n = schema as unknown as { minValue: number | null; maxValue: number | null };
    return { type: 'number', min: n.minValue ?? 0, max: n.maxValue ?? Number.MAX_SAFE_INTEGER };
  }
  if (def.type === 'boolean') return { type: 'boolean' };
  if (def.type === 'enum') {
    return { type: 'choice', options: (schema as unknown as { options: string[] }).options };
  }
  return { type: 'choice', options: [] };
}

/**
 * What is wrong with a value of a setting, by the contract's schema (the server's own check),
 * in the forms' one voice (`@contract/field-messages`); undefined when it is fine.
 */
export function settingProblem(name: SettingName, value: unknown): string | undefined {
  const kind = settingKind(name);
  if (kind.type === 'number') {
    if (value === null || value === undefined) return enterMessage('a number');
    const ok = (settingsValuesSchema.shape as Shape)[name].safeParse(value).success;
    return ok ? undefined : ruleMessage(`must be a whole number from ${kind.min} to ${kind.max}`);
  }
  const result = (settingsValuesSchema.shape as Shape)[name].safeParse(value);
  return result.success
    ? undefined
    : ruleMessage(result.error.issues[0]?.message ?? 'is not valid');
}

/** The settings that differ between `draft` and `saved` (only names the contract knows). */
export function changedSettings(
  draft: Partial<Record<SettingName, unknown>>,
  saved: SettingsValues,
): Partial<SettingsValues> {
  const out: Partial<SettingsValues> = {};
  for (const name of SETTING_NAMES) {
    if (draft[name] !== undefined && draft[name] !== saved[name]) {
      Object.assign(out, { [name]: draft[name] });
    }
  }
  return out;
}
