import { describe, expect, it } from 'vitest';
import { RECENT_ALERTS_MAX, buildAlert, type AlertEvent } from '../../contract/alerts';
import { RecentAlerts } from './recent-alerts';

const START = Date.parse('2026-11-24T06:00:00.000Z');
const alert = (event: AlertEvent, at: number) =>
  buildAlert({ event, at, timeZone: 'UTC', problems: ['the stream answers 404'] });

describe('RecentAlerts', () => {
  it('answers the newest first, at most RECENT_ALERTS_MAX, none older than a day', () => {
    let now = START;
    const recent = new RecentAlerts(() => now);
    recent.add(alert('preflight.failed', START));
    recent.add(alert('disk.low', START + 60_000));
    expect(recent.list().map((a) => a.event)).toEqual(['disk.low', 'preflight.failed']);

    now = START + 24 * 3_600_000 + 30_000;
    expect(recent.list().map((a) => a.event)).toEqual(['disk.low']);

    for (let i = 0; i < RECENT_ALERTS_MAX + 5; i++) recent.add(alert('preflight.failed', now));
    expect(recent.list()).toHaveLength(RECENT_ALERTS_MAX);
    expect(recent.list().every((a) => a.event === 'preflight.failed')).toBe(true);
  });
});
