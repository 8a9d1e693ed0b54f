// `window.recorder`, the desktop app's bridge, as the renderer sees it. The bridge's shape is
// declared once, in core/contract/desktop.ts (the preload implements it); only the global is
// declared here.
import type { RecorderBridge } from '@contract';

declare global {
  interface Window {
    /** Present in the desktop app only. */
    recorder?: RecorderBridge;
  }
}
