import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../../contract';
import { memoryLogger } from '../../src/ports/logger';
import type { ServerCore } from '../build-server';
import { createServerAuth } from './server-auth';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('createServerAuth', () => {
  it('shows a generated password exactly once, on stdout only: never in the log or the logger', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'asr-server-auth-'));
    dirs.push(configDir);
    const stored: LogEntry[] = [];
    const logger = memoryLogger();
    const core = {
      settings: { configDir, apiKey: undefined, adminPassword: undefined },
      context: { logs: { append: (e: LogEntry) => stored.push(e) } },
      logger,
    } as unknown as ServerCore;
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const auth = await createServerAuth(core, false);
    const password = /web UI: (\S+) /.exec(printed.join(''))?.[1] ?? '';
    expect(await auth.credentials.checkPassword(password)).toBe(true);
    expect(printed.filter((line) => line.includes(password))).toHaveLength(1);
    // the log store (recorder.log, /api/logs) and the logger (the event stream) never saw it
    expect(stored).toEqual([]);
    expect(logger.entries.some((e) => e.message.includes(password))).toBe(false);

    await createServerAuth(core, false);
    expect(printed.filter((line) => line.includes(password))).toHaveLength(1);
    expect(stored).toEqual([]);
  });

  it('tightens CONFIG_DIR/auth and its files that an older version left readable', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'asr-server-auth-'));
    dirs.push(configDir);
    const auth = join(configDir, 'auth');
    mkdirSync(auth, { mode: 0o755 });
    chmodSync(auth, 0o755);
    writeFileSync(join(auth, 'api-key'), 'an-old-api-key-0123456789\n', { mode: 0o644 });
    chmodSync(join(auth, 'api-key'), 0o644);
    const core = {
      settings: { configDir, apiKey: undefined, adminPassword: 'fixed password' },
      context: { logs: { append: () => undefined } },
      logger: memoryLogger(),
    } as unknown as ServerCore;
    const service = await createServerAuth(core, false);
    expect(service.credentials.apiKey).toBe('an-old-api-key-0123456789');
    expect(statSync(auth).mode & 0o777).toBe(0o700);
    expect(statSync(join(auth, 'api-key')).mode & 0o777).toBe(0o600);
  });
});
