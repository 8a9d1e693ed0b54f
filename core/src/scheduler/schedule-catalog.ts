import type { ScheduleSource, ScheduleSpec } from './schedule-spec';

/**
 * The one reading of the active schedules, shared by the scheduler and pre-flight: the scheduler
 * reads through it (all at start and after a restore, one schedule after each change) and
 * pre-flight plans from what was read last (`current`), so a change costs one read, not a read of
 * every schedule for pre-flight too. A schedule read on its own while all are being read keeps
 * that newer reading.
 */
export class ScheduleCatalog implements ScheduleSource {
  private specs = new Map<string, ScheduleSpec>();
  private loaded = false;
  /** Counts reads of single schedules; changedAt: the count at each schedule's last one. */
  private changes = 0;
  private readonly changedAt = new Map<string, number>();

  constructor(private readonly source: ScheduleSource) {}

  /** Reads all active schedules (as the source lists them) and keeps them. */
  async active(): Promise<ScheduleSpec[]> {
    const since = this.changes;
    const read = await this.source.active();
    const next = new Map(read.map((spec) => [spec.id, spec]));
    for (const [id, at] of this.changedAt) {
      if (at <= since) {
        this.changedAt.delete(id);
        continue;
      }
      const newer = this.specs.get(id);
      if (newer) next.set(id, newer);
      else next.delete(id);
    }
    this.specs = next;
    this.loaded = true;
    return read;
  }

  /** Reads one schedule and keeps it (or forgets it when it is paused or gone). */
  async get(id: string): Promise<ScheduleSpec | null> {
    const at = ++this.changes;
    this.changedAt.set(id, at);
    const spec = await this.source.get(id);
    if (this.changedAt.get(id) === at) {
      if (spec?.isActive) this.specs.set(id, spec);
      else this.specs.delete(id);
    }
    return spec;
  }

  async markRun(id: string, scheduledAt: number): Promise<void> {
    await this.source.markRun(id, scheduledAt);
    const spec = this.specs.get(id);
    if (spec && (spec.lastRunTime ?? -Infinity) < scheduledAt) {
      this.specs.set(id, { ...spec, lastRunTime: scheduledAt });
    }
  }

  /** The active schedules as last read (read now when nothing was read yet). */
  async current(): Promise<readonly ScheduleSpec[]> {
    if (!this.loaded) await this.active();
    return [...this.specs.values()];
  }
}
