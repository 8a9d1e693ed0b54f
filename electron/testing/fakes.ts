// Fakes of Electron's objects for the unit tests of the main process: small, recording what they
// were asked, and refusing what Electron refuses (a channel with no handler).
import type { InvokeEventLike, IpcMainLike } from '../main/ipc-handlers';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown;

/** ipcMain: `handle` registers, `invoke` calls like a renderer would. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** As ipcRenderer.invoke reaches main: no handler, no answer (Electron rejects). */
  async invoke(event: InvokeEventLike, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export const APP_URL = 'file:///opt/asr/resources/app.asar/out/desktop/renderer/index.html';
export const APP_CONTENTS_ID = 7;

/** An IPC event from the app's window, or from elsewhere with `patch`. */
export function ipcEvent(
  patch: { senderId?: number; url?: string; parent?: unknown; noFrame?: boolean } = {},
): InvokeEventLike {
  return {
    sender: { id: patch.senderId ?? APP_CONTENTS_ID },
    senderFrame: patch.noFrame
      ? null
      : { url: patch.url ?? `${APP_URL}#/streams`, parent: patch.parent ?? null },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners of any event shape
type Listener = (...args: any[]) => void;

/** A Node-style event emitter with the `on`/`once` shape Electron's objects have. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = (...args: unknown[]) => {
      this.off(event, wrapped);
      listener(...args);
    };
    return this.on(event, wrapped);
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  removeAllListeners(event: string): this {
    this.listeners.delete(event);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An event whose default can be prevented (will-navigate, close, before-quit). */
export function preventable(url?: string) {
  const event = {
    url,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

/** Electron's Notification: records its options; `show` and clicks are observable. */
export class FakeNotification extends FakeEmitter {
  shown = false;
  constructor(readonly options: { title: string; body: string; urgency?: string; icon?: string }) {
    super();
  }
  show(): void {
    this.shown = true;
  }
}

/** A session as the core announces it (shared with the contract's and the renderer's tests). */
export { sessionDto } from '../../core/contract/testing/session-fixtures';

/**
 * Electron's dialog: records every box it was asked to show; message boxes answer the next of
 * `responses` (then 0, the default button), the open dialog answers `picked` (or cancels).
 */
export class FakeDialog {
  readonly shown: { kind: 'message' | 'open' | 'error'; options: Record<string, unknown> }[] = [];
  responses: number[] = [];
  picked: string[] | null = null;

  async showMessageBox(options: object): Promise<{ response: number }> {
    this.shown.push({ kind: 'message', options: { ...options } });
    return { response: this.responses.shift() ?? 0 };
  }

  async showOpenDialog(options: object): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.shown.push({ kind: 'open', options: { ...options } });
    return this.picked
      ? { canceled: false, filePaths: this.picked }
      : { canceled: true, filePaths: [] };
  }

  showErrorBox(title: string, content: string): void {
    this.shown.push({ kind: 'error', options: { title, content } });
  }
}

/** Electron's Session: keeps the handlers the app sets, for the test to call. */
export class FakeSession {
  requestHandler:
    | ((contents: unknown, permission: string, grant: (granted: boolean) => void) => void)
    | undefined;
  checkHandler: ((contents: unknown, permission: string) => boolean) | undefined;
  headersListeners: ((
    details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
    done: (response: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void)[] = [];

  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListeners'][number]) => {
      this.headersListeners.push(listener);
    },
  };

  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>): void {
    this.checkHandler = handler;
  }

  /** Asks for `permission` as a page would; answers what was granted. */
  request(permission: string): boolean {
    let granted: boolean | undefined;
    this.requestHandler?.(null, permission, (g) => (granted = g));
    if (granted === undefined) throw new Error(`no answer for ${permission}`);
    return granted;
  }

  /** Runs a response through the headers listeners; answers what they made of it. */
  receive(details: {
    url: string;
    resourceType: string;
    responseHeaders?: Record<string, string[]>;
  }): { responseHeaders?: Record<string, string[]> } | undefined {
    let answer: { responseHeaders?: Record<string, string[]> } | undefined;
    for (const listener of this.headersListeners) listener(details, (r) => (answer = r));
    return answer;
  }
}

/** A BrowserWindow's webContents: guards and navigation are observable. */
export class FakeWebContents extends FakeEmitter {
  loading = true;
  readonly scripts: string[] = [];
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  isLoading(): boolean {
    return this.loading;
  }

  async executeJavaScript(code: string): Promise<unknown> {
    this.scripts.push(code);
    return undefined;
  }
}

/** Electron's BrowserWindow: records what was done to it (shown, hidden, loaded). */
export class FakeBrowserWindow extends FakeEmitter {
  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  destroyed = false;
  minimized = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
  hide(): void {
    this.calls.push('hide');
  }
  async loadURL(url: string): Promise<void> {
    this.calls.push(`loadURL ${url}`);
  }
  async loadFile(path: string): Promise<void> {
    this.calls.push(`loadFile ${path}`);
  }
}
