import type { TrayIconKind } from './tray-menu';

/**
 * The tray icon file of each state (made by build/make-icons.mjs). macOS: black "Template"
 * images that the menu bar tints (nativeImage picks the @2x file by itself); Windows: 16 px
 * with its @2x; Linux (AppIndicator scales, no @2x lookup): the 32 px file.
 */
export function trayIconFile(kind: TrayIconKind, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `build/tray/tray-${kind}Template.png`;
  if (platform === 'win32') return `build/tray/tray-${kind}.png`;
  return `build/tray/tray-${kind}@2x.png`;
}

export const TRAY_ICON_KINDS: readonly TrayIconKind[] = ['idle', 'recording', 'problem'];
