import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildOnce, nameTestRun, TEST_RUN_ENV } from './build-once';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asr-build-once-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tsx = join(import.meta.dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** A process that calls buildOnce with a build that logs its start and end and takes 300 ms. */
function buildInChild(stateDir: string, log: string, runId: string): Promise<number> {
  const script = `
    import { appendFileSync } from 'node:fs';
    import { buildOnce } from ${JSON.stringify(join(import.meta.dirname, 'build-once.ts'))};
    buildOnce('thing', () => {
      appendFileSync(${JSON.stringify(log)}, 'start ' + process.pid + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      appendFileSync(${JSON.stringify(log)}, 'end ' + process.pid + '\\n');
    }, { stateDir: ${JSON.stringify(stateDir)}, runId: ${JSON.stringify(runId)} });
  `;
  const child = spawn(process.execPath, [tsx, '--eval', script], { stdio: 'inherit' });
  return new Promise((done) => child.on('exit', (code) => done(code ?? -1)));
}

describe('buildOnce', () => {
  it('builds once per run: a second call of the same run skips, a new run builds again', () => {
    let builds = 0;
    const build = () => void builds++;
    expect(buildOnce('ui', build, { stateDir: dir, runId: 'run-1' })).toBe(true);
    expect(buildOnce('ui', build, { stateDir: dir, runId: 'run-1' })).toBe(false);
    expect(buildOnce('ui', build, { stateDir: dir, runId: 'run-2' })).toBe(true);
    expect(builds).toBe(2);
  });

  it('builds every time without a run id, and again after a failed build', () => {
    let builds = 0;
    buildOnce('ui', () => void builds++, { stateDir: dir, runId: '' });
    buildOnce('ui', () => void builds++, { stateDir: dir, runId: '' });
    expect(() =>
      buildOnce(
        'ui',
        () => {
          throw new Error('vite failed');
        },
        { stateDir: dir, runId: 'run-1' },
      ),
    ).toThrow('vite failed');
    buildOnce('ui', () => void builds++, { stateDir: dir, runId: 'run-1' });
    expect(builds).toBe(3);
  });

  it('takes over a lock whose holder has died', () => {
    mkdirSync(join(dir, 'ui.lock'));
    // a pid far above any this machine hands out
    writeFileSync(join(dir, 'ui.lock', 'pid'), '2147483646');
    let built = false;
    buildOnce('ui', () => void (built = true), { stateDir: dir, runId: 'r', waitMs: 5_000 });
    expect(built).toBe(true);
  });

  it('gives up on a live holder after waitMs, saying whose build it waited for', () => {
    mkdirSync(join(dir, 'ui.lock'));
    writeFileSync(join(dir, 'ui.lock', 'pid'), String(process.pid));
    expect(() => buildOnce('ui', () => undefined, { stateDir: dir, waitMs: 300 })).toThrow(
      `of process ${process.pid}`,
    );
  });

  it('lets three processes of one run build once between them, the others waiting for it', async () => {
    const log = join(dir, 'log');
    writeFileSync(log, '');
    const codes = await Promise.all([1, 2, 3].map(() => buildInChild(dir, log, 'run-x')));
    expect(codes).toEqual([0, 0, 0]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^start \d+$/);
    expect(lines[1]).toBe(lines[0]!.replace('start', 'end'));
  }, 60_000);

  it('names a run once: a second project of the same vitest call keeps the first name', () => {
    const env: NodeJS.ProcessEnv = {};
    const first = nameTestRun(env);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(nameTestRun(env)).toBe(first);
    expect(env[TEST_RUN_ENV]).toBe(first);
  });
});
