import { describe, expect, it } from 'vitest';
import { planInstants, zonedParts } from './plan';

const at = (iso: string) => Date.parse(iso);

describe('zonedParts', () => {
  it('reads the wall-clock time in the zone', () => {
    // 09:41:12 UTC is 10:41:12 in Berlin (winter time) and 15:11:12 in Kolkata (+05:30)
    expect(zonedParts(at('2026-11-24T09:41:12Z'), 'Europe/Berlin')).toEqual({
      s: 12,
      m: 41,
      h: 10,
    });
    expect(zonedParts(at('2026-11-24T09:41:12Z'), 'Asia/Kolkata')).toEqual({ s: 12, m: 11, h: 15 });
    expect(zonedParts(at('2026-11-24T23:00:00Z'), 'Europe/Berlin')).toEqual({ s: 0, m: 0, h: 0 });
  });
});

describe('planInstants', () => {
  it('full mode: the next minute boundaries at least leadMs away, as a minute list', () => {
    const plan = planInstants(at('2026-11-24T09:44:50Z'), false, 5, 15_000, 'Europe/Berlin');
    expect(plan.instants.map((t) => new Date(t).toISOString())).toEqual([
      '2026-11-24T09:46:00.000Z',
      '2026-11-24T09:47:00.000Z',
      '2026-11-24T09:48:00.000Z',
      '2026-11-24T09:49:00.000Z',
      '2026-11-24T09:50:00.000Z',
    ]);
    expect(plan.cron).toBe('46,47,48,49,50 * * * *');
  });

  it('full mode: the minute list wraps over the hour in the zone', () => {
    const plan = planInstants(at('2026-11-24T09:57:30Z'), false, 5, 15_000, 'Asia/Kolkata');
    expect(plan.cron).toBe('28,29,30,31,32 * * * *');
    const berlin = planInstants(at('2026-11-24T09:57:30Z'), false, 5, 15_000, 'Europe/Berlin');
    expect(berlin.cron).toBe('58,59,0,1,2 * * * *');
  });

  it('quick mode: the first minute boundary at least leadMs away, 5 fields in the zone', () => {
    const plan = planInstants(at('2026-11-24T09:39:18.400Z'), true, 1, 9000, 'Europe/Berlin');
    expect(plan.instants).toEqual([at('2026-11-24T09:40:00Z')]);
    expect(plan.cron).toBe('40 10 * * *');
  });
});
