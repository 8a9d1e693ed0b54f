/** The part of Electron's app used for the single-instance lock. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: (...args: unknown[]) => void): unknown;
  quit(): void;
}

/**
 * Two instances would record every schedule twice: the first one holds the lock; a second launch
 * asks it to come forward (`onSecondInstance` in the first) and quits. Answers whether this
 * process is the one that runs.
 */
export function claimSingleInstance(app: SingleInstanceApp, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}
