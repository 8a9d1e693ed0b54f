// One IPC handler per operation of the table (ARCHITECTURE rule 2): the same table the HTTP
// server turns into routes. Each handler checks that the message comes from the app's own
// window, runs the operation through the table (which validates the input with the
// operation's schema) and answers an envelope, because Electron's IPC keeps only the message of
// a thrown error and the UI needs its code and field.
import type { InvokeAnswer } from '../../core/contract/desktop';
import { isAppError, type ErrorBody } from '../../core/contract/errors';
import { OPERATION_NAMES, answerKind } from '../../core/contract/operations';
import { isNameIn, operationChannel } from '../shared/ipc-channels';

/** What an IPC handler receives about the sender (a subset of Electron's IpcMainInvokeEvent). */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface OperationHandlersDeps {
  ipcMain: IpcMainLike;
  /** The operation table's entries (their names, and which answer schema they declare). */
  operations: readonly { spec: { name: string; output?: unknown } }[];
  /** Runs an operation of the table: validates the input, then calls its handler. */
  invoke: (name: string, input: unknown) => Promise<unknown>;
  isTrustedSender: (event: InvokeEventLike) => boolean;
  log: (level: 'warn' | 'error', message: string) => void;
}

const refusal = (error: ErrorBody): InvokeAnswer => ({ ok: false, error });

/**
 * Registers the handlers; answers the function that removes them. An operation of the table that
 * the contract does not name is not exposed; a channel of no operation has no handler (Electron
 * refuses the call).
 */
export function registerOperationHandlers(deps: OperationHandlersDeps): () => void {
  const channels: string[] = [];
  for (const { spec } of deps.operations) {
    const name = spec.name;
    if (!isNameIn<(typeof OPERATION_NAMES)[number]>(OPERATION_NAMES, name)) continue;
    const channel = operationChannel(name);
    const answersAFile = answerKind(spec) === 'file';
    deps.ipcMain.handle(channel, async (event, input): Promise<InvokeAnswer> => {
      if (!deps.isTrustedSender(event)) {
        deps.log('warn', `Refused ${name} from a sender that is not the app's window.`);
        return refusal({ code: 'FORBIDDEN', message: 'Only the app window may call the core.' });
      }
      if (answersAFile) {
        // the window loads files through recorder-file://, never by path
        return refusal({
          code: 'NOT_FOUND',
          message: `${name} answers a file: load it from its recorder-file:// URL.`,
        });
      }
      try {
        return { ok: true, value: await deps.invoke(name, input) };
      } catch (error) {
        if (isAppError(error)) return refusal(error.toBody());
        deps.log('error', `${name} failed: ${(error as Error)?.stack ?? String(error)}`);
        return refusal({
          code: 'INTERNAL',
          message: `${name} failed unexpectedly. See the log for details.`,
        });
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) deps.ipcMain.removeHandler(channel);
  };
}

/** True when `url` is a page of the app: the same file (any hash), or the dev server's origin. */
export function isAppUrl(url: string, appUrl: string): boolean {
  let page: URL;
  let app: URL;
  try {
    page = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return page.protocol === 'file:' && page.pathname === app.pathname;
  return page.origin === app.origin;
}

/**
 * The sender check: the main frame of the app's window (by webContents id), showing the app's
 * page. Anything else — another window, a frame inside the page, a page navigated elsewhere —
 * is refused.
 */
export function createSenderCheck(
  appWindowContentsId: () => number | undefined,
  appUrl: string,
): (event: InvokeEventLike) => boolean {
  return (event) => {
    const id = appWindowContentsId();
    if (id === undefined || event.sender.id !== id) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isAppUrl(frame.url, appUrl);
  };
}
