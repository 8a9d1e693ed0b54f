/** The part of `process` shutdown needs (tests pass a fake). */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
}

/** The IPC channel to the process that launched this one (`npm start`), as `process` has it. */
export interface ParentChannel {
  /** False once the channel closed: the launcher is gone. */
  readonly connected: boolean;
  once(event: 'disconnect', listener: () => void): unknown;
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
  /**
   * The launcher's channel, when one started this process: its end (the launcher was killed,
   * even with SIGKILL) stops the server like SIGTERM, so that no server is left behind.
   */
  parent?: ParentChannel | undefined;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT, or when the launcher's channel closes: the first of them
 * runs `stop` and exits 0 when it is done (1 if it failed); if it takes longer than
 * `forceAfterMs` the process exits 1 (running recordings are then recovered at the next start).
 * A second signal exits at once.
 */
export function installShutdown(options: ShutdownOptions): void {
  const source = options.source ?? process;
  const forceAfterMs = options.forceAfterMs ?? 28_000;
  let stopping = false;
  const begin = (reason: string) => {
    stopping = true;
    options.log(`${reason}: stopping (recordings are ended cleanly and processed)...`);
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
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) return begin(signal);
    options.log(`${signal} again: exiting now.`);
    options.exit(1);
  };
  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as const)) {
    source.on(signal, () => onSignal(signal));
  }
  const { parent } = options;
  if (parent) {
    // not a second signal: a launcher that ends while we stop changes nothing
    const onGone = () => {
      if (!stopping) begin('The launcher ended');
    };
    if (parent.connected) parent.once('disconnect', onGone);
    else onGone();
  }
}
