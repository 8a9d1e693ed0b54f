// The tray icon of the desktop app: its images per state and platform, a click that opens the
// window where the platform delivers clicks, and a refresh every minute (the next run's time
// moves on by itself).
import { TrayController, type TrayControllerDeps, type TrayLike } from './tray-controller';
import { TRAY_ICON_KINDS, trayIconFile } from './tray-icons';
import type { TrayIconKind } from './tray-menu';

/** The part of Electron's Tray used here. */
export interface TrayIconLike<Image, Menu> extends TrayLike<Image, Menu> {
  on(event: 'click', listener: () => void): unknown;
}

export interface StartTrayDeps<Image, Menu> extends Omit<
  TrayControllerDeps<Image, Menu>,
  'tray' | 'icons'
> {
  /** `new Tray(image)`. */
  createTray: (image: Image) => TrayIconLike<Image, Menu>;
  /** The image of a file of the app (`build/tray/...`). */
  loadIcon: (file: string) => Image;
  platform: NodeJS.Platform;
  /** A click on the icon (not on macOS, where a click opens the menu). */
  onClick: () => void;
  refreshEveryMs?: number;
}

export function startTray<Image, Menu>(
  deps: StartTrayDeps<Image, Menu>,
): { controller: TrayController<Image, Menu>; stop(): void } {
  const { createTray, loadIcon, platform, onClick, refreshEveryMs, ...controllerDeps } = deps;
  const icons = Object.fromEntries(
    TRAY_ICON_KINDS.map((kind) => [kind, loadIcon(trayIconFile(kind, platform))]),
  ) as Record<TrayIconKind, Image>;
  const tray = createTray(icons.idle);
  const controller = new TrayController<Image, Menu>({ ...controllerDeps, tray, icons });
  // where the platform delivers it, a click opens the window (the menu has "Open" everywhere)
  if (platform !== 'darwin') tray.on('click', onClick);
  const timer = setInterval(() => controller.update(), refreshEveryMs ?? 60_000);
  timer.unref();
  void controller.refresh();
  return {
    controller,
    stop: () => {
      clearInterval(timer);
      controller.dispose();
    },
  };
}
