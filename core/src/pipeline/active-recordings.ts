import { AppError } from '../../contract';
import type { StopReason } from '../../contract';

/** The note of a recording the user stopped (kept in its error message for people to read). */
export const USER_STOP = 'stopped by request';

/** Why a recording is stopped early: the abort reason of its signal. No note: the user asked. */
export class StopRequest extends Error {
  constructor(
    readonly note?: string,
    readonly reason: StopReason = 'user',
  ) {
    super(note ?? USER_STOP);
    this.name = 'StopRequest';
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
    if (this.closedReason !== undefined) {
      controller.abort(new StopRequest(this.closedReason, 'shutdown'));
    }
    return controller.signal;
  }

  end(sessionId: string): void {
    this.running.delete(sessionId);
  }

  /** Ends a running recording now; what was captured is processed. A `note` other than the
   * user's request (e.g. the disk guard's) is kept on the session, and so is `reason`. */
  stop(sessionId: string, note?: string, reason: StopReason = 'user'): void {
    const controller = this.running.get(sessionId);
    if (!controller) {
      throw new AppError('CONFLICT', 'This recording is not being recorded.', { field: 'id' });
    }
    controller.abort(new StopRequest(note, reason));
  }

  stopAll(note = 'The app is shutting down.'): void {
    this.closedReason = note;
    for (const c of this.running.values()) c.abort(new StopRequest(note, 'shutdown'));
  }

  get count(): number {
    return this.running.size;
  }

  ids(): string[] {
    return [...this.running.keys()];
  }
}
