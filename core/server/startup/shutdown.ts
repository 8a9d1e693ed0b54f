/** The part of `process` shutdown needs (tests pass a fake). */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface ShutdownOptions {
  /** Stops accepting, stops the engine cleanly, closes the database. */
  stop(): Promise<void>;
  log(message: string): void;
  exit(code: number): void;
  /** Exit anyway after this long (default 28 s: inside the 30 s `docker stop` allows). */
  forceAfterMs?: number;
  signals?: readonly NodeJS.Signals[];
  source?: SignalSource;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: the first signal runs `stop` and exits 0 when it is done
 * (1 if it failed); if it takes longer than `forceAfterMs` the process exits 1 (running
 * recordings are then recovered at the next start). A second signal exits at once.
 */
export function installShutdown(options: ShutdownOptions): void {
  const source = options.source ?? process;
  const forceAfterMs = options.forceAfterMs ?? 28_000;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log(`${signal} again: exiting now.`);
      options.exit(1);
      return;
    }
    stopping = true;
    options.log(`${signal}: stopping (recordings are ended cleanly and processed)...`);
    const force = setTimeout(() => {
      options.log(
        `Still stopping after ${Math.round(forceAfterMs / 1000)} s: exiting; unfinished work is recovered at the next start.`,
      );
      options.exit(1);
    }, forceAfterMs);
    options.stop().then(
      () => {
        clearTimeout(force);
        options.log('Stopped.');
        options.exit(0);
      },
      (error: unknown) => {
        clearTimeout(force);
        options.log(`Stopping failed: ${(error as Error)?.message ?? String(error)}`);
        options.exit(1);
      },
    );
  };
  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as const)) {
    source.on(signal, () => onSignal(signal));
  }
}
