import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { OffThread } from './off-thread';

/** Spins the CPU for `input` ms and answers how long it spun. */
const SPIN = `function job(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {}
  return [ms, []];
}`;

const open: OffThread<unknown, unknown>[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

function offThread<I, O>(source: string, packages?: string[]): OffThread<I, O> {
  const t = new OffThread<I, O>({ name: 'test job', source, packages });
  open.push(t as OffThread<unknown, unknown>);
  return t;
}

/** The longest gap between ticks of a 5 ms interval while `work` runs. */
async function longestStall(work: Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work;
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

describe('OffThread', () => {
  it('runs CPU-bound jobs in a worker: the event loop keeps turning meanwhile', async () => {
    const spin = offThread<number, number>(SPIN);
    const stall = await longestStall(Promise.all([spin.run(400), spin.run(400)]));
    // the same work in-process would hold the loop 800 ms
    expect(stall).toBeLessThan(300);
  });

  it('answers the job result, with npm packages loaded in the thread', async () => {
    const t = offThread<string, number>(
      `function job(text, packages) { return [packages['secure-json-parse'].parse(text).a, []]; }`,
      ['secure-json-parse'],
    );
    await expect(t.run('{"a": 42}')).resolves.toBe(42);
  });

  it('rejects with the message of a job that throws, and goes on with the next', async () => {
    const t = offThread<string, number>(
      `function job(x) { if (x === 'bad') throw new Error('no good: ' + x); return [x.length, []]; }`,
    );
    await expect(t.run('bad')).rejects.toThrow('no good: bad');
    await expect(t.run('four')).resolves.toBe(4);
  });

  it('ends its thread as soon as no job is left', async () => {
    const spin = offThread<number, number>(SPIN);
    const job = spin.run(50);
    expect(spin.threadRunning).toBe(true);
    await job;
    expect(spin.threadRunning).toBe(false);
  });

  it('runs the jobs in-process when no thread can load them', async () => {
    const t = offThread<number, number>(
      `if (typeof workerData !== 'undefined') throw new Error('cannot load in a thread');
function job(x) { return [x * 2, []]; }`,
    );
    await expect(t.run(21)).resolves.toBe(42);
    await expect(t.run(5)).resolves.toBe(10);
    expect(t.threadRunning).toBe(false);
  });

  it('takes a job in parts (a body as it arrives), then its input', async () => {
    const join = `function job(sep, packages, parts) {
  return [parts.map((p) => Buffer.from(p).toString()).join(sep), []];
}`;
    const t = offThread<string, string>(join);
    const job = t.open();
    job.send(Buffer.from('a'));
    job.send(Buffer.from('b'));
    job.send(Buffer.from('c'));
    await expect(job.finish('-')).resolves.toBe('a-b-c');

    const dropped = t.open();
    dropped.send(Buffer.from('x'));
    dropped.cancel();
    expect(t.threadRunning).toBe(false);
    await expect(dropped.finish('-')).rejects.toThrow('dropped');

    const here = offThread<string, string>(
      `if (typeof workerData !== 'undefined') throw new Error('cannot load in a thread');\n${join}`,
    );
    const local = here.open();
    local.send(Buffer.from('d'));
    local.send(Buffer.from('e'));
    await expect(local.finish('+')).resolves.toBe('d+e');
  });
});
