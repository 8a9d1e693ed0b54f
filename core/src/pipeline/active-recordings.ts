import { AppError } from '../../contract';

/** The note of a recording the user stopped: the scheduler does not record the rest again. */
export const USER_STOP = 'stopped by request';

/** Why a recording was stopped early; no message means the user asked for it. */
export class StopReason extends Error {
  constructor(readonly note?: string) {
    super(note ?? 'stopped by request');
    this.name = 'StopReason';
  }
}

/** The recordings running now, so that one can be stopped by its session id. */
export class ActiveRecordings {
  private readonly running = new Map<string, AbortController>();
  private closedReason: string | undefined;

  /** After stopAll(), a recording that was about to begin is stopped before it starts. */
  begin(sessionId: string): AbortSignal {
    const controller = new AbortController();
    this.running.set(sessionId, controller);
    if (this.closedReason !== undefined) controller.abort(new StopReason(this.closedReason));
    return controller.signal;
  }

  end(sessionId: string): void {
    this.running.delete(sessionId);
  }

  /** Ends a running recording now; what was captured is processed. A `reason` other than the
   * user's request (e.g. the disk guard's) is kept on the session. */
  stop(sessionId: string, reason?: string): void {
    const controller = this.running.get(sessionId);
    if (!controller) {
      throw new AppError('CONFLICT', `Session ${sessionId} is not recording.`, { field: 'id' });
    }
    controller.abort(new StopReason(reason));
  }

  stopAll(reason = 'The app is shutting down.'): void {
    this.closedReason = reason;
    for (const c of this.running.values()) c.abort(new StopReason(reason));
  }

  get count(): number {
    return this.running.size;
  }

  ids(): string[] {
    return [...this.running.keys()];
  }
}
