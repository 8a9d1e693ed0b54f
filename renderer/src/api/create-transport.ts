import { HttpTransport } from './http-transport';
import { IpcTransport, desktopBridge } from './ipc-transport';
import type { AuthApi, Transport } from './transport';

/**
 * The transport of this build (VITE_TRANSPORT, set by renderer/vite.config.ts): HTTP + SSE for the
 * headless server (the default), IPC for the desktop app. The comparison is between build-time
 * constants, so a build carries only the transport it uses.
 */
export function createTransport(): Transport & { readonly auth: AuthApi } {
  return import.meta.env.VITE_TRANSPORT === 'ipc'
    ? new IpcTransport(desktopBridge())
    : new HttpTransport();
}

/** How pages appear in the URL: paths for the server (it answers each with index.html), #/ for file://. */
export const HISTORY_MODE: 'web' | 'hash' =
  import.meta.env.VITE_TRANSPORT === 'ipc' ? 'hash' : 'web';
