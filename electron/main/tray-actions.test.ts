import { describe, expect, it } from 'vitest';
import type { DesktopConfig } from './desktop-config';
import { createTrayActions, type TrayActionDeps } from './tray-actions';

/** Lets the actions' promise chains run to their end (the fakes answer at once). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(options: { fail?: string; schedules?: Record<string, boolean> } = {}) {
  const schedules = options.schedules ?? { a: true, b: false, c: true };
  const invoked: [string, unknown][] = [];
  const events: string[] = [];
  let config: DesktopConfig = { pausedScheduleIds: ['old'] };
  let loginItem = false;
  const deps: TrayActionDeps = {
    invoke: async (name, input) => {
      invoked.push([name, input]);
      if (name === options.fail) throw new Error(`${name} failed`);
      if (name === 'schedules.list') {
        const items = Object.entries(schedules).map(([id, isActive]) => ({ id, isActive }));
        return { items, total: items.length };
      }
      if (name === 'schedules.update') {
        const { id, isActive } = input as { id: string; isActive: boolean };
        schedules[id] = isActive;
      }
      return {};
    },
    config: {
      get: () => ({ ...config, pausedScheduleIds: [...config.pausedScheduleIds] }),
      update: (patch) => (config = { ...config, ...patch }),
    },
    loginItem: {
      set: (enabled) => {
        if (options.fail === 'login') throw new Error('read-only home');
        loginItem = enabled;
      },
    },
    open: () => events.push('open'),
    openSession: (id) => events.push(`openSession ${id}`),
    openRecordingsFolder: () => events.push('openRecordingsFolder'),
    chooseRecordingsFolder: async () => events.push('chooseRecordingsFolder'),
    report: (title, error) => events.push(`report ${title}: ${(error as Error).message}`),
    updateTray: () => events.push('updateTray'),
    log: (message) => events.push(`log ${message}`),
    quit: () => events.push('quit'),
  };
  return {
    actions: createTrayActions(deps),
    invoked,
    events,
    schedules,
    config: () => config,
    loginItem: () => loginItem,
  };
}

describe('tray actions', () => {
  it('stop and record now go through the operation table; record now updates the tray', async () => {
    const { actions, invoked, events } = setup();
    actions.stopSession('sess-1');
    actions.recordNow('stream-1', 900);
    await settle();
    expect(invoked).toEqual([
      ['sessions.stop', { id: 'sess-1' }],
      ['streams.record', { id: 'stream-1', durationSeconds: 900 }],
    ]);
    expect(events).toEqual(['updateTray']);
  });

  it('says in a dialog what could not be done', async () => {
    const stop = setup({ fail: 'sessions.stop' });
    stop.actions.stopSession('sess-1');
    const record = setup({ fail: 'streams.record' });
    record.actions.recordNow('stream-1', 900);
    await settle();
    expect(stop.events).toEqual(['report Could not stop: sessions.stop failed']);
    expect(record.events).toEqual(['report Could not start the recording: streams.record failed']);
  });

  it('"Pause all" remembers what it paused (with what it paused before); "Resume" wakes exactly those', async () => {
    const { actions, events, schedules, config } = setup();
    actions.pauseAll();
    await settle();
    expect(schedules).toEqual({ a: false, b: false, c: false });
    expect(config().pausedScheduleIds).toEqual(['old', 'a', 'c']);
    expect(events).toEqual(['log Paused 2 schedules from the tray.', 'updateTray']);
    actions.resumeAll();
    await settle();
    expect(schedules).toEqual({ a: true, b: false, c: true });
    expect(config().pausedScheduleIds).toEqual([]);
    expect(events.slice(2)).toEqual(['log Resumed 2 schedules from the tray.', 'updateTray']);
  });

  it('a pause or resume that fails is reported, remembers nothing new, and still updates the tray', async () => {
    const { actions, events, config } = setup({
      fail: 'schedules.update',
      schedules: { a: true, old: false },
    });
    actions.pauseAll();
    await settle();
    actions.resumeAll();
    await settle();
    expect(config().pausedScheduleIds).toEqual(['old']);
    expect(events).toEqual([
      'report Could not pause the schedules: schedules.update failed',
      'updateTray',
      'report Could not resume the schedules: schedules.update failed',
      'updateTray',
    ]);
  });

  it('start at login: set, or reported when it cannot be; the tray shows the outcome', () => {
    const ok = setup();
    ok.actions.setOpenAtLogin(true);
    expect(ok.loginItem()).toBe(true);
    expect(ok.events).toEqual(['updateTray']);
    const failing = setup({ fail: 'login' });
    failing.actions.setOpenAtLogin(true);
    expect(failing.events).toEqual([
      'report Could not change the start at login: read-only home',
      'updateTray',
    ]);
  });

  it('window, folder and quit items call what they name', async () => {
    const { actions, events, invoked } = setup();
    actions.open();
    actions.openSession('sess-2');
    actions.openRecordingsFolder();
    actions.chooseRecordingsFolder();
    actions.quit();
    await settle();
    expect(events).toEqual([
      'open',
      'openSession sess-2',
      'openRecordingsFolder',
      'chooseRecordingsFolder',
      'quit',
    ]);
    expect(invoked).toEqual([]);
  });
});
