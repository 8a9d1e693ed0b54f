import { describe, expect, it } from 'vitest';
import {
  descendantsOf,
  forestUsage,
  parseProcStat,
  parsePss,
  treePids,
  treeUsage,
  TreeSampler,
  type ProcStat,
  type ProcSource,
} from './proc';

// A real line from /proc/<pid>/stat (an ffmpeg), fields 1..52.
const FFMPEG =
  '4242 (ffmpeg) S 4100 4242 4100 0 -1 4194304 2035 0 0 0 153 27 4 1 20 0 3 0 123456 ' +
  '180000000 3000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0';

describe('parseProcStat', () => {
  it('reads ppid, the four CPU times and rss', () => {
    expect(parseProcStat(FFMPEG)).toEqual({
      pid: 4242,
      comm: 'ffmpeg',
      state: 'S',
      ppid: 4100,
      utime: 153,
      stime: 27,
      cutime: 4,
      cstime: 1,
      rssPages: 3000,
    });
  });

  it('survives a command name with spaces and parentheses', () => {
    const odd = FFMPEG.replace('(ffmpeg)', '(we (ird) name)');
    const s = parseProcStat(odd);
    expect(s.comm).toBe('we (ird) name');
    expect(s.ppid).toBe(4100);
    expect(s.utime).toBe(153);
    expect(s.rssPages).toBe(3000);
  });

  it('refuses text that is not a stat line', () => {
    expect(() => parseProcStat('garbage')).toThrow(/not a \/proc/);
  });
});

describe('descendantsOf', () => {
  it('finds children and grandchildren, not siblings or the parent', () => {
    const parentOf = new Map([
      [10, 1],
      [11, 10],
      [12, 10],
      [13, 11],
      [20, 1],
    ]);
    expect(descendantsOf(10, parentOf).sort()).toEqual([11, 12, 13]);
    expect(descendantsOf(13, parentOf)).toEqual([]);
  });
});

/** One /proc/<pid>/stat entry: CPU in ticks of its own (utime) and of its reaped children. */
function procStat(pid: number, ppid: number, cpu: number, reaped: number, pages: number): ProcStat {
  return {
    pid,
    comm: 'x',
    state: 'S',
    ppid,
    utime: cpu,
    stime: 0,
    cutime: reaped,
    cstime: 0,
    rssPages: pages,
  };
}

describe('treeUsage', () => {
  const stat = procStat;
  const units = { ticksPerSecond: 100, pageBytes: 4096 };
  const table = new Map<number, ProcStat>([
    [1, stat(1, 0, 999, 0, 999)], // not in the tree
    [100, stat(100, 1, 50, 200, 10)], // root: 0.5 s own, 2 s of reaped children
    [101, stat(101, 100, 30, 0, 5)],
    [102, stat(102, 101, 20, 0, 5)],
  ]);

  it('all: root + live descendants + everything reaped', () => {
    expect(treeUsage(table, 100, 'all', units)).toEqual({
      cpuSeconds: (50 + 200 + 30 + 20) / 100,
      rootCpuSeconds: 0.5,
      rssBytes: 20 * 4096,
      processes: 3,
    });
  });

  it('children: leaves out the root itself but keeps the children it reaped', () => {
    expect(treeUsage(table, 100, 'children', units)).toEqual({
      cpuSeconds: (200 + 30 + 20) / 100,
      rootCpuSeconds: 0,
      rssBytes: 10 * 4096,
      processes: 2,
    });
  });

  it('forestUsage sums several trees (two app servers as one)', () => {
    const two = new Map(table).set(200, stat(200, 1, 10, 0, 7));
    expect(forestUsage(two, [100, 200], 'all', units)).toEqual({
      cpuSeconds: (50 + 200 + 30 + 20 + 10) / 100,
      rootCpuSeconds: 0.6,
      rssBytes: 27 * 4096,
      processes: 4,
    });
  });

  it('a root that is gone counts nothing of its own', () => {
    expect(treeUsage(new Map(), 100, 'all', units)).toEqual({
      cpuSeconds: 0,
      rootCpuSeconds: 0,
      rssBytes: 0,
      processes: 0,
    });
  });
});

describe('treePids and parsePss', () => {
  it('lists the pids a tree counts', () => {
    const s = (pid: number, ppid: number) =>
      ({
        pid,
        comm: 'x',
        state: 'S',
        ppid,
        utime: 0,
        stime: 0,
        cutime: 0,
        cstime: 0,
        rssPages: 0,
      }) satisfies ProcStat;
    const table = new Map([
      [100, s(100, 1)],
      [101, s(101, 100)],
      [7, s(7, 1)],
    ]);
    expect(treePids(table, 100, 'all')).toEqual([100, 101]);
    expect(treePids(table, 100, 'children')).toEqual([101]);
  });

  it('reads Pss from smaps_rollup', () => {
    const text =
      '55d0-7ffe ---p 00000000 00:00 0 [rollup]\nRss:   51200 kB\nPss:   12345 kB\nPss_Anon:   800 kB\n';
    expect(parsePss(text)).toBe(12345 * 1024);
    expect(parsePss('Rss: 1 kB')).toBeUndefined();
  });
});

describe('TreeSampler', () => {
  const stat = (pid: number, ppid: number, cpu: number, reaped = 0): ProcStat =>
    procStat(pid, ppid, cpu, reaped, 1);
  /** A /proc whose table the test sets: a wrapper (100) and the ffmpeg it runs (101). */
  function fakeProc() {
    let table = new Map<number, ProcStat>();
    const set = (...stats: ProcStat[]) => {
      table = new Map(stats.map((s) => [s.pid, s]));
    };
    const source: ProcSource = { table: () => table, pss: () => 0 };
    return { set, source };
  }

  it('keeps counting a child the wrapper reaped, through the wrapper', () => {
    const proc = fakeProc();
    proc.set(stat(100, 1, 7));
    const sampler = new TreeSampler(100, 'children', 60_000, 5, proc.source).start();
    try {
      proc.set(stat(100, 1, 7), stat(101, 100, 300));
      expect(sampler.sinceStart().cpuSeconds).toBeCloseTo(3);
      // the ffmpeg ended and was reaped: its 5 s are now in the wrapper's cutime
      proc.set(stat(100, 1, 8, 500));
      expect(sampler.sinceStart()).toMatchObject({ rootsGone: [] });
      expect(sampler.sinceStart().cpuSeconds).toBeCloseTo(5);
    } finally {
      sampler.stop();
    }
  });

  // The bug behind "CPU while recording: 0.0 s" for bare ffmpeg at 10 and 200 at once: the
  // wrapper had reaped its ffmpegs and exited before the window's last reading, and a tree whose
  // root is gone summed to 0, so the reading was 0 - 0 = 0.0 s instead of the ffmpegs' CPU.
  it('never reads a tree whose root has exited as 0: the reading is NaN and names the root', () => {
    const proc = fakeProc();
    proc.set(stat(100, 1, 7));
    const sampler = new TreeSampler(100, 'children', 60_000, 5, proc.source).start();
    proc.set(stat(100, 1, 8, 500));
    expect(sampler.sinceStart().cpuSeconds).toBeCloseTo(5);
    proc.set(stat(1, 0, 999));
    const gone = sampler.sinceStart();
    expect(gone.rootsGone).toEqual([100]);
    expect(gone.cpuSeconds).toBeNaN();
    expect(sampler.stop()).toMatchObject({ rootsGone: [100] });
  });

  it('a root that was never there is not "gone" (several roots: only the live ones count)', () => {
    const proc = fakeProc();
    proc.set(stat(100, 1, 10));
    const sampler = new TreeSampler([100, 200], 'all', 60_000, 5, proc.source).start();
    proc.set(stat(100, 1, 60));
    const end = sampler.stop();
    expect(end.rootsGone).toEqual([]);
    expect(end.cpuSeconds).toBeCloseTo(0.5);
  });
});
