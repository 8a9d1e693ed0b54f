// What the tray menu's items do: each goes through the operation table (as the UI would), keeps
// what the app must remember in desktop.json, says what failed in a dialog, and asks the tray to
// show the outcome.
import type { DesktopConfigStore } from './desktop-config';
import type { Report } from './dialogs';
import type { LoginItem } from './login-item';
import { pauseAllSchedules, resumeSchedules } from './pause-schedules';
import type { TrayActions } from './tray-menu';

export interface TrayActionDeps {
  invoke: (name: string, input: unknown) => Promise<unknown>;
  config: Pick<DesktopConfigStore, 'get' | 'update'>;
  loginItem: Pick<LoginItem, 'set'>;
  /** Brings the window forward; `openSession` also shows that recording. */
  open: () => void;
  openSession: (sessionId: string) => void;
  openRecordingsFolder: () => void;
  chooseRecordingsFolder: () => Promise<unknown>;
  report: Report;
  updateTray: () => void;
  log: (message: string) => void;
  quit: () => void;
}

export function createTrayActions(deps: TrayActionDeps): TrayActions {
  const { invoke, config, report, updateTray } = deps;
  return {
    open: deps.open,
    openSession: deps.openSession,
    stopSession: (id) =>
      void invoke('sessions.stop', { id }).catch((e: unknown) => report('Could not stop', e)),
    recordNow: (id, durationSeconds) =>
      void invoke('streams.record', { id, durationSeconds })
        .then(updateTray)
        .catch((e: unknown) => report('Could not start the recording', e)),
    pauseAll: () =>
      void pauseAllSchedules(invoke)
        .then((ids) => {
          // added to those paused before and not resumed since
          const pausedScheduleIds = [...new Set([...config.get().pausedScheduleIds, ...ids])];
          config.update({ pausedScheduleIds });
          deps.log(`Paused ${ids.length} schedules from the tray.`);
        })
        .catch((e: unknown) => report('Could not pause the schedules', e))
        .finally(updateTray),
    resumeAll: () =>
      void resumeSchedules(invoke, config.get().pausedScheduleIds)
        .then((n) => {
          config.update({ pausedScheduleIds: [] });
          deps.log(`Resumed ${n} schedules from the tray.`);
        })
        .catch((e: unknown) => report('Could not resume the schedules', e))
        .finally(updateTray),
    openRecordingsFolder: deps.openRecordingsFolder,
    chooseRecordingsFolder: () => void deps.chooseRecordingsFolder(),
    setOpenAtLogin: (enabled) => {
      try {
        deps.loginItem.set(enabled);
      } catch (e) {
        report('Could not change the start at login', e);
      }
      updateTray();
    },
    quit: deps.quit,
  };
}
