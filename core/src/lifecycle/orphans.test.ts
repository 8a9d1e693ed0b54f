import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../ports/logger';
import { stopOrphanCaptures, type OrphanFiles } from './orphans';
import type { ProcessControl } from './process-control';

const dir = '/data/parts/s1';
const part = (n: string) => `${dir}/part-${n}.mka`;

/** A process table: pid → arguments; signals follow each process's reaction. */
function fakeProcesses(
  table: Map<number, string[]>,
  reaction: Record<number, { onTerm?: 'exit' | 'ignore'; onKill?: 'exit' | 'ignore' }> = {},
) {
  const sent: string[] = [];
  const control: ProcessControl = {
    commandLine: async (pid) => table.get(pid),
    signal: (pid, sig) => {
      sent.push(`${pid}:${sig}`);
      if (!table.has(pid)) return false;
      const r = reaction[pid] ?? {};
      const what = sig === 'SIGTERM' ? (r.onTerm ?? 'exit') : (r.onKill ?? 'exit');
      if (what === 'exit') table.delete(pid);
      return true;
    },
  };
  return { control, sent };
}

function fakeFiles(files: Record<string, string>): OrphanFiles & { files: Record<string, string> } {
  return {
    files,
    list: async (d) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`${d}/`))
        .map((p) => p.slice(d.length + 1)),
    readText: async (p) => files[p],
    remove: async (p) => {
      delete files[p];
    },
  };
}

function deps(table: Map<number, string[]>, files: Record<string, string>, reaction = {}) {
  const p = fakeProcesses(table, reaction);
  const f = fakeFiles(files);
  const logger = memoryLogger();
  let slept = 0;
  return {
    sent: p.sent,
    files: f.files,
    logger,
    slept: () => slept,
    deps: {
      processes: p.control,
      files: f,
      logger,
      sleep: async (ms: number) => {
        slept += ms;
      },
      graceMs: 1000,
      pollMs: 100,
    },
  };
}

describe('stopOrphanCaptures', () => {
  it('stops an ffmpeg still writing its part with SIGTERM and removes the pid file', async () => {
    const t = deps(new Map([[500, ['ffmpeg', '-i', 'http://x', part('002')]]]), {
      [`${dir}/part-001.mka`]: 'x',
      [`${dir}/part-002.mka`]: 'x',
      [`${dir}/part-002.pid`]: '500\n',
    });
    const out = await stopOrphanCaptures(dir, t.deps, { sessionId: 's1' });
    expect(out).toEqual([{ pid: 500, part: part('002'), result: 'terminated' }]);
    expect(t.sent).toEqual(['500:SIGTERM']);
    expect(t.files[`${dir}/part-002.pid`]).toBeUndefined();
    expect(t.files[`${dir}/part-002.mka`]).toBe('x');
    expect(t.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        sessionId: 's1',
        message: expect.stringMatching(/pid 500.*still writing/),
      }),
    );
  });

  it('escalates to SIGKILL after the grace when SIGTERM is ignored', async () => {
    const t = deps(
      new Map([[501, ['ffmpeg', part('001')]]]),
      { [`${dir}/part-001.pid`]: '501' },
      { 501: { onTerm: 'ignore' } },
    );
    const out = await stopOrphanCaptures(dir, t.deps);
    expect(out[0]!.result).toBe('killed');
    expect(t.sent).toEqual(['501:SIGTERM', '501:SIGKILL']);
    expect(t.slept()).toBeGreaterThanOrEqual(1000);
    expect(t.files[`${dir}/part-001.pid`]).toBeUndefined();
  });

  it('never signals a pid that now belongs to another program, or to no program', async () => {
    const t = deps(
      new Map([
        [600, ['bash']],
        [601, ['ffmpeg', part('009')]],
      ]),
      {
        [`${dir}/part-001.pid`]: '600',
        [`${dir}/part-002.pid`]: '601',
        [`${dir}/part-003.pid`]: '602',
        [`${dir}/part-004.pid`]: 'garbage',
      },
    );
    expect(await stopOrphanCaptures(dir, t.deps)).toEqual([]);
    expect(t.sent).toEqual([]);
    expect(Object.keys(t.files)).toEqual([]);
  });

  it('reports one that survives even SIGKILL and keeps its pid file', async () => {
    const t = deps(
      new Map([[700, ['ffmpeg', part('001')]]]),
      { [`${dir}/part-001.pid`]: '700' },
      { 700: { onTerm: 'ignore', onKill: 'ignore' } },
    );
    const out = await stopOrphanCaptures(dir, t.deps);
    expect(out[0]!.result).toBe('survived');
    expect(t.files[`${dir}/part-001.pid`]).toBe('700');
    expect(t.logger.entries.some((e) => e.level === 'error')).toBe(true);
  });

  it('does nothing in a folder without pid files', async () => {
    const t = deps(new Map(), { [`${dir}/part-001.mka`]: 'x' });
    expect(await stopOrphanCaptures(dir, t.deps)).toEqual([]);
    expect(await stopOrphanCaptures('/nowhere', t.deps)).toEqual([]);
  });
});
