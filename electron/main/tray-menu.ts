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

export function buildTrayMenu(
  state: TrayState,
  actions: TrayActions,
  clock: ClockFormat,
  productName: string,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [
    { id: 'open', label: `Open ${productName}`, click: () => actions.open() },
  ];

  if (state.problems.length > 0) {
    items.push({ type: 'separator' });
    for (const problem of state.problems.slice(0, 5)) {
      items.push({
        id: `problem:${problem.sessionId}`,
        label: `⚠ ${menuText(problem.text)}`,
        click: () => (problem.sessionId ? actions.openSession(problem.sessionId) : actions.open()),
      });
    }
  }

  items.push({ type: 'separator' });
  if (state.recordings.length === 0) {
    items.push({ id: 'recording-none', label: 'Nothing is recording', enabled: false });
  } else {
    items.push({ id: 'recording-header', label: 'Recording now', enabled: false });
    for (const r of state.recordings) {
      items.push({
        id: `recording:${r.sessionId}`,
        label: `● ${menuText(r.streamName)} — until ${formatWhen(r.endsAt, clock)}`,
        submenu: [
          { label: 'Show', click: () => actions.openSession(r.sessionId) },
          { label: 'Stop now', click: () => actions.stopSession(r.sessionId) },
        ],
      });
    }
  }
  items.push({
    id: 'next-run',
    label: state.nextRun
      ? `Next: ${menuText(state.nextRun.streamName)} — ${formatWhen(state.nextRun.at, clock)}`
      : state.pausedByApp > 0
        ? 'Next: none (schedules paused)'
        : 'Next: no scheduled recording',
    enabled: false,
  });

  items.push({ type: 'separator' });
  items.push({
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
  });
  if (state.pausedByApp > 0) {
    items.push({
      id: 'resume-all',
      label: `Resume schedules (${state.pausedByApp} paused)`,
      enabled: !state.stopping,
      click: () => actions.resumeAll(),
    });
  } else {
    items.push({
      id: 'pause-all',
      label: 'Pause all schedules',
      enabled: state.activeSchedules > 0 && !state.stopping,
      click: () => actions.pauseAll(),
    });
  }

  items.push({ type: 'separator' });
  items.push({
    id: 'recordings-folder',
    label: 'Recordings folder',
    submenu: [
      { label: 'Open', click: () => actions.openRecordingsFolder() },
      { label: 'Choose another…', click: () => actions.chooseRecordingsFolder() },
    ],
  });
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

  items.push({ type: 'separator' });
  const n = state.recordings.length;
  items.push({
    id: 'quit',
    label: state.stopping
      ? 'Quitting…'
      : n === 0
        ? 'Quit'
        : `Quit (stops ${n === 1 ? 'the recording' : `${n} recordings`})`,
    enabled: !state.stopping,
    click: () => actions.quit(),
  });
  return items;
}
