import type { LivePhase, RecordingLive } from '../../contract/recording-phase';
import type { EventBus } from '../events/event-bus';
import { redactSecrets } from '../logs/redact';
import type { Clock } from '../ports/clock';
import type { RecordingProgress } from '../recorder/types';

/** While audio arrives, one `recording-progress` event per recording at most this often. */
export const LIVE_EVENT_INTERVAL_MS = 1000;

const PHASE_OF: Record<RecordingProgress['state'], LivePhase> = {
  connecting: 'connecting',
  waiting: 'retrying',
  recording: 'receiving',
};

/** The published live state of a recorder's progress report (problem text redacted). */
export function toRecordingLive(sessionId: string, p: RecordingProgress): RecordingLive {
  const phase = PHASE_OF[p.state];
  return {
    sessionId,
    phase,
    attempt: p.attempt,
    nextAttemptAt:
      phase === 'retrying' && p.nextAttemptAt !== undefined
        ? new Date(p.nextAttemptAt).toISOString()
        : null,
    bytes: Math.max(0, Math.round(p.bytes)),
    bitRateKbps: phase === 'receiving' ? (p.bitRateKbps ?? null) : null,
    problem: p.lastError === undefined ? null : redactSecrets(p.lastError),
  };
}

/**
 * What each running recording is doing now (connecting, retrying, receiving), kept in memory and
 * announced as `recording-progress`: at once when the phase or the attempt changes, else at most
 * every LIVE_EVENT_INTERVAL_MS. `GET /api/sessions/live` reads it.
 */
export class LiveRecordings {
  private readonly states = new Map<string, { live: RecordingLive; sentAt: number }>();

  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** The recorder's progress handler for one session. */
  reporter(sessionId: string): (progress: RecordingProgress) => void {
    return (progress) => this.report(toRecordingLive(sessionId, progress));
  }

  report(live: RecordingLive): void {
    const now = this.clock.now();
    const known = this.states.get(live.sessionId);
    const changed =
      !known || known.live.phase !== live.phase || known.live.attempt !== live.attempt;
    if (!changed && now - known.sentAt < LIVE_EVENT_INTERVAL_MS) {
      known.live = live;
      return;
    }
    this.states.set(live.sessionId, { live, sentAt: now });
    this.events.emit('recording-progress', live);
  }

  /** The recording ended: its live state goes. */
  end(sessionId: string): void {
    this.states.delete(sessionId);
  }

  list(): RecordingLive[] {
    return [...this.states.values()].map((s) => s.live);
  }
}
