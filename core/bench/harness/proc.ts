// CPU time and memory of a process tree, read from /proc (Linux).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** The fields of /proc/<pid>/stat the benchmarks use (times in clock ticks, rss in pages). */
export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  utime: number;
  stime: number;
  /** CPU time of children this process has waited for (getrusage(RUSAGE_CHILDREN)). */
  cutime: number;
  cstime: number;
  rssPages: number;
}

/**
 * Parses one /proc/<pid>/stat line. `comm` may hold spaces and parentheses, so the fields are
 * counted from the LAST ')'. Field numbers (proc(5)): 4 ppid, 14 utime, 15 stime, 16 cutime,
 * 17 cstime, 24 rss.
 */
export function parseProcStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open)
    throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state): field n is rest[n - 3]
  const field = (n: number) => Number(rest[n - 3]);
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    ppid: field(4),
    utime: field(14),
    stime: field(15),
    cutime: field(16),
    cstime: field(17),
    rssPages: field(24),
  };
}

/** Every process below `root` (children, grandchildren, ...), given each process's parent. */
export function descendantsOf(root: number, parentOf: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentOf) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** What a tree uses at one instant. */
export interface TreeUsage {
  /** CPU seconds so far: see treeUsage. */
  cpuSeconds: number;
  /** Of which the root process itself (utime + stime; 0 in `children` mode). */
  rootCpuSeconds: number;
  /** Resident memory summed over the processes counted (shared pages count once per process). */
  rssBytes: number;
  /** Processes counted (the root included when it counts). */
  processes: number;
}

/**
 * `all`: the root process and everything below it. `children`: only what runs below the root
 * (the root's own CPU and memory are left out; the CPU of children it has reaped is counted),
 * for a wrapper that only starts the baseline programs.
 */
export type TreeMode = 'all' | 'children';

export interface Units {
  /** Clock ticks per second (getconf CLK_TCK). */
  ticksPerSecond: number;
  /** Bytes per page (getconf PAGESIZE). */
  pageBytes: number;
}

/**
 * CPU and memory of the tree under `root` from a table of /proc stats. CPU = for every live
 * process of the tree: utime + stime + cutime + cstime, i.e. its own time plus that of the
 * children it reaped (getrusage children totals). A child that exits moves its time into its
 * parent's cutime/cstime, so the sum stays exact across exits (except for the instant between a
 * child's last sample and its reaping). In `children` mode the root adds only cutime + cstime.
 */
export function treeUsage(
  table: ReadonlyMap<number, ProcStat>,
  root: number,
  mode: TreeMode,
  units: Units,
): TreeUsage {
  const rootStat = table.get(root);
  const parentOf = new Map<number, number>();
  for (const [pid, s] of table) parentOf.set(pid, s.ppid);
  let ticks = 0;
  let rootTicks = 0;
  let pages = 0;
  let processes = 0;
  if (rootStat) {
    ticks += rootStat.cutime + rootStat.cstime;
    if (mode === 'all') {
      rootTicks = rootStat.utime + rootStat.stime;
      ticks += rootTicks;
      pages += rootStat.rssPages;
      processes++;
    }
  }
  for (const pid of descendantsOf(root, parentOf)) {
    const s = table.get(pid)!;
    ticks += s.utime + s.stime + s.cutime + s.cstime;
    pages += s.rssPages;
    processes++;
  }
  return {
    cpuSeconds: ticks / units.ticksPerSecond,
    rootCpuSeconds: rootTicks / units.ticksPerSecond,
    rssBytes: pages * units.pageBytes,
    processes,
  };
}

/** treeUsage of several trees, summed (e.g. two app servers measured as one). */
export function forestUsage(
  table: ReadonlyMap<number, ProcStat>,
  roots: readonly number[],
  mode: TreeMode,
  units: Units,
): TreeUsage {
  const sum: TreeUsage = { cpuSeconds: 0, rootCpuSeconds: 0, rssBytes: 0, processes: 0 };
  for (const root of roots) {
    const u = treeUsage(table, root, mode, units);
    sum.cpuSeconds += u.cpuSeconds;
    sum.rootCpuSeconds += u.rootCpuSeconds;
    sum.rssBytes += u.rssBytes;
    sum.processes += u.processes;
  }
  return sum;
}

/** The pids treeUsage counts for `root` in `mode`. */
export function treePids(
  table: ReadonlyMap<number, ProcStat>,
  root: number,
  mode: TreeMode,
): number[] {
  const parentOf = new Map<number, number>();
  for (const [pid, s] of table) parentOf.set(pid, s.ppid);
  const below = descendantsOf(root, parentOf);
  return mode === 'all' && table.has(root) ? [root, ...below] : below;
}

/** `Pss:` of /proc/<pid>/smaps_rollup in bytes (shared pages split among their users). */
export function parsePss(smapsRollup: string): number | undefined {
  const kb = /^Pss:\s+(\d+) kB/m.exec(smapsRollup)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

function readPss(pid: number): number {
  try {
    return parsePss(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')) ?? 0;
  } catch {
    return 0;
  }
}

let cachedUnits: Units | undefined;

/** CLK_TCK and PAGESIZE of this machine (getconf; 100 and 4096 when getconf is missing). */
export function systemUnits(): Units {
  if (cachedUnits) return cachedUnits;
  const getconf = (name: string, fallback: number) => {
    try {
      const v = Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim());
      return Number.isFinite(v) && v > 0 ? v : fallback;
    } catch {
      return fallback;
    }
  };
  cachedUnits = { ticksPerSecond: getconf('CLK_TCK', 100), pageBytes: getconf('PAGESIZE', 4096) };
  return cachedUnits;
}

/** /proc/<pid>/stat of one process, or undefined when it is gone. */
export function readProcStat(pid: number | 'self'): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The stat of every process on the machine (a few ms for a few hundred processes). */
export function readProcessTable(): Map<number, ProcStat> {
  const table = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat) table.set(stat.pid, stat);
  }
  return table;
}

/** This process's own CPU and that of its reaped children, and its peak RSS (VmHWM). */
export interface SelfUsage {
  selfCpuSeconds: number;
  childrenCpuSeconds: number;
  maxRssBytes: number;
}

/** For workers: what they used, reported in their last message before they exit. */
export function selfUsage(): SelfUsage {
  const units = systemUnits();
  const cpu = process.cpuUsage();
  const stat = readProcStat('self');
  return {
    selfCpuSeconds: (cpu.user + cpu.system) / 1e6,
    childrenCpuSeconds: stat ? (stat.cutime + stat.cstime) / units.ticksPerSecond : Number.NaN,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

export interface SamplerResult {
  /**
   * CPU seconds of the tree between start() and stop(); NaN when a root had exited by then (the
   * CPU of the children it reaped left with it, so the tree can no longer be read: see rootsGone).
   */
  cpuSeconds: number;
  /** Of which the root process itself. */
  rootCpuSeconds: number;
  /**
   * The largest summed PSS seen (sampled every `pssEvery` samples): memory with each shared
   * page (ffmpeg's libraries) split among the processes that map it, where RSS counts it in full
   * for every process.
   */
  peakPssBytes: number;
  /** The largest summed RSS seen in any sample. */
  peakRssBytes: number;
  /** The most processes seen in the tree at once. */
  peakProcesses: number;
  samples: number;
  /** Roots seen at start() that were gone at this reading. */
  rootsGone: number[];
}

/** Where a sampler reads processes from: /proc, or a test's tables. */
export interface ProcSource {
  table(): ReadonlyMap<number, ProcStat>;
  pss(pid: number): number;
}

export const procFs: ProcSource = { table: readProcessTable, pss: readPss };

/**
 * Samples a process tree (or several, summed: `root` may list their roots) every `intervalMs`
 * (default 100 ms): peak summed RSS, and CPU seconds from start() to stop() (exact at both ends,
 * see treeUsage, as long as every root is still there: the CPU of the children a root reaped is
 * only readable in the root's own cutime/cstime, so a reading after a root exited is NaN, never a
 * silent 0 — keep a wrapper alive until its last reading). snapshot() reads it now.
 */
export class TreeSampler {
  private timer: NodeJS.Timeout | undefined;
  private startCpu = 0;
  private startRootCpu = 0;
  private peakRss = 0;
  private peakPss = 0;
  private peakProcesses = 0;
  private samples = 0;
  private readonly units = systemUnits();
  /** Roots present at start(). */
  private startedRoots: readonly number[] = [];

  private readonly roots: readonly number[];

  constructor(
    root: number | readonly number[],
    private readonly mode: TreeMode,
    private readonly intervalMs = 100,
    private readonly pssEvery = 5,
    private readonly source: ProcSource = procFs,
  ) {
    this.roots = typeof root === 'number' ? [root] : root;
  }

  /** Reads the tree now (and updates the peaks). */
  snapshot(): TreeUsage & { rootsGone: number[] } {
    return this.read(this.source.table());
  }

  private read(table: ReadonlyMap<number, ProcStat>): TreeUsage & { rootsGone: number[] } {
    const usage = forestUsage(table, this.roots, this.mode, this.units);
    if (this.samples % this.pssEvery === 0) {
      const pids = this.roots.flatMap((r) => treePids(table, r, this.mode));
      const pss = pids.reduce((sum, pid) => sum + this.source.pss(pid), 0);
      if (pss > this.peakPss) this.peakPss = pss;
    }
    this.samples++;
    if (usage.rssBytes > this.peakRss) this.peakRss = usage.rssBytes;
    if (usage.processes > this.peakProcesses) this.peakProcesses = usage.processes;
    return { ...usage, rootsGone: this.startedRoots.filter((r) => !table.has(r)) };
  }

  /** CPU since start() of a reading (NaN when a root is gone), the root's own likewise. */
  private since(now: TreeUsage & { rootsGone: number[] }) {
    const lost = now.rootsGone.length > 0;
    return {
      cpuSeconds: lost ? Number.NaN : now.cpuSeconds - this.startCpu,
      rootCpuSeconds: lost ? Number.NaN : now.rootCpuSeconds - this.startRootCpu,
      rootsGone: now.rootsGone,
    };
  }

  /** CPU seconds since start() (the tree's, and the root's own), and the peaks so far. */
  sinceStart(): {
    cpuSeconds: number;
    rootCpuSeconds: number;
    peakProcesses: number;
    peakPssBytes: number;
    rootsGone: number[];
  } {
    return {
      ...this.since(this.snapshot()),
      peakProcesses: this.peakProcesses,
      peakPssBytes: this.peakPss,
    };
  }

  start(): this {
    const table = this.source.table();
    this.startedRoots = this.roots.filter((r) => table.has(r));
    const first = this.read(table);
    this.startCpu = first.cpuSeconds;
    this.startRootCpu = first.rootCpuSeconds;
    this.timer = setInterval(() => this.snapshot(), this.intervalMs);
    return this;
  }

  stop(): SamplerResult {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return {
      ...this.since(this.snapshot()),
      peakPssBytes: this.peakPss,
      peakRssBytes: this.peakRss,
      peakProcesses: this.peakProcesses,
      samples: this.samples,
    };
  }
}
