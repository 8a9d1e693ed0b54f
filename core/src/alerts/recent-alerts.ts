import { RECENT_ALERTS_HOURS, RECENT_ALERTS_MAX, type AlertPayload } from '../../contract/alerts';

/**
 * The alerts raised lately, whichever channels took them (or none): what `alerts.recent`
 * answers, for the dashboard. In memory: at most RECENT_ALERTS_MAX, none older than
 * RECENT_ALERTS_HOURS (a restart starts again; its checks raise what still holds).
 */
export class RecentAlerts {
  private items: AlertPayload[] = [];

  constructor(private readonly now: () => number) {}

  add(payload: AlertPayload): void {
    this.items = [payload, ...this.items].slice(0, RECENT_ALERTS_MAX);
  }

  /** Newest first (by when each was raised), none older than RECENT_ALERTS_HOURS. */
  list(): AlertPayload[] {
    const since = this.now() - RECENT_ALERTS_HOURS * 3_600_000;
    this.items = this.items.filter((a) => Date.parse(a.at) >= since);
    return [...this.items];
  }
}
