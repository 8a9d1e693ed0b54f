import type { MenuItemConstructorOptions } from 'electron';
import {
  buildTrayMenu,
  trayIconKind,
  trayTooltip,
  type ClockFormat,
  type TrayActions,
  type TrayIconKind,
} from './tray-menu';
import type { TrayState } from './tray-state';

/** The part of Electron's Tray used here. */
export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu | null): void;
  isDestroyed(): boolean;
}

export interface TrayControllerDeps<Image, Menu> {
  tray: TrayLike<Image, Menu>;
  /** Menu.buildFromTemplate. */
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  icons: Record<TrayIconKind, Image>;
  loadState: () => Promise<TrayState>;
  actions: TrayActions;
  productName: string;
  clock?: () => ClockFormat;
  onError?: (error: unknown) => void;
  /** Coalesces bursts of changes (ms). */
  debounceMs?: number;
}

/**
 * Keeps the tray's icon, tooltip and menu in step with the core: `update()` after any change
 * (events, actions); bursts are coalesced and one refresh runs at a time.
 */
export class TrayController<Image, Menu> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private lastKind: TrayIconKind | undefined;

  constructor(private readonly deps: TrayControllerDeps<Image, Menu>) {}

  /** Asks for a refresh soon. */
  update(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.deps.debounceMs ?? 200);
    this.timer.unref?.();
  }

  /** Refreshes now (waits for a refresh in progress, then runs once more). */
  async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.apply();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The icon kind shown now (for tests and logs). */
  get iconKind(): TrayIconKind | undefined {
    return this.lastKind;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async apply(): Promise<void> {
    const { tray } = this.deps;
    let state: TrayState;
    try {
      state = await this.deps.loadState();
    } catch (error) {
      this.deps.onError?.(error);
      return;
    }
    if (tray.isDestroyed()) return;
    const clock = this.deps.clock?.() ?? { now: new Date() };
    const kind = trayIconKind(state);
    if (kind !== this.lastKind) {
      tray.setImage(this.deps.icons[kind]);
      this.lastKind = kind;
    }
    tray.setToolTip(trayTooltip(state, this.deps.productName, clock));
    tray.setContextMenu(
      this.deps.buildMenu(buildTrayMenu(state, this.deps.actions, clock, this.deps.productName)),
    );
  }
}
