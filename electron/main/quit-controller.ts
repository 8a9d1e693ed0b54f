export type QuitPhase = 'running' | 'stopping' | 'stopped';

export interface QuitControllerDeps {
  /** Stops the core: schedules, running recordings (processed), transfers, database. */
  stopCore: () => Promise<void>;
  /** Quits for real once the core is stopped (app.quit; `before-quit` then lets it through). */
  quit: () => void;
  log: (level: 'info' | 'warn', message: string) => void;
  onPhase?: (phase: QuitPhase) => void;
  /** After this long the app quits even if the core has not finished stopping. */
  timeoutMs?: number;
}

/**
 * Quitting stops recordings cleanly: the first `before-quit` is held back while the core stops
 * (what was captured is processed and kept; deliveries resume at the next start), then the app
 * quits. A stop that hangs is cut short after `timeoutMs` (the next start's recovery salvages
 * what was left).
 */
export class QuitController {
  private phase: QuitPhase = 'running';

  constructor(private readonly deps: QuitControllerDeps) {}

  get quitting(): boolean {
    return this.phase !== 'running';
  }

  get current(): QuitPhase {
    return this.phase;
  }

  /** For `app.on('before-quit')` (and the OS's shutdown event). */
  onBeforeQuit(event: { preventDefault(): void }): void {
    if (this.phase === 'stopped') return;
    event.preventDefault();
    if (this.phase === 'stopping') return;
    this.setPhase('stopping');
    this.deps.log('info', 'Quitting: stopping recordings and schedules.');
    const timeoutMs = this.deps.timeoutMs ?? 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    void Promise.race([
      this.deps.stopCore().then(
        () => 'stopped' as const,
        (error: unknown) => {
          this.deps.log('warn', `Stopping the core failed: ${String(error)}`);
          return 'failed' as const;
        },
      ),
      timeout,
    ]).then((outcome) => {
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.deps.log('warn', `The core did not stop within ${timeoutMs / 1000} s; quitting.`);
      }
      this.setPhase('stopped');
      this.deps.quit();
    });
  }

  private setPhase(phase: QuitPhase): void {
    this.phase = phase;
    this.deps.onPhase?.(phase);
  }
}

/** Where quitting comes from: the app (tray → Quit, the OS asking) and the OS shutting down. */
export interface QuitSources {
  app: { on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown };
  powerMonitor: {
    on(event: 'shutdown', listener: (event?: { preventDefault(): void }) => void): unknown;
  };
}

/** Holds every quit back until the core has stopped (`QuitController`). */
export function holdQuitUntilStopped(controller: QuitController, sources: QuitSources): void {
  sources.app.on('before-quit', (event) => controller.onBeforeQuit(event));
  // Linux and macOS: the OS waits (logind's delay lock) while the event is held back
  sources.powerMonitor.on('shutdown', (event) =>
    controller.onBeforeQuit(event ?? { preventDefault: () => undefined }),
  );
}
