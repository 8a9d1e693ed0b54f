// The tray's context menu, its icon and tooltip, from the tray state. Every action is in the
// menu: on Linux (AppIndicator) a click on the icon may never reach the app.
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayState } from './tray-state';

export type TrayIconKind = 'idle' | 'recording' | 'problem';

export interface TrayActions {
  open(): void;
  openSession(sessionId: string): void;
  stopSession(sessionId: string): void;
  recordNow(streamId: string, durationSeconds: number): void;
  pauseAll(): void;
  resumeAll(): void;
  openRecordingsFolder(): void;
  chooseRecordingsFolder(): void;
  setOpenAtLogin(enabled: boolean): void;
  quit(): void;
}

/** The lengths "Record now" offers. */
export const RECORD_NOW_DURATIONS: readonly { label: string; seconds: number }[] = [
  { label: '15 minutes', seconds: 15 * 60 },
  { label: '30 minutes', seconds: 30 * 60 },
  { label: '1 hour', seconds: 60 * 60 },
  { label: '2 hours', seconds: 2 * 60 * 60 },
];

/** A problem outranks a recording, which outranks idle (the tooltip says everything). */
export function trayIconKind(state: TrayState): TrayIconKind {
  if (state.problems.length > 0) return 'problem';
  if (state.recordings.length > 0) return 'recording';
  return 'idle';
}

export interface ClockFormat {
  now: Date;
  locale?: string;
  timeZone?: string;
}

/** `07:30` today, `Tue 07:30` within a week, `24 Nov 07:30` later. */
export function formatWhen(iso: string, clock: ClockFormat): string {
  const at = new Date(iso);
  const opts = { timeZone: clock.timeZone };
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { ...opts, dateStyle: 'short' }).format(d);
  const time = new Intl.DateTimeFormat(clock.locale, {
    ...opts,
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  if (day(at) === day(clock.now)) return time;
  const days = (at.getTime() - clock.now.getTime()) / 86_400_000;
  const prefix = new Intl.DateTimeFormat(
    clock.locale,
    days > 0 && days < 6
      ? { ...opts, weekday: 'short' }
      : { ...opts, day: 'numeric', month: 'short' },
  ).format(at);
  return `${prefix} ${time}`;
}

/** Menu labels take `&` as a mnemonic marker on Windows: user text is shown as written. */
export function menuText(text: string, max = 60): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  const short = plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
  return short.replace(/&/g, '&&');
}

export function trayTooltip(state: TrayState, productName: string, clock: ClockFormat): string {
  const parts: string[] = [];
  if (state.stopping) parts.push('stopping recordings…');
  else if (state.recordings.length === 1) {
    parts.push(`recording ${state.recordings[0]?.streamName ?? ''}`);
  } else if (state.recordings.length > 1) parts.push(`${state.recordings.length} recordings`);
  else parts.push('idle');
  if (state.problems.length > 0) {
    parts.push(
      state.problems.length === 1
        ? (state.problems[0]?.text ?? '')
        : `${state.problems.length} problems`,
    );
  }
  if (state.nextRun && !state.stopping) {
    parts.push(`next: ${state.nextRun.streamName} ${formatWhen(state.nextRun.at, clock)}`);
  }
  return `${productName} — ${parts.join(' · ')}`;
}

type Items = MenuItemConstructorOptions[];

/**
 * The menu, top to bottom: open, problems, recordings and the next run, record now and the
 * schedules, the recordings folder and start at login, quit.
 */
export function buildTrayMenu(
  state: TrayState,
  actions: TrayActions,
  clock: ClockFormat,
  productName: string,
): Items {
  return [
    { id: 'open', label: `Open ${productName}`, click: () => actions.open() },
    ...problemItems(state, actions),
    { type: 'separator' },
    ...recordingItems(state, actions, clock),
    { type: 'separator' },
    recordNowItem(state, actions),
    scheduleItem(state, actions),
    { type: 'separator' },
    ...settingItems(state, actions),
    { type: 'separator' },
    quitItem(state, actions),
  ];
}

function problemItems(state: TrayState, actions: TrayActions): Items {
  if (state.problems.length === 0) return [];
  return [
    { type: 'separator' },
    ...state.problems.slice(0, 5).map((problem) => ({
      id: `problem:${problem.sessionId}`,
      label: `⚠ ${menuText(problem.text)}`,
      click: () => (problem.sessionId ? actions.openSession(problem.sessionId) : actions.open()),
    })),
  ];
}

function recordingItems(state: TrayState, actions: TrayActions, clock: ClockFormat): Items {
  const items: Items =
    state.recordings.length === 0
      ? [{ id: 'recording-none', label: 'Nothing is recording', enabled: false }]
      : [
          { id: 'recording-header', label: 'Recording now', enabled: false },
          ...state.recordings.map((r) => ({
            id: `recording:${r.sessionId}`,
            label: `● ${menuText(r.streamName)} — until ${formatWhen(r.endsAt, clock)}`,
            submenu: [
              { label: 'Show', click: () => actions.openSession(r.sessionId) },
              { label: 'Stop now', click: () => actions.stopSession(r.sessionId) },
            ],
          })),
        ];
  items.push({
    id: 'next-run',
    label: state.nextRun
      ? `Next: ${menuText(state.nextRun.streamName)} — ${formatWhen(state.nextRun.at, clock)}`
      : state.pausedByApp > 0
        ? 'Next: none (schedules paused)'
        : 'Next: no scheduled recording',
    enabled: false,
  });
  return items;
}

function recordNowItem(state: TrayState, actions: TrayActions): MenuItemConstructorOptions {
  return {
    id: 'record-now',
    label: 'Record now',
    enabled: !state.stopping,
    submenu:
      state.streams.length === 0
        ? [{ label: 'No streams yet', enabled: false }]
        : state.streams.map((s) => ({
            id: `record:${s.id}`,
            label: menuText(s.name),
            submenu: RECORD_NOW_DURATIONS.map((d) => ({
              id: `record:${s.id}:${d.seconds}`,
              label: d.label,
              click: () => actions.recordNow(s.id, d.seconds),
            })),
          })),
  };
}

/** "Pause all schedules", or "Resume" for those it paused. */
function scheduleItem(state: TrayState, actions: TrayActions): MenuItemConstructorOptions {
  if (state.pausedByApp > 0) {
    return {
      id: 'resume-all',
      label: `Resume schedules (${state.pausedByApp} paused)`,
      enabled: !state.stopping,
      click: () => actions.resumeAll(),
    };
  }
  return {
    id: 'pause-all',
    label: 'Pause all schedules',
    enabled: state.activeSchedules > 0 && !state.stopping,
    click: () => actions.pauseAll(),
  };
}

function settingItems(state: TrayState, actions: TrayActions): Items {
  const items: Items = [
    {
      id: 'recordings-folder',
      label: 'Recordings folder',
      submenu: [
        { label: 'Open', click: () => actions.openRecordingsFolder() },
        { label: 'Choose another…', click: () => actions.chooseRecordingsFolder() },
      ],
    },
  ];
  if (state.openAtLogin !== null) {
    const enabled = state.openAtLogin;
    items.push({
      id: 'open-at-login',
      label: 'Start at login (minimized)',
      type: 'checkbox',
      checked: enabled,
      click: () => actions.setOpenAtLogin(!enabled),
    });
  }
  return items;
}

function quitItem(state: TrayState, actions: TrayActions): MenuItemConstructorOptions {
  const n = state.recordings.length;
  return {
    id: 'quit',
    label: state.stopping
      ? 'Quitting…'
      : n === 0
        ? 'Quit'
        : `Quit (stops ${n === 1 ? 'the recording' : `${n} recordings`})`,
    enabled: !state.stopping,
    click: () => actions.quit(),
  };
}
