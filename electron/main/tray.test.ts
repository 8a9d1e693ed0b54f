import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { ScheduleDto } from '../../core/contract/operations/schedules';
import type { StreamDto } from '../../core/contract/operations/streams';
import { scheduleDto } from '../../core/contract/testing/schedule-fixtures';
import { streamDto } from '../../core/contract/testing/stream-fixtures';
import { sessionDto } from '../testing/fakes';
import { TrayController, type TrayLike } from './tray-controller';
import {
  buildTrayMenu,
  formatWhen,
  menuText,
  RECORD_NOW_DURATIONS,
  trayIconKind,
  trayTooltip,
  type TrayActions,
} from './tray-menu';
import { loadTrayState, trayStateOf, type TrayState } from './tray-state';

const clock = { now: new Date('2026-11-24T08:00:00Z'), locale: 'en-GB', timeZone: 'UTC' };

const stream = (id: string, name: string, destinationId: string | null = null): StreamDto =>
  streamDto(id, { name, destinationId });

const schedule = (id: string, streamId: string, patch: Partial<ScheduleDto>): ScheduleDto =>
  scheduleDto(id, { streamId, ...patch });

/** The core's answers behind the tray: two streams, three schedules, one recording. */
const core = {
  streams: [stream('s-jazz', 'Jazz & Blues'), stream('s-morning', 'Morning Show', 'd1')],
  schedules: [
    schedule('sc1', 's-morning', { nextRunTime: '2026-11-24T09:30:00.000Z' }),
    schedule('sc2', 's-jazz', { nextRunTime: '2026-11-24T20:00:00.000Z' }),
    schedule('sc3', 's-jazz', { isActive: false, nextRunTime: null }),
  ],
  recording: [
    sessionDto({
      id: 'rec-1',
      streamId: 's-jazz',
      status: 'RECORDING',
      startTime: '2026-11-24T07:30:00.000Z',
      plannedDurationSeconds: 5400,
    }),
  ],
};

const stateFrom = (patch: Partial<Parameters<typeof trayStateOf>[0]> = {}): TrayState =>
  trayStateOf({
    ...core,
    problems: [],
    pausedScheduleIds: [],
    openAtLogin: false,
    stopping: false,
    ...patch,
  });

function actionSpy(): TrayActions & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args]);
  return {
    calls,
    open: record('open'),
    openSession: record('openSession'),
    stopSession: record('stopSession'),
    recordNow: record('recordNow'),
    pauseAll: record('pauseAll'),
    resumeAll: record('resumeAll'),
    openRecordingsFolder: record('openRecordingsFolder'),
    chooseRecordingsFolder: record('chooseRecordingsFolder'),
    setOpenAtLogin: record('setOpenAtLogin'),
    quit: record('quit'),
  };
}

const byId = (items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions => {
  for (const item of items) {
    if (item.id === id) return item;
    if (Array.isArray(item.submenu)) {
      try {
        return byId(item.submenu, id);
      } catch {
        /* not in this branch */
      }
    }
  }
  throw new Error(`no menu item ${id}`);
};
const click = (item: MenuItemConstructorOptions) => (item.click as (() => void) | undefined)?.();
const labels = (items: MenuItemConstructorOptions[]) =>
  items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('trayStateOf', () => {
  it('derives recordings (with their end), the next run, streams and counts from core answers', () => {
    const state = stateFrom();
    expect(state.recordings).toEqual([
      { sessionId: 'rec-1', streamName: 'Jazz & Blues', endsAt: '2026-11-24T09:00:00.000Z' },
    ]);
    expect(state.nextRun).toEqual({ streamName: 'Morning Show', at: '2026-11-24T09:30:00.000Z' });
    expect(state.streams.map((s) => s.name)).toEqual(['Jazz & Blues', 'Morning Show']);
    expect(state.activeSchedules).toBe(2);
    expect(state.pausedByApp).toBe(0);
  });

  it('counts the schedules the app paused that are still paused', () => {
    const paused = core.schedules.map((s) => ({ ...s, isActive: false, nextRunTime: null }));
    const state = stateFrom({ schedules: paused, pausedScheduleIds: ['sc1', 'sc2', 'gone'] });
    expect(state.pausedByApp).toBe(2);
    expect(state.nextRun).toBeNull();
  });

  it('loadTrayState asks the core through the operation table', async () => {
    const invoke = vi.fn(async (name: string) => {
      if (name === 'streams.list') return { items: core.streams, total: 2 };
      if (name === 'schedules.list') return { items: core.schedules, total: 3 };
      return { items: core.recording, total: 1 };
    });
    const state = await loadTrayState({
      invoke,
      problems: () => [],
      pausedScheduleIds: () => [],
      openAtLogin: () => null,
      stopping: () => false,
    });
    expect(invoke.mock.calls).toEqual([
      ['streams.list', {}],
      ['schedules.list', {}],
      ['sessions.list', { status: 'RECORDING', limit: 100 }],
    ]);
    expect(state.recordings).toHaveLength(1);
  });
});

describe('buildTrayMenu', () => {
  it('has every action in the menu: open, recording now, next run, record now, pause, quit', () => {
    const menu = buildTrayMenu(stateFrom(), actionSpy(), clock, 'Audio Stream Recorder');
    expect(labels(menu)).toEqual([
      'Open Audio Stream Recorder',
      '---',
      'Recording now',
      '● Jazz && Blues — until 09:00',
      'Next: Morning Show — 09:30',
      '---',
      'Record now',
      'Pause all schedules',
      '---',
      'Recordings folder',
      'Start at login (minimized)',
      '---',
      'Quit (stops the recording)',
    ]);
  });

  it('each item calls its action', () => {
    const actions = actionSpy();
    const menu = buildTrayMenu(stateFrom(), actions, clock, 'Audio Stream Recorder');
    click(byId(menu, 'open'));
    const recording = byId(menu, 'recording:rec-1');
    const [show, stop] = recording.submenu as MenuItemConstructorOptions[];
    click(show!);
    click(stop!);
    click(byId(menu, 'record:s-morning:3600'));
    click(byId(menu, 'pause-all'));
    click(byId(menu, 'open-at-login'));
    click(byId(menu, 'quit'));
    const folder = byId(menu, 'recordings-folder').submenu as MenuItemConstructorOptions[];
    folder.forEach(click);
    expect(actions.calls).toEqual([
      ['open'],
      ['openSession', 'rec-1'],
      ['stopSession', 'rec-1'],
      ['recordNow', 's-morning', 3600],
      ['pauseAll'],
      ['setOpenAtLogin', true],
      ['quit'],
      ['openRecordingsFolder'],
      ['chooseRecordingsFolder'],
    ]);
  });

  it('offers record now per stream, in the lengths of RECORD_NOW_DURATIONS', () => {
    const menu = buildTrayMenu(stateFrom(), actionSpy(), clock, 'X');
    const streams = byId(menu, 'record-now').submenu as MenuItemConstructorOptions[];
    expect(streams.map((s) => s.label)).toEqual(['Jazz && Blues', 'Morning Show']);
    expect((streams[0]?.submenu as MenuItemConstructorOptions[]).map((d) => d.label)).toEqual(
      RECORD_NOW_DURATIONS.map((d) => d.label),
    );
  });

  it('idle, nothing scheduled, no streams, start at login unsupported', () => {
    const state = stateFrom({ streams: [], schedules: [], recording: [], openAtLogin: null });
    const menu = buildTrayMenu(state, actionSpy(), clock, 'X');
    expect(labels(menu)).toContain('Nothing is recording');
    expect(labels(menu)).toContain('Next: no scheduled recording');
    expect(labels(menu)).not.toContain('Start at login (minimized)');
    expect(byId(menu, 'pause-all').enabled).toBe(false);
    expect((byId(menu, 'record-now').submenu as MenuItemConstructorOptions[])[0]?.label).toBe(
      'No streams yet',
    );
    expect(byId(menu, 'quit').label).toBe('Quit');
  });

  it('after "Pause all", offers to resume what it paused', () => {
    const paused = core.schedules.map((s) => ({ ...s, isActive: false, nextRunTime: null }));
    const actions = actionSpy();
    const menu = buildTrayMenu(
      stateFrom({ schedules: paused, pausedScheduleIds: ['sc1', 'sc2'] }),
      actions,
      clock,
      'X',
    );
    expect(byId(menu, 'next-run').label).toBe('Next: none (schedules paused)');
    click(byId(menu, 'resume-all'));
    expect(byId(menu, 'resume-all').label).toBe('Resume schedules (2 paused)');
    expect(actions.calls).toEqual([['resumeAll']]);
  });

  it('lists problems first; a click opens the recording', () => {
    const actions = actionSpy();
    const state = stateFrom({ problems: [{ sessionId: 'bad-1', text: 'Delivery failed: Jazz' }] });
    const menu = buildTrayMenu(state, actions, clock, 'X');
    expect(menu[2]?.label).toBe('⚠ Delivery failed: Jazz');
    click(menu[2]!);
    expect(actions.calls).toEqual([['openSession', 'bad-1']]);
  });

  it('while quitting, actions are greyed out', () => {
    const menu = buildTrayMenu(stateFrom({ stopping: true }), actionSpy(), clock, 'X');
    expect(byId(menu, 'quit')).toMatchObject({ label: 'Quitting…', enabled: false });
    expect(byId(menu, 'record-now').enabled).toBe(false);
  });
});

describe('icon and tooltip', () => {
  it('problem outranks recording, which outranks idle', () => {
    expect(trayIconKind(stateFrom({ recording: [] }))).toBe('idle');
    expect(trayIconKind(stateFrom())).toBe('recording');
    expect(trayIconKind(stateFrom({ problems: [{ sessionId: 'x', text: 'Failed: A' }] }))).toBe(
      'problem',
    );
  });

  it('the tooltip says what is going on', () => {
    expect(trayTooltip(stateFrom(), 'ASR', clock)).toBe(
      'ASR — recording Jazz & Blues · next: Morning Show 09:30',
    );
    expect(
      trayTooltip(
        stateFrom({ recording: [], problems: [{ sessionId: 'x', text: 'Failed: A' }] }),
        'ASR',
        clock,
      ),
    ).toBe('ASR — idle · Failed: A · next: Morning Show 09:30');
  });

  it('formatWhen: time today, weekday within the week, date later', () => {
    expect(formatWhen('2026-11-24T21:05:00Z', clock)).toBe('21:05');
    expect(formatWhen('2026-11-26T06:00:00Z', clock)).toBe('Thu 06:00');
    expect(formatWhen('2026-12-24T06:00:00Z', clock)).toBe('24 Dec 06:00');
  });

  it('menuText shows user text as written (no mnemonics) and short', () => {
    expect(menuText('Rock & Roll')).toBe('Rock && Roll');
    expect(menuText('a'.repeat(100))).toHaveLength(60);
    expect(menuText('two\nlines')).toBe('two lines');
  });
});

describe('TrayController', () => {
  function fakeTray() {
    const calls: [string, unknown][] = [];
    const tray: TrayLike<string, MenuItemConstructorOptions[]> = {
      setImage: (image) => calls.push(['image', image]),
      setToolTip: (text) => calls.push(['tooltip', text]),
      setContextMenu: (menu) => calls.push(['menu', menu]),
      isDestroyed: () => false,
    };
    return { tray, calls };
  }

  it('sets icon, tooltip and menu from the state; the icon only when it changes', async () => {
    const { tray, calls } = fakeTray();
    let state = stateFrom({ recording: [] });
    const controller = new TrayController({
      tray,
      buildMenu: (template) => template,
      icons: { idle: 'idle.png', recording: 'recording.png', problem: 'problem.png' },
      loadState: async () => state,
      actions: actionSpy(),
      productName: 'ASR',
      clock: () => clock,
    });
    await controller.refresh();
    await controller.refresh();
    state = stateFrom();
    await controller.refresh();
    expect(calls.filter(([k]) => k === 'image').map(([, v]) => v)).toEqual([
      'idle.png',
      'recording.png',
    ]);
    expect(calls.filter(([k]) => k === 'menu')).toHaveLength(3);
    expect(controller.iconKind).toBe('recording');
  });

  it('coalesces bursts of updates into one refresh, and keeps a failing read from breaking it', async () => {
    vi.useFakeTimers();
    try {
      const { tray } = fakeTray();
      const loadState = vi.fn(async () => stateFrom());
      const errors: unknown[] = [];
      const controller = new TrayController({
        tray,
        buildMenu: (t) => t,
        icons: { idle: 'i', recording: 'r', problem: 'p' },
        loadState,
        actions: actionSpy(),
        productName: 'ASR',
        onError: (e) => errors.push(e),
        debounceMs: 100,
      });
      for (let i = 0; i < 20; i += 1) controller.update();
      await vi.advanceTimersByTimeAsync(150);
      expect(loadState).toHaveBeenCalledTimes(1);
      loadState.mockRejectedValueOnce(new Error('database is closed'));
      controller.update();
      await vi.advanceTimersByTimeAsync(150);
      expect(errors).toHaveLength(1);
      controller.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
