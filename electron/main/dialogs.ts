// What the desktop app says and asks in dialogs: why it cannot start, what an action from the
// tray could not do, and choosing another recordings folder.
import type { MessageBoxOptions, OpenDialogOptions } from 'electron';
import { isAppError } from '../../core/contract/errors';

/** The part of Electron's dialog module used here. */
export interface DialogLike {
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showErrorBox(title: string, content: string): void;
}

/** The text of the "cannot start" box: an AppError says what to do; anything else, its stack. */
export function startFailureMessage(error: unknown): string {
  return isAppError(error) ? error.message : ((error as Error)?.stack ?? String(error));
}

/** Says why the app cannot start (logged and shown); the caller then exits. */
export function reportStartFailure(
  error: unknown,
  deps: { dialog: Pick<DialogLike, 'showErrorBox'>; productName: string; log: (m: string) => void },
): void {
  const message = startFailureMessage(error);
  deps.log(`${deps.productName} cannot start: ${message}`);
  deps.dialog.showErrorBox(`${deps.productName} cannot start`, message);
}

/** An action that failed (`title`, e.g. "Could not stop"): logged, and shown as a warning. */
export type Report = (title: string, error: unknown) => void;

export function createReporter(deps: {
  dialog: Pick<DialogLike, 'showMessageBox'>;
  productName: string;
  log: (message: string) => void;
}): Report {
  return (title, error) => {
    const message = error instanceof Error ? error.message : String(error);
    deps.log(`${title}: ${message}`);
    void deps.dialog.showMessageBox({
      type: 'warning',
      title: deps.productName,
      message: title,
      detail: message,
    });
  };
}

export interface ChooseFolderDeps {
  dialog: Pick<DialogLike, 'showMessageBox' | 'showOpenDialog'>;
  productName: string;
  /** Read when asked: RECORDINGS_DIR, when set, fixes the folder. */
  env: { RECORDINGS_DIR?: string | undefined };
  /** The folder in use now. */
  recordingsDir: string;
  /** Keeps the choice (desktop.json) for the next start. */
  save: (dir: string) => void;
  /** Relaunches the app (quitting finishes running recordings first). */
  restart: () => void;
}

export type ChooseFolderOutcome = 'set-by-environment' | 'unchanged' | 'restart' | 'later';

/**
 * Tray → Recordings folder → Choose another…: the new folder is kept and used from the next
 * start, which the user may ask for at once. RECORDINGS_DIR wins, so with it set nothing is asked.
 */
export async function chooseRecordingsFolder(deps: ChooseFolderDeps): Promise<ChooseFolderOutcome> {
  const { dialog, productName: title, recordingsDir } = deps;
  if (deps.env.RECORDINGS_DIR?.trim()) {
    await dialog.showMessageBox({
      type: 'info',
      title,
      message: 'The recordings folder is set by the RECORDINGS_DIR environment variable.',
      detail: recordingsDir,
    });
    return 'set-by-environment';
  }
  const picked = await dialog.showOpenDialog({
    title: 'Recordings folder',
    defaultPath: recordingsDir,
    properties: ['openDirectory', 'createDirectory'],
  });
  const dir = picked.filePaths[0];
  if (picked.canceled || !dir || dir === recordingsDir) return 'unchanged';
  deps.save(dir);
  const answer = await dialog.showMessageBox({
    type: 'question',
    title,
    message: `New recordings will be saved in ${dir} after a restart.`,
    detail: 'Restarting finishes running recordings first.',
    buttons: ['Restart now', 'Later'],
    defaultId: 0,
    cancelId: 1,
  });
  if (answer.response !== 0) return 'later';
  deps.restart();
  return 'restart';
}
