const MINUTE = 60_000;

/** A minute boundary at least `aheadMs` from now, and a UTC cron expression for it. */
export function runAhead(aheadMs: number): { at: number; cron: string } {
  const at = Math.ceil((Date.now() + aheadMs) / MINUTE) * MINUTE;
  const d = new Date(at);
  return {
    at,
    cron: `${d.getUTCMinutes()} ${d.getUTCHours()} ${d.getUTCDate()} ${d.getUTCMonth() + 1} *`,
  };
}
