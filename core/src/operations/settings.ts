import {
  SETTING_NAMES,
  settingsGet,
  settingsUpdate,
  type SettingsDto,
} from '../../contract/operations/settings';
import type { RuntimeSettings } from '../settings/runtime-settings';
import type { OperationContext } from './context';
import { implement } from './operation-table';

function toDto(runtime: RuntimeSettings): SettingsDto {
  return { ...runtime.get(), lockedByEnv: [...runtime.lockedByEnv] };
}

/** What the settings operations use. */
export type SettingsOpsContext = Pick<OperationContext, 'runtime' | 'logger' | 'events' | 'active'>;

export const settingsOperations = [
  implement(settingsGet, async (_input, ctx: SettingsOpsContext) => toDto(ctx.runtime)),
  implement(settingsUpdate, async (input, ctx: SettingsOpsContext) => {
    const { lockedByEnv: _ignored, ...patch } = input;
    const before = ctx.runtime.get();
    const after = await ctx.runtime.update(patch);
    const changed = SETTING_NAMES.filter((name) => before[name] !== after[name]);
    if (changed.length > 0) {
      ctx.logger.info(
        `Settings changed: ${changed.map((n) => `${n} = ${String(after[n])}`).join(', ')}.`,
      );
    }
    if (before.maxConcurrentRecordings !== after.maxConcurrentRecordings) {
      ctx.events.emit('system', {
        activeRecordings: ctx.active.count,
        maxConcurrentRecordings: after.maxConcurrentRecordings,
      });
    }
    return toDto(ctx.runtime);
  }),
];
