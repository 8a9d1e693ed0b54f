// When the scheduled runs of the start-precision benchmark happen, and the cron that says so.

/** Second, minute and hour of an instant in a time zone. */
export function zonedParts(ms: number, timeZone: string): { s: number; m: number; h: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { s: get('second'), m: get('minute'), h: get('hour') };
}

/**
 * The instants and the cron expression that fires exactly at them: full mode, `count` real
 * minute boundaries in a row (`m1,m2,… * * * *`); quick mode, the first minute boundary at least
 * `leadMs` away (`m h * * *`: schedules have 5 fields, no seconds).
 */
export function planInstants(
  now: number,
  quick: boolean,
  count: number,
  leadMs: number,
  timeZone: string,
): { instants: number[]; cron: string } {
  if (quick) {
    const at = Math.ceil((now + leadMs) / 60_000) * 60_000;
    const p = zonedParts(at, timeZone);
    return { instants: [at], cron: `${p.m} ${p.h} * * *` };
  }
  const first = Math.ceil((now + leadMs) / 60_000) * 60_000;
  const instants = Array.from({ length: count }, (_, i) => first + i * 60_000);
  const minutes = instants.map((t) => zonedParts(t, timeZone).m);
  return { instants, cron: `${minutes.join(',')} * * * *` };
}
