import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/contract/errors';
import { FakeDialog } from '../testing/fakes';
import {
  chooseRecordingsFolder,
  createReporter,
  reportStartFailure,
  startFailureMessage,
  type ChooseFolderDeps,
} from './dialogs';

describe('cannot start', () => {
  it('says what to do for an AppError, shows the stack of anything else; logs it too', () => {
    expect(
      startFailureMessage(new AppError('DISK_FULL', 'Free some space, then start again.')),
    ).toBe('Free some space, then start again.');
    const crash = new Error('boom');
    expect(startFailureMessage(crash)).toBe(crash.stack);
    expect(startFailureMessage('plain')).toBe('plain');

    const dialog = new FakeDialog();
    const logged: string[] = [];
    reportStartFailure(new AppError('INTERNAL', 'The database is damaged.'), {
      dialog,
      productName: 'ASR',
      log: (m) => logged.push(m),
    });
    expect(logged).toEqual(['ASR cannot start: The database is damaged.']);
    expect(dialog.shown).toEqual([
      {
        kind: 'error',
        options: { title: 'ASR cannot start', content: 'The database is damaged.' },
      },
    ]);
  });
});

describe('a tray action that failed', () => {
  it('is logged and shown as a warning with the error message', () => {
    const dialog = new FakeDialog();
    const logged: string[] = [];
    const report = createReporter({ dialog, productName: 'ASR', log: (m) => logged.push(m) });
    report('Could not stop', new Error('There is no recording "x".'));
    report('Could not pause the schedules', 'database is closed');
    expect(logged).toEqual([
      'Could not stop: There is no recording "x".',
      'Could not pause the schedules: database is closed',
    ]);
    expect(dialog.shown[0]).toEqual({
      kind: 'message',
      options: {
        type: 'warning',
        title: 'ASR',
        message: 'Could not stop',
        detail: 'There is no recording "x".',
      },
    });
  });
});

describe('choosing another recordings folder', () => {
  function setup(patch: Partial<ChooseFolderDeps> = {}) {
    const dialog = new FakeDialog();
    const saved: string[] = [];
    let restarts = 0;
    const deps: ChooseFolderDeps = {
      dialog,
      productName: 'ASR',
      env: {},
      recordingsDir: '/home/me/recordings',
      save: (dir) => saved.push(dir),
      restart: () => (restarts += 1),
      ...patch,
    };
    return { dialog, saved, deps, restarts: () => restarts };
  }

  /** /media/radio picked, and the question after it answered with button `response`. */
  async function pickRadio(response: number) {
    const picked = setup();
    picked.dialog.picked = ['/media/radio'];
    picked.dialog.responses = [response];
    return { ...picked, outcome: await chooseRecordingsFolder(picked.deps) };
  }

  it('keeps the new folder and restarts when asked to', async () => {
    const { dialog, saved, restarts, outcome } = await pickRadio(0);
    expect(outcome).toBe('restart');
    expect(saved).toEqual(['/media/radio']);
    expect(restarts()).toBe(1);
    expect(dialog.shown.map((s) => s.kind)).toEqual(['open', 'message']);
    expect(dialog.shown[0]?.options).toMatchObject({
      defaultPath: '/home/me/recordings',
      properties: ['openDirectory', 'createDirectory'],
    });
    expect(dialog.shown[1]?.options).toMatchObject({
      type: 'question',
      message: 'New recordings will be saved in /media/radio after a restart.',
      buttons: ['Restart now', 'Later'],
      cancelId: 1,
    });
  });

  it('"Later" keeps the folder for the next start without restarting', async () => {
    const { saved, restarts, outcome } = await pickRadio(1);
    expect(outcome).toBe('later');
    expect(saved).toEqual(['/media/radio']);
    expect(restarts()).toBe(0);
  });

  it('cancelled, or the same folder: nothing changes', async () => {
    const cancelled = setup();
    expect(await chooseRecordingsFolder(cancelled.deps)).toBe('unchanged');
    const same = setup();
    same.dialog.picked = ['/home/me/recordings'];
    expect(await chooseRecordingsFolder(same.deps)).toBe('unchanged');
    for (const { saved, restarts, dialog } of [cancelled, same]) {
      expect(saved).toEqual([]);
      expect(restarts()).toBe(0);
      expect(dialog.shown.map((s) => s.kind)).toEqual(['open']);
    }
  });

  it('with RECORDINGS_DIR set, says so and asks nothing', async () => {
    const { dialog, saved, deps } = setup({ env: { RECORDINGS_DIR: '/srv/rec' } });
    dialog.picked = ['/media/radio'];
    expect(await chooseRecordingsFolder(deps)).toBe('set-by-environment');
    expect(saved).toEqual([]);
    expect(dialog.shown).toEqual([
      {
        kind: 'message',
        options: {
          type: 'info',
          title: 'ASR',
          message: 'The recordings folder is set by the RECORDINGS_DIR environment variable.',
          detail: '/home/me/recordings',
        },
      },
    ]);
    // a blank variable fixes nothing
    dialog.picked = null;
    expect(await chooseRecordingsFolder({ ...deps, env: { RECORDINGS_DIR: '  ' } })).toBe(
      'unchanged',
    );
    expect(dialog.shown.map((s) => s.kind)).toEqual(['message', 'open']);
  });
});
