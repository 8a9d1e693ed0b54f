import { mkdtempSync, rmSync } from 'node:fs';
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
  it('shows a generated password exactly once: one stdout line and one log entry', async () => {
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
    const password = /web UI: (\S+) /.exec(stored[0]?.message ?? '')?.[1] ?? '';
    expect(await auth.credentials.checkPassword(password)).toBe(true);
    expect(stored).toHaveLength(1);
    expect(printed.filter((line) => line.includes(password))).toHaveLength(1);
    // the logger (and so the event stream) never saw it
    expect(logger.entries.some((e) => e.message.includes(password))).toBe(false);

    await createServerAuth(core, false);
    expect(stored).toHaveLength(1);
    expect(printed.filter((line) => line.includes(password))).toHaveLength(1);
  });
});
