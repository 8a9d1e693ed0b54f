// The desktop app's contract: how its window reaches the core (the preload's `window.recorder`
// bridge and its answer envelope) and the URL scheme its files are served through. Declared
// here once for both sides: electron/preload implements the bridge, the renderer uses it.
import type { ErrorBody } from './errors';

/**
 * The desktop app serves the files the contract answers as files (a stream's artwork, a session's
 * audio) through this URL scheme instead of an HTTP port: `recorder-file://app/api/streams/x/artwork`
 * is answered like `GET /api/streams/x/artwork` on the headless server.
 */
export const DESKTOP_FILE_SCHEME = 'recorder-file';
export const DESKTOP_FILE_HOST = 'app';

/** The desktop URL of a file path of the contract (`/api/...`). */
export function desktopFileUrl(apiPath: string): string {
  return `${DESKTOP_FILE_SCHEME}://${DESKTOP_FILE_HOST}${apiPath}`;
}

/**
 * What an operation called over the desktop bridge resolves with, rather than rejecting:
 * Electron's IPC keeps only the message of a thrown error, and the UI needs the contract's code
 * and field.
 */
export type InvokeAnswer = { ok: true; value: unknown } | { ok: false; error: ErrorBody };

/**
 * What the desktop app's preload (electron/preload) exposes as `window.recorder`: only `invoke`
 * and `on`, for names of the contract (any other name throws before anything is sent).
 */
export interface RecorderBridge {
  invoke(op: string, input: unknown): Promise<InvokeAnswer>;
  /** Listens to a contract event; returns the function that stops listening. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
