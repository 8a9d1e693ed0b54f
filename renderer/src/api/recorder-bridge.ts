import type { ErrorBody } from '../../../core/contract';

/**
 * What the desktop app's preload (electron/preload) exposes as `window.recorder`: only `invoke`
 * and `on`, for names of the contract. A declaration for the renderer; the preload implements it.
 *
 * `invoke` resolves with an envelope rather than rejecting: Electron's IPC keeps only the message
 * of a thrown error, and the UI needs the contract's code and field.
 */
export interface RecorderBridge {
  invoke(
    op: string,
    input: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorBody }>;
  /** Listens to a contract event; returns the function that stops listening. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Present in the desktop app only. */
    recorder?: RecorderBridge;
  }
}
