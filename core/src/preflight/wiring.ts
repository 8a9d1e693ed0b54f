// Pre-flight checks in the running core: started with it, re-planned when the schedules or the
// setting change, stopped with it.
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { RuntimeSettings } from '../settings/runtime-settings';
import type { PreflightPorts } from './ports';
import { PreflightChecks, type PreflightOptions } from './preflight-checks';

export interface PreflightWiringDeps {
  ports: PreflightPorts;
  /** `config-changed` (the schedules were re-read) re-plans. */
  events: Pick<EventBus, 'on'>;
  /** `preflightMinutes` is read at every planning pass; a change of it re-plans. */
  runtime: Pick<RuntimeSettings, 'get' | 'onChange'>;
  clock: Clock;
  logger: Logger;
  /** The app's time zone (TZ): alerts tell start times in it. */
  timeZone: string;
  /** Engine options tests may set (calendar, concurrency, longest wait). */
  options?: Pick<PreflightOptions, 'calendar' | 'concurrency' | 'maxTimerMs'>;
}

export interface PreflightWiring {
  checks: PreflightChecks;
  /** Stops following changes, clears the engine's timer and waits for running checks. */
  stop(): Promise<void>;
}

/**
 * Starts the pre-flight checks (due checks begin at once) and keeps them planned: a re-read of
 * the schedules (create, edit, pause, delete, restore) and a change of `preflightMinutes`
 * (0 turns them off, and the engine then holds no timer) re-plan. A stream's URLs and
 * destination are read when its check is made, so editing a stream needs no re-plan.
 */
export async function startPreflight(deps: PreflightWiringDeps): Promise<PreflightWiring> {
  const { runtime } = deps;
  const checks = new PreflightChecks({
    ports: deps.ports,
    clock: deps.clock,
    logger: deps.logger,
    timeZone: deps.timeZone,
    minutes: () => runtime.get().preflightMinutes,
    ...deps.options,
  });
  const replan = () => {
    void checks.replan().catch((error: unknown) => {
      deps.logger.error(
        `Pre-flight: re-planning failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };
  let minutes = runtime.get().preflightMinutes;
  const unsubscribe = [
    deps.events.on('config-changed', replan),
    runtime.onChange((values) => {
      if (values.preflightMinutes === minutes) return;
      minutes = values.preflightMinutes;
      replan();
    }),
  ];
  await checks.start();
  return {
    checks,
    async stop() {
      for (const off of unsubscribe) off();
      await checks.stop();
    },
  };
}
