// Setup file of the unit project (vitest.config.ts), run before each test file in that file's
// environment. Nothing a file starts may outlive it:
// - components mounted with @vue/test-utils are unmounted after each test (DOM files);
// - then the timers libraries started for them (Naive UI's message and notification timers,
//   tooltip delays, transitions) are cleared: the components they served are gone;
// - a file that still has a timer running when its tests are over fails, naming where the timer
//   was started, instead of the timer firing after the file's environment closed.
import { afterAll, afterEach } from 'vitest';
import { describeOpenTimers, installTimerLedger } from './timer-ledger';

const ledger = installTimerLedger();

// happy-dom (the component tests' environment) puts a document on globalThis
if ('document' in globalThis) {
  const { config } = await import('@vue/test-utils');
  type MountedApp = { unmount(): void; onUnmount(cb: () => void): void; _container: unknown };
  const live = new Set<MountedApp>();
  // every app @vue/test-utils creates installs this plugin first: it is noted until unmounted,
  // whether the test unmounts it or not
  config.global.plugins = [
    {
      install(app: MountedApp) {
        live.add(app);
        app.onUnmount(() => live.delete(app));
      },
    },
    ...(config.global.plugins ?? []),
  ];

  afterEach(() => {
    const errors: unknown[] = [];
    for (const app of [...live]) {
      live.delete(app);
      // an app whose mount threw was never mounted (Vue sets _container once it is)
      if (!app._container) continue;
      try {
        app.unmount();
      } catch (error) {
        errors.push(error);
      }
    }
    ledger.cancel(ledger.pending().filter((t) => t.byLibrary));
    if (errors.length > 0) throw errors[0];
  });
}

afterAll(async () => {
  // what is already due runs first: an immediate or a zero-delay timer queued by the last answer
  // of a test (a stream ending, a socket closing) is work finishing, not a leak
  for (let turn = 0; turn < 3 && ledger.pending().some((t) => t.delayMs === 0); turn++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // Node's own fetch pool (undici) keeps a shared ticker and per-socket timers that outlive a
  // closed socket by a tick; they are the process's, not the file's, and clearing them would
  // stall the pool for the next file: neither reported nor cleared
  const open = ledger.pending().filter((t) => !t.byNode);
  // cleared, so that they cannot fail anything else
  ledger.cancel(open);
  const message = describeOpenTimers(open);
  if (message) throw new Error(message);
});
