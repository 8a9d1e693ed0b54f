/** The units a duration is entered in. */
export type DurationUnit = 'seconds' | 'minutes' | 'hours';

export const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600 };

/** A value in a unit as whole seconds (null when there is no value). */
export function toSeconds(value: number | null, unit: DurationUnit): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Math.round(value * UNIT_SECONDS[unit]);
}
