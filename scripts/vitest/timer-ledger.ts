// Which timers a test file started and left running. The unit tests' setup file
// (scripts/vitest/unit-setup.ts) installs it on globalThis: a timer still pending when a file's
// tests are over fires later, after the file's environment closed (happy-dom's window is gone),
// and fails another file or the whole run with an error nobody can trace back. With the ledger,
// the file that started it fails, naming where it was started.

export type TimerKind = 'setTimeout' | 'setInterval' | 'setImmediate';

/** The part of globalThis the ledger wraps (a test passes its own object). */
export interface TimerHost {
  setTimeout: typeof globalThis.setTimeout;
  setInterval: typeof globalThis.setInterval;
  setImmediate: typeof globalThis.setImmediate;
  clearTimeout: typeof globalThis.clearTimeout;
  clearInterval: typeof globalThis.clearInterval;
  clearImmediate: typeof globalThis.clearImmediate;
}

export interface OpenTimer {
  kind: TimerKind;
  delayMs: number;
  /** Started by code under node_modules (a library's own timer), not by the project's code. */
  byLibrary: boolean;
  /**
   * Started inside a library bundled with Node itself (undici, behind the global fetch): a timer
   * of the process-wide connection pool, shared by every file the worker runs, which touches no
   * file's environment. Its ticker stops on its own once the pool's sockets are gone.
   */
  byNode: boolean;
  /** The first frame of the project's code that led to it (or the caller's frame). */
  where: string;
  /** The call stack when it was started. */
  stack: string;
}

export interface TimerLedger {
  /** The timers started since install that have neither run nor been cleared. */
  pending(): OpenTimer[];
  /** Clears these timers (they will not run). */
  cancel(timers: readonly OpenTimer[]): void;
  /** Puts the host's own functions back. */
  uninstall(): void;
}

interface Entry {
  kind: TimerKind;
  delayMs: number;
  handle: unknown;
  /** Holds the call stack; V8 formats it only when it is read (a pending timer's, rarely). */
  trace: { stack?: string };
}

const KINDS: readonly TimerKind[] = ['setTimeout', 'setInterval', 'setImmediate'];
const CLEAR: Record<TimerKind, 'clearTimeout' | 'clearInterval' | 'clearImmediate'> = {
  setTimeout: 'clearTimeout',
  setInterval: 'clearInterval',
  setImmediate: 'clearImmediate',
};
/** Frames that are not the project's code: libraries, Node itself, this file. */
const NOT_OURS = /\/node_modules\/|\(node:|at node:|timer-ledger\.ts/;
/** A frame of a library bundled with Node (node:internal/deps/undici and the like). */
const NODE_BUNDLED = /\(node:internal\/deps\/|at node:internal\/deps\//;
/** Settled entries are dropped once this many are held, so the ledger stays small. */
const PRUNE_AT = 512;

/**
 * Whether Node has let go of a Timeout or Immediate: it marks one `_destroyed` once it ran (a
 * timeout) or was cleared by any means (clear*, `close()`). Anything else counts as pending.
 */
function settled(handle: unknown): boolean {
  return (handle as { _destroyed?: unknown })._destroyed === true;
}

function frames(stack: string): string[] {
  return stack
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at '));
}

/**
 * Wraps the host's setTimeout, setInterval and setImmediate so that every timer they start is
 * noted with where it was started. The timers themselves are Node's, unchanged.
 */
export function installTimerLedger(host: TimerHost = globalThis): TimerLedger {
  const originals = {
    setTimeout: host.setTimeout,
    setInterval: host.setInterval,
    setImmediate: host.setImmediate,
  };
  const clear = {
    clearTimeout: host.clearTimeout,
    clearInterval: host.clearInterval,
    clearImmediate: host.clearImmediate,
  };
  let entries: Entry[] = [];
  const handles = new WeakMap<OpenTimer, Entry>();
  const describe = (entry: Entry): OpenTimer => {
    const stack = entry.trace.stack ?? '';
    const all = frames(stack);
    // the frame that called setTimeout (past this file's wrappers, when ledgers are nested)
    const caller = all.find((f) => !/timer-ledger\.ts/.test(f)) ?? 'at <unknown>';
    const ours = all.find((f) => !NOT_OURS.test(f));
    const timer: OpenTimer = {
      kind: entry.kind,
      delayMs: entry.delayMs,
      byLibrary: /\/node_modules\//.test(caller),
      byNode: NODE_BUNDLED.test(caller),
      where: (ours ?? caller).replace(/^at /, ''),
      stack,
    };
    handles.set(timer, entry);
    return timer;
  };

  for (const kind of KINDS) {
    const original = originals[kind] as (...args: unknown[]) => unknown;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const handle = original.apply(this, args);
      const trace: { stack?: string } = {};
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 40;
      Error.captureStackTrace(trace, wrapped);
      Error.stackTraceLimit = limit;
      if (entries.length >= PRUNE_AT) entries = entries.filter((e) => !settled(e.handle));
      entries.push({
        kind,
        delayMs: kind === 'setImmediate' ? 0 : Number(args[1] ?? 0) || 0,
        handle,
        trace,
      });
      return handle;
    };
    // promisify(setTimeout) and friends keep working
    for (const key of Reflect.ownKeys(original)) {
      if (key === 'length' || key === 'name' || key === 'prototype') continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(original, key);
      if (descriptor) Reflect.defineProperty(wrapped, key, descriptor);
    }
    (host as unknown as Record<TimerKind, unknown>)[kind] = wrapped;
  }

  return {
    pending() {
      entries = entries.filter((e) => !settled(e.handle));
      return entries.map((e) => describe(e));
    },
    cancel(timers) {
      for (const t of timers) {
        const entry = handles.get(t);
        if (entry) (clear[CLEAR[entry.kind]] as (h: unknown) => void).call(host, entry.handle);
      }
      entries = entries.filter((e) => !settled(e.handle));
    },
    uninstall() {
      Object.assign(host, originals);
    },
  };
}

/** The message a file fails with when it left timers running (null when it left none). */
export function describeOpenTimers(timers: readonly OpenTimer[]): string | null {
  if (timers.length === 0) return null;
  // the same timer started several times (one per message shown, say) is listed once
  const groups = new Map<string, { timer: OpenTimer; count: number }>();
  for (const t of timers) {
    const key = `${t.kind} ${t.delayMs} ${t.stack}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { timer: t, count: 1 });
  }
  const lines = [...groups.values()].map(({ timer: t, count }) => {
    const delay = t.kind === 'setImmediate' ? '' : ` (${t.delayMs} ms)`;
    const times = count > 1 ? ` ×${count}` : '';
    // "from", not "at": these are not the frames of the error that reports them
    const trace = frames(t.stack)
      .slice(0, 8)
      .map((f) => `        from ${f.slice(3)}`)
      .join('\n');
    return `  - ${t.kind}${delay}${times} started at ${t.where}\n${trace}`;
  });
  return [
    `This test file left ${timers.length} timer(s) running after its tests ended. They would fire ` +
      `after the file's environment closed and fail another file or the run. Stop them when the ` +
      `test ends (unmount the component, stop the service, clear the timer):`,
    ...lines,
  ].join('\n');
}
