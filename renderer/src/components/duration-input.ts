import { enterMessage, ruleMessage } from '@contract/field-messages';
import { MAX_RECORD_SECONDS, recordStream } from '@contract/operations';

/** The units a duration is entered in. */
export type DurationUnit = 'seconds' | 'minutes' | 'hours';

export const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600 };

/** A value in a unit as whole seconds (null when there is no value). */
export function toSeconds(value: number | null, unit: DurationUnit): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Math.round(value * UNIT_SECONDS[unit]);
}

/**
 * What is wrong with a manual recording's length (the contract's rule of `streams.record`: 1 s
 * to 24 h, whole seconds), in the forms' one voice; undefined when it is fine.
 */
export function recordDurationProblem(seconds: number | null): string | undefined {
  if (seconds === null) return enterMessage('how long to record');
  const result = recordStream.input.shape.durationSeconds.safeParse(seconds);
  if (result.success) return undefined;
  const rule = result.error.issues[0]?.message ?? 'is not valid';
  return ruleMessage(`${rule} seconds (${MAX_RECORD_SECONDS / 3600} h)`);
}
