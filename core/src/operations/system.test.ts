import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SystemStatusDto } from '../../contract/operations/system';
import { loadSettings } from '../config/settings';
import { ActiveRecordings } from '../pipeline/active-recordings';
import { fakeClock } from '../pipeline/test-fixtures';
import { fakeRunner } from '../processor/test-fakes';
import type { OperationContext } from './context';
import { checkedInvoke } from './resource-test-context';
import { systemOperations } from './system';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function setup() {
  dir = await mkdtemp(join(tmpdir(), 'system-'));
  const settings = loadSettings({ RECORDINGS_DIR: join(dir) }, dir);
  const active = new ActiveRecordings();
  active.begin('session-a');
  active.begin('session-b');
  const clock = fakeClock(Date.parse('2026-11-24T06:00:00Z'));
  const ctx = {
    settings,
    version: '1.2.3',
    startedAt: clock.now() - 90_500,
    clock,
    active,
    runner: fakeRunner(() => ({ stdout: 'ffmpeg version 6.1.1 Copyright\n' })),
    ffmpeg: { ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe', source: 'PATH' },
    runtime: { get: () => ({ maxConcurrentRecordings: 4 }) },
  } as unknown as OperationContext;
  const invoke = checkedInvoke(systemOperations, ctx);
  return { ctx, invoke: (name: string) => invoke(name, {}) };
}

describe('system operations', () => {
  it('system.get answers real numbers', async () => {
    const { invoke } = await setup();
    const status = (await invoke('system.get')) as SystemStatusDto;
    expect(status).toMatchObject({
      version: '1.2.3',
      uptimeSeconds: 90,
      ffmpeg: { path: '/usr/bin/ffmpeg', version: '6.1.1' },
      activeRecordings: 2,
      maxConcurrentRecordings: 4,
    });
    expect(status.disk.path).toBe(dir);
    expect(status.disk.totalBytes).toBeGreaterThan(status.disk.freeBytes);
    expect(status.disk.freeBytes).toBeGreaterThan(0);
    expect(status.memory.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(Number.isInteger(status.memory.rssBytes)).toBe(true);
  });

  it('health answers ok and the version', async () => {
    const { invoke } = await setup();
    expect(await invoke('health')).toEqual({ status: 'ok', version: '1.2.3' });
  });
});
