import { describe, expect, it } from 'vitest';
import { ScheduleCatalog } from './schedule-catalog';
import { scheduleSpec } from './schedule-fixtures';
import type { ScheduleSource, ScheduleSpec } from './schedule-spec';

/** A source over `rows` that counts its reads; `hold` makes the next read of all wait. */
function countingSource(rows: Map<string, ScheduleSpec>) {
  const reads = { all: 0, one: 0, marked: [] as [string, number][] };
  let hold: Promise<void> | null = null;
  const source: ScheduleSource = {
    async active() {
      reads.all++;
      const listed = [...rows.values()].filter((s) => s.isActive);
      if (hold) await hold;
      return listed;
    },
    async get(id) {
      reads.one++;
      return rows.get(id) ?? null;
    },
    async markRun(id, at) {
      reads.marked.push([id, at]);
    },
  };
  return {
    source,
    reads,
    holdNextRead() {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = null;
        release();
      };
    },
  };
}

const ids = (specs: readonly ScheduleSpec[]) => specs.map((s) => s.id);

describe('ScheduleCatalog', () => {
  it('one read of all serves the scheduler and pre-flight; a change reads one schedule', async () => {
    const rows = new Map([
      ['a', scheduleSpec({ id: 'a' })],
      ['b', scheduleSpec({ id: 'b' })],
      ['p', scheduleSpec({ id: 'p', isActive: false })],
    ]);
    const { source, reads } = countingSource(rows);
    const catalog = new ScheduleCatalog(source);
    expect(ids(await catalog.active())).toEqual(['a', 'b']);
    expect(ids(await catalog.current())).toEqual(['a', 'b']);
    expect(reads).toMatchObject({ all: 1, one: 0 });

    rows.set('c', scheduleSpec({ id: 'c' }));
    rows.set('a', scheduleSpec({ id: 'a', isActive: false }));
    rows.delete('b');
    expect(await catalog.get('c')).toMatchObject({ id: 'c' });
    expect(await catalog.get('a')).toMatchObject({ id: 'a', isActive: false });
    expect(await catalog.get('b')).toBeNull();
    expect(ids(await catalog.current())).toEqual(['c']);
    expect(reads).toMatchObject({ all: 1, one: 3 });
  });

  it('reads all when asked for the current ones before any read', async () => {
    const { source, reads } = countingSource(new Map([['a', scheduleSpec({ id: 'a' })]]));
    const catalog = new ScheduleCatalog(source);
    expect(ids(await catalog.current())).toEqual(['a']);
    expect(ids(await catalog.current())).toEqual(['a']);
    expect(reads.all).toBe(1);
  });

  it('a schedule read on its own during a read of all keeps the newer reading', async () => {
    const rows = new Map([
      ['a', scheduleSpec({ id: 'a', cronExpression: '0 6 * * *' })],
      ['b', scheduleSpec({ id: 'b' })],
    ]);
    const { source, holdNextRead } = countingSource(rows);
    const catalog = new ScheduleCatalog(source);
    const release = holdNextRead();
    const all = catalog.active(); // lists a (06:00) and b, then waits
    await Promise.resolve();
    rows.set('a', scheduleSpec({ id: 'a', cronExpression: '0 9 * * *' }));
    rows.delete('b');
    await catalog.get('a');
    await catalog.get('b');
    release();
    expect(ids(await all)).toEqual(['a', 'b']); // the scheduler gets the read as it was
    expect(await catalog.current()).toEqual([
      scheduleSpec({ id: 'a', cronExpression: '0 9 * * *' }),
    ]);
  });

  it('notes a run on the source and in the schedule it keeps, only forward', async () => {
    const { source, reads } = countingSource(new Map([['a', scheduleSpec({ id: 'a' })]]));
    const catalog = new ScheduleCatalog(source);
    await catalog.active();
    await catalog.markRun('a', 2000);
    await catalog.markRun('a', 1000);
    expect(reads.marked).toEqual([
      ['a', 2000],
      ['a', 1000],
    ]);
    expect((await catalog.current())[0]?.lastRunTime).toBe(2000);
  });
});
