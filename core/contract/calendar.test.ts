import { describe, expect, it } from 'vitest';
import { markClashes, type PlannedRun } from './calendar';

const MIN = 60_000;
function run(scheduleId: string, streamId: string, startMin: number, endMin: number): PlannedRun {
  return {
    scheduleId,
    streamId,
    scheduledAt: startMin * MIN,
    start: startMin * MIN,
    end: endMin * MIN,
  };
}
const flags = (runs: ReturnType<typeof markClashes>) =>
  runs.map((r) => `${r.scheduleId}:${r.sameStreamClash ? 'S' : '-'}${r.overLimit ? 'L' : '-'}`);

describe('markClashes', () => {
  it('runs that do not overlap (or only touch end to start) do not clash', () => {
    const runs = [run('b', 'x', 60, 120), run('a', 'x', 0, 60), run('c', 'y', 120, 180)];
    expect(flags(markClashes(runs, 1))).toEqual(['a:--', 'b:--', 'c:--']);
  });

  it('two overlapping runs of one stream clash with each other, not with a third stream', () => {
    const runs = [run('a', 'x', 0, 60), run('b', 'x', 30, 90), run('c', 'y', 100, 110)];
    expect(flags(markClashes(runs, 5))).toEqual(['a:S-', 'b:S-', 'c:--']);
  });

  it('more runs open at once than the limit: all runs of that moment are over the limit', () => {
    // limit 2: a, b, c are open together at minute 40; d starts after a and b ended
    const runs = [
      run('a', 'x', 0, 60),
      run('b', 'y', 10, 50),
      run('c', 'z', 40, 100),
      run('d', 'w', 70, 80),
    ];
    expect(flags(markClashes(runs, 2))).toEqual(['a:-L', 'b:-L', 'c:-L', 'd:--']);
    // the same runs with a limit of 3 fit
    expect(flags(markClashes(runs, 3))).toEqual(['a:--', 'b:--', 'c:--', 'd:--']);
  });

  it('a long run is still open for a run that starts after shorter ones ended', () => {
    const runs = [run('long', 'x', 0, 600), run('short', 'y', 10, 20), run('late', 'x', 500, 510)];
    expect(flags(markClashes(runs, 5))).toEqual(['long:S-', 'short:--', 'late:S-']);
  });

  it('does not change the runs it was given', () => {
    const runs = [run('a', 'x', 0, 60), run('b', 'x', 30, 90)];
    const copy = structuredClone(runs);
    markClashes(runs, 1);
    expect(runs).toEqual(copy);
  });
});
