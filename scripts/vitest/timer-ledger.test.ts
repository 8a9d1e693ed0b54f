import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeOpenTimers,
  installTimerLedger,
  type TimerHost,
  type TimerLedger,
} from './timer-ledger';

// the ledger under test wraps a host of its own, never globalThis (the setup file's ledger)
const host = (): TimerHost => ({
  setTimeout: globalThis.setTimeout,
  setInterval: globalThis.setInterval,
  setImmediate: globalThis.setImmediate,
  clearTimeout: globalThis.clearTimeout,
  clearInterval: globalThis.clearInterval,
  clearImmediate: globalThis.clearImmediate,
});

let ledger: TimerLedger | undefined;
afterEach(() => {
  if (ledger) ledger.cancel(ledger.pending());
  ledger?.uninstall();
  ledger = undefined;
});

const tick = () => new Promise((resolve) => globalThis.setImmediate(resolve));

/** A timer left running by code of this file: the synthetic leak. */
function leakATimer(h: TimerHost) {
  h.setTimeout(() => undefined, 3000);
}

describe('timer ledger', () => {
  it('reports a timer left running, with its delay and the line of the code that started it', () => {
    const h = host();
    ledger = installTimerLedger(h);
    leakATimer(h);

    const open = ledger.pending();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'setTimeout', delayMs: 3000, byLibrary: false });
    expect(open[0]!.where).toMatch(/^leakATimer .*timer-ledger\.test\.ts:\d+:\d+\)$/);

    const message = describeOpenTimers(open)!;
    expect(message).toContain('left 1 timer(s) running');
    expect(message).toMatch(
      /setTimeout \(3000 ms\) started at leakATimer .*timer-ledger\.test\.ts/,
    );
    // the report's frames are not read as the frames of the error that carries it
    expect(message).not.toMatch(/^\s+at /m);
  });

  it('forgets timers that ran or were cleared, however they were', async () => {
    const h = host();
    ledger = installTimerLedger(h);
    let ran = 0;
    h.setTimeout(() => ran++, 0);
    h.setImmediate(() => ran++);
    h.clearTimeout(h.setTimeout(() => ran++, 60_000));
    h.clearInterval(h.setInterval(() => ran++, 10));
    h.clearImmediate(h.setImmediate(() => ran++));
    h.setTimeout(() => ran++, 60_000).close();
    const waited = promisify(h.setTimeout)(1);
    expect(ledger.pending().length).toBeGreaterThan(0);

    await waited;
    await new Promise((resolve) => globalThis.setTimeout(resolve, 5));
    await tick();
    expect(ran).toBe(2);
    expect(ledger.pending()).toEqual([]);
    expect(describeOpenTimers([])).toBeNull();
  });

  it('counts an interval until it is cleared, and lists the same timer started twice once', () => {
    const h = host();
    ledger = installTimerLedger(h);
    const poll = () => h.setInterval(() => undefined, 50);
    for (let i = 0; i < 2; i++) poll();
    const open = ledger.pending();
    expect(open.map((t) => t.kind)).toEqual(['setInterval', 'setInterval']);
    expect(describeOpenTimers(open)).toMatch(/setInterval \(50 ms\) ×2 started at poll /);

    ledger.cancel(open);
    expect(ledger.pending()).toEqual([]);
  });

  it('tells a library’s timers (started from node_modules) from the project’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timer-ledger-'));
    try {
      const lib = join(dir, 'node_modules', 'fake-ui-lib');
      mkdirSync(lib, { recursive: true });
      writeFileSync(
        join(lib, 'index.mjs'),
        'export function showMessage(win) { return win.setTimeout(() => {}, 3000); }\n',
      );
      const { showMessage } = (await import(pathToFileURL(join(lib, 'index.mjs')).href)) as {
        showMessage(h: TimerHost): unknown;
      };
      const h = host();
      ledger = installTimerLedger(h);
      showMessage(h);
      leakATimer(h);

      const [library, ours] = ledger.pending();
      expect(library).toMatchObject({ byLibrary: true });
      // the project's frame that led to it (this test), not the library's
      expect(library!.where).toMatch(/timer-ledger\.test\.ts/);
      expect(library!.stack).toMatch(/node_modules\/fake-ui-lib\/index\.mjs/);
      expect(ours).toMatchObject({ byLibrary: false });

      ledger.cancel([library!]);
      expect(ledger.pending()).toEqual([expect.objectContaining({ byLibrary: false })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells the timers of Node’s own fetch pool (bundled undici) from the project’s', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // undici calls the global setTimeout: this ledger wraps globalThis for the length of the test
    ledger = installTimerLedger(globalThis);
    try {
      const { port } = server.address() as { port: number };
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
      leakATimer(globalThis);
      const open = ledger.pending();
      const fromNode = open.filter((t) => t.byNode);
      expect(fromNode.length).toBeGreaterThan(0);
      expect(fromNode[0]!.stack).toMatch(/node:internal\/deps\/undici/);
      expect(open.filter((t) => !t.byNode)).toEqual([
        expect.objectContaining({ byNode: false, byLibrary: false, delayMs: 3000 }),
      ]);
      ledger.cancel(open.filter((t) => !t.byNode));
    } finally {
      ledger.uninstall();
      ledger = undefined;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('leaves the host’s own functions in place once uninstalled', () => {
    const h = host();
    const original = h.setTimeout;
    ledger = installTimerLedger(h);
    expect(h.setTimeout).not.toBe(original);
    ledger.uninstall();
    expect(h.setTimeout).toBe(original);
    ledger = undefined;
  });
});
