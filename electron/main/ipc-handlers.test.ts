import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../core/contract/errors';
import { OPERATION_NAMES } from '../../core/contract/operations';
import { createOperationTable } from '../../core/src/operations/index';
import { OPERATION_CHANNEL_PREFIX, operationChannel } from '../shared/ipc-channels';
import { APP_CONTENTS_ID, APP_URL, FakeIpcMain, ipcEvent } from '../testing/fakes';
import { createSenderCheck, isAppUrl, registerOperationHandlers } from './ipc-handlers';

const table = createOperationTable();

function setup(invoke: (name: string, input: unknown) => Promise<unknown> = async () => 'done') {
  const ipcMain = new FakeIpcMain();
  const calls: [string, unknown][] = [];
  const logged: string[] = [];
  const dispose = registerOperationHandlers({
    ipcMain,
    operations: table.list(),
    invoke: async (name, input) => {
      calls.push([name, input]);
      return invoke(name, input);
    },
    isTrustedSender: createSenderCheck(() => APP_CONTENTS_ID, APP_URL),
    log: (level, message) => logged.push(`${level}: ${message}`),
  });
  return { ipcMain, calls, logged, dispose };
}

describe('registerOperationHandlers', () => {
  it('registers one channel per operation of the table, exactly the contract names', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      OPERATION_NAMES.map((name) => operationChannel(name)).sort(),
    );
  });

  it('answers {ok: true, value} with what the table answered', async () => {
    const { ipcMain, calls } = setup(async () => ({ items: [], total: 0 }));
    const answer = await ipcMain.invoke(ipcEvent(), 'recorder:op:streams.list', {});
    expect(answer).toEqual({ ok: true, value: { items: [], total: 0 } });
    expect(calls).toEqual([['streams.list', {}]]);
  });

  it('refuses undeclared channels: Electron has no handler for them', async () => {
    const { ipcMain, calls } = setup();
    for (const channel of [
      'recorder:op:streams.nope',
      `${OPERATION_CHANNEL_PREFIX}__proto__`,
      'recorder:event:session',
      '__ELECTRON_LOG__',
      'streams.list',
    ]) {
      await expect(ipcMain.invoke(ipcEvent(), channel, {})).rejects.toThrow('No handler');
    }
    expect(calls).toEqual([]);
  });

  it('does not expose an operation of the table that the contract does not name', () => {
    const ipcMain = new FakeIpcMain();
    registerOperationHandlers({
      ipcMain,
      operations: [{ spec: { name: 'debug.dumpDatabase' } }, { spec: { name: 'health' } }],
      invoke: async () => undefined,
      isTrustedSender: () => true,
      log: () => undefined,
    });
    expect([...ipcMain.handlers.keys()]).toEqual(['recorder:op:health']);
  });

  it.each([
    ['another window', ipcEvent({ senderId: 99 })],
    ['a frame inside the page', ipcEvent({ parent: { url: APP_URL } })],
    ['the window navigated elsewhere', ipcEvent({ url: 'https://evil.example/' })],
    ['another local file', ipcEvent({ url: 'file:///tmp/evil.html' })],
    ['a frame that is gone', ipcEvent({ noFrame: true })],
  ])('refuses a message from %s, without running anything', async (_what, event) => {
    const { ipcMain, calls, logged } = setup();
    const answer = await ipcMain.invoke(event, 'recorder:op:streams.delete', { id: 'x' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
    expect(logged).toEqual([
      "warn: Refused streams.delete from a sender that is not the app's window.",
    ]);
  });

  it('keeps the code and field of an AppError (here, the schema refusing the input)', async () => {
    const ipcMain = new FakeIpcMain();
    registerOperationHandlers({
      ipcMain,
      operations: table.list(),
      // the table validates with the operation's schema before any handler runs
      invoke: (name, input) => table.invoke(name, input, {} as never),
      isTrustedSender: () => true,
      log: () => undefined,
    });
    const answer = await ipcMain.invoke(ipcEvent(), 'recorder:op:streams.record', {
      id: 'stream-1',
      durationSeconds: 0,
    });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'durationSeconds: must be a whole number from 1 to 86400',
        field: 'durationSeconds',
      },
    });
  });

  it('answers a conflict as the core said it', async () => {
    const { ipcMain } = setup(async () => {
      throw new AppError('CONFLICT', 'All 3 recording slots are busy.');
    });
    expect(await ipcMain.invoke(ipcEvent(), 'recorder:op:streams.record', {})).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'All 3 recording slots are busy.' },
    });
  });

  it('hides an unexpected error behind INTERNAL and logs it', async () => {
    const { ipcMain, logged } = setup(async () => {
      throw new TypeError('secret internals at /home/me');
    });
    const answer = await ipcMain.invoke(ipcEvent(), 'recorder:op:system.get', {});
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'system.get failed unexpectedly. See the log for details.',
      },
    });
    expect(logged[0]).toContain('error: system.get failed: TypeError: secret internals');
  });

  it('never hands a file path to the page: file operations are served by recorder-file://', async () => {
    const { ipcMain } = setup(async () => ({
      filePath: '/home/me/rec.mp3',
      contentType: 'audio/mpeg',
    }));
    const answer = await ipcMain.invoke(ipcEvent(), 'recorder:op:sessions.audio', { id: 's' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(answer)).not.toContain('/home/me');
  });

  it('removes its handlers when disposed', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('createSenderCheck', () => {
  it('refuses everything while there is no window', () => {
    const check = createSenderCheck(() => undefined, APP_URL);
    expect(check(ipcEvent())).toBe(false);
  });

  it('in development, trusts the dev server origin only', () => {
    const check = createSenderCheck(() => 3, 'http://localhost:5174/');
    expect(check(ipcEvent({ senderId: 3, url: 'http://localhost:5174/#/logs' }))).toBe(true);
    expect(check(ipcEvent({ senderId: 3, url: 'http://localhost:5175/' }))).toBe(false);
    expect(check(ipcEvent({ senderId: 3, url: 'file:///x/index.html' }))).toBe(false);
  });

  it('isAppUrl: the same file with any hash or query; nothing unparsable', () => {
    expect(isAppUrl(`${APP_URL}#/recordings?session=1`, APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_URL}?x=1`, APP_URL)).toBe(true);
    expect(
      isAppUrl('file:///opt/asr/resources/app.asar/out/desktop/renderer/other.html', APP_URL),
    ).toBe(false);
    expect(isAppUrl('not a url', APP_URL)).toBe(false);
    expect(isAppUrl('recorder-file://app/api/sessions/x/audio', APP_URL)).toBe(false);
  });
});

describe('the handler runs the same table the server routes', () => {
  it('every operation of the table has a route in the contract and a channel here', () => {
    const invoke = vi.fn();
    const ipcMain = new FakeIpcMain();
    registerOperationHandlers({
      ipcMain,
      operations: table.list(),
      invoke,
      isTrustedSender: () => true,
      log: () => undefined,
    });
    for (const { spec } of table.list()) {
      expect(spec.http.path.startsWith('/api/')).toBe(true);
      expect(ipcMain.handlers.has(`recorder:op:${spec.name}`)).toBe(true);
    }
  });
});
