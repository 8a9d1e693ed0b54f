import { notificationKind } from '../../core/contract/notifications';
import type { SessionDto } from '../../core/contract/session';

export interface Problem {
  sessionId: string;
  /** One sentence for the tray's tooltip and menu. */
  text: string;
}

/**
 * What the tray's "problem" state shows: recordings that failed and deliveries that gave up
 * since the user last opened the window. A delivery that succeeds after all (retried by hand) is no longer a problem.
 */
export class ProblemTracker {
  private readonly sessions = new Map<string, Problem>();
  private readonly previous = new Map<string, SessionDto>();

  constructor(private readonly onChange: () => void = () => undefined) {}

  /**
   * Follows a `session` event. What changed is worked out at once (events are compared in the
   * order they came); `streamName` (or its lookup) only words the problem.
   */
  observe(
    session: SessionDto,
    streamName: string | null | undefined | Promise<string | null | undefined>,
  ): void {
    const kind = notificationKind(this.previous.get(session.id), session);
    remember(this.previous, session);
    if (kind !== 'failed' && kind !== 'transfer-failed' && kind !== 'completed') return;
    void Promise.resolve(streamName)
      .catch(() => null)
      .then((name) => {
        const who = name?.trim() || 'a stream';
        if (kind === 'failed') {
          const missed = session.errorMessage?.startsWith('Missed:');
          this.set(session.id, `${missed ? 'Missed' : 'Failed'}: ${who}`);
        } else if (kind === 'transfer-failed') {
          this.set(session.id, `Delivery failed: ${who}`);
        } else if (this.sessions.delete(session.id)) {
          this.onChange();
        }
      });
  }

  /** The user looked (opened the window): session problems are acknowledged. */
  acknowledge(): void {
    if (this.sessions.size === 0) return;
    this.sessions.clear();
    this.onChange();
  }

  /** The most recent problem first. */
  list(): Problem[] {
    return [...this.sessions.values()].reverse();
  }

  private set(sessionId: string, text: string): void {
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, { sessionId, text });
    while (this.sessions.size > 50) {
      const oldest = this.sessions.keys().next().value as string;
      this.sessions.delete(oldest);
    }
    this.onChange();
  }
}

/** Keeps the last version of at most 1000 sessions (the oldest seen go first). */
export function remember(map: Map<string, SessionDto>, session: SessionDto, max = 1000): void {
  map.delete(session.id);
  map.set(session.id, session);
  while (map.size > max) map.delete(map.keys().next().value as string);
}
