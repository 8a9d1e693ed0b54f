import { describe, expect, it } from 'vitest';
import { BoundedLog, runToCompletion, spawnRunner, type RunningProcess } from './process';

// Small node programs stand in for ffmpeg: they show which step of the stop sequence ended them.
// Each says "ready" once its handlers are in place: a node process can take far longer than the
// usual 100 ms to start on a busy machine, and a SIGTERM before its handler would end it at once.
const node = process.execPath;
const ready = `console.error('ready'); setInterval(() => {}, 1000);`;
const quitsOnQ = `process.stdin.on('data', d => { if (String(d).includes('q')) { console.error('got q'); process.exit(0); } }); ${ready}`;
const ignoresQ = `process.stdin.on('data', () => {}); process.on('SIGTERM', () => { console.error('got TERM'); process.exit(3); }); ${ready}`;
const ignoresAll = `process.stdin.on('data', () => {}); process.on('SIGTERM', () => { console.error('ignored TERM'); }); ${ready}`;

async function readyToStop(p: RunningProcess): Promise<void> {
  while (!p.stderr.toString().includes('ready')) {
    if (p.hasExited) throw new Error(`the test program ended: ${p.stderr.toString()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('spawnRunner.stop', () => {
  it('asks politely first: q on stdin', async () => {
    const p = spawnRunner.start(node, ['-e', quitsOnQ]);
    await readyToStop(p);
    const exit = await p.stop({ graceMs: 2000 });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(p.stderr.toString()).toContain('got q');
  });

  it('then sends one SIGTERM after the grace period', async () => {
    const p = spawnRunner.start(node, ['-e', ignoresQ]);
    await readyToStop(p);
    const started = Date.now();
    const exit = await p.stop({ graceMs: 300 });
    expect(exit.code).toBe(3);
    expect(p.stderr.toString().match(/got TERM/g)).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('and SIGKILL only when SIGTERM did not end it; stop() twice is one sequence', async () => {
    const p = spawnRunner.start(node, ['-e', ignoresAll]);
    await readyToStop(p);
    const [a, b] = await Promise.all([p.stop({ graceMs: 200 }), p.stop({ graceMs: 200 })]);
    expect(a).toEqual({ code: null, signal: 'SIGKILL' });
    expect(b).toBe(a);
    expect(p.stderr.toString().match(/ignored TERM/g)).toHaveLength(1);
  });

  it('passes arguments as an array, never through a shell', async () => {
    const run = await runToCompletion(spawnRunner, node, [
      '-e',
      'console.log(process.argv[1])',
      '$(echo injected); rm -rf /',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('$(echo injected); rm -rf /');
  });

  it('reports a program that cannot be started instead of throwing', async () => {
    const run = await runToCompletion(spawnRunner, '/nonexistent/ffmpeg', ['-version']);
    expect(run.code).toBe(-1);
    expect(run.stderr).toMatch(/spawn error: .*ENOENT/);
  });

  it('times out a program that does not end', async () => {
    const run = await runToCompletion(spawnRunner, node, ['-e', quitsOnQ], { timeoutMs: 200 });
    expect(run.stderr).toContain('timed out after 200 ms');
  });
});

describe('BoundedLog', () => {
  it('keeps only the tail', () => {
    const log = new BoundedLog(10);
    log.push('0123456789');
    log.push('abc');
    expect(log.toString()).toBe('3456789abc');
    const lines = new BoundedLog(100);
    lines.push('a\nb\nc\n');
    expect(lines.lastLines(2)).toBe('b\nc');
  });
});
