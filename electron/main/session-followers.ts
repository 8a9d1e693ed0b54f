// What follows the core's session events in the desktop app: the tray's problems (worded with the
// stream's name), the notifications (of `alert` events too), and the tray itself (which also
// follows `system`).
import type { SessionDto } from '../../core/contract/session';
import type { EventSource } from './event-forwarder';
import type { Notifier, SessionContext } from './notifier';
import type { ProblemTracker } from './problems';

export interface SessionFollowerDeps {
  events: EventSource;
  problems: Pick<ProblemTracker, 'observe'>;
  notifier: Pick<Notifier, 'handle' | 'handleAlert'>;
  /** The stream's name and destination of a session (createSessionDescriber). */
  describe: (session: SessionDto) => Promise<SessionContext>;
  updateTray: () => void;
  log: (message: string) => void;
}

/** Starts following; answers the function that stops. */
export function followSessions(deps: SessionFollowerDeps): () => void {
  const stops = [
    deps.events.on('session', (session) => {
      deps.problems.observe(
        session,
        deps.describe(session).then((context) => context.streamName),
      );
      void deps.notifier.handle(session).catch((error: unknown) => deps.log(String(error)));
      deps.updateTray();
    }),
    deps.events.on('system', () => deps.updateTray()),
    deps.events.on('alert', (alert) => {
      try {
        deps.notifier.handleAlert(alert);
      } catch (error) {
        deps.log(String(error));
      }
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
