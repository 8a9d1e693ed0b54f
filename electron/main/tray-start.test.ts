import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEmitter } from '../testing/fakes';
import type { TrayActions } from './tray-menu';
import type { TrayState } from './tray-state';
import { startTray } from './tray-start';

class FakeTray extends FakeEmitter {
  readonly images: string[] = [];
  readonly menus: MenuItemConstructorOptions[][] = [];
  constructor(readonly first: string) {
    super();
  }
  setImage(image: string): void {
    this.images.push(image);
  }
  setToolTip(): void {}
  setContextMenu(menu: MenuItemConstructorOptions[] | null): void {
    if (menu) this.menus.push(menu);
  }
  isDestroyed(): boolean {
    return false;
  }
}

const idle: TrayState = {
  recordings: [],
  nextRun: null,
  streams: [],
  activeSchedules: 0,
  pausedByApp: 0,
  problems: [],
  openAtLogin: null,
  stopping: false,
};
const noop = () => undefined;
const actions: TrayActions = {
  open: noop,
  openSession: noop,
  stopSession: noop,
  recordNow: noop,
  pauseAll: noop,
  resumeAll: noop,
  openRecordingsFolder: noop,
  chooseRecordingsFolder: noop,
  setOpenAtLogin: noop,
  quit: noop,
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function start(platform: NodeJS.Platform) {
  let tray: FakeTray | undefined;
  const loadState = vi.fn(async () => idle);
  const onClick = vi.fn();
  const started = startTray<string, MenuItemConstructorOptions[]>({
    createTray: (image) => (tray = new FakeTray(image)),
    loadIcon: (file) => `image of ${file}`,
    buildMenu: (template) => template,
    platform,
    onClick,
    loadState,
    actions,
    productName: 'ASR',
    debounceMs: 10,
  });
  return { tray: tray as unknown as FakeTray, started, loadState, onClick };
}

describe('startTray', () => {
  it("shows the platform's idle image at once, then the state's menu", async () => {
    const { tray, started } = start('linux');
    expect(tray.first).toBe('image of build/tray/tray-idle@2x.png');
    await vi.advanceTimersByTimeAsync(0);
    expect(tray.menus).toHaveLength(1);
    expect(started.controller.iconKind).toBe('idle');
    started.stop();
  });

  it('a click opens the window, except on macOS where a click opens the menu', () => {
    const linux = start('linux');
    linux.tray.emit('click');
    expect(linux.onClick).toHaveBeenCalledOnce();
    const mac = start('darwin');
    expect(mac.tray.first).toBe('image of build/tray/tray-idleTemplate.png');
    expect(mac.tray.count('click')).toBe(0);
    linux.started.stop();
    mac.started.stop();
  });

  it('refreshes every minute until stopped', async () => {
    const { started, loadState } = start('win32');
    await vi.advanceTimersByTimeAsync(0);
    expect(loadState).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000 + 20);
    expect(loadState).toHaveBeenCalledTimes(2);
    started.stop();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(loadState).toHaveBeenCalledTimes(2);
  });
});
