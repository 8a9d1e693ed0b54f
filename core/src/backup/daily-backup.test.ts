import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDocumentSchema } from '../../contract/operations/backup';
import { createBackup } from './create-backup';
import { backupsDir, pruneBackups, writeDailyBackup } from './daily-backup';
import { configuredInstallation, type Installation } from './test-support';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'prune-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('pruneBackups', () => {
  it('keeps the newest 7 daily backups and leaves other files alone', async () => {
    const dir = await tempDir();
    const days = Array.from({ length: 10 }, (_, i) => `2026-11-${String(10 + i).padStart(2, '0')}`);
    // written in a shuffled order: age is read from the name, not from the file time
    for (const day of [...days].reverse()) await writeFile(join(dir, `backup-${day}.json`), '{}');
    await writeFile(join(dir, 'backup-manual.json'), '{}');
    await writeFile(join(dir, 'notes.txt'), 'x');
    const removed = await pruneBackups(dir);
    expect(removed.sort()).toEqual([
      'backup-2026-11-10.json',
      'backup-2026-11-11.json',
      'backup-2026-11-12.json',
    ]);
    expect((await readdir(dir)).sort()).toEqual([
      'backup-2026-11-13.json',
      'backup-2026-11-14.json',
      'backup-2026-11-15.json',
      'backup-2026-11-16.json',
      'backup-2026-11-17.json',
      'backup-2026-11-18.json',
      'backup-2026-11-19.json',
      'backup-manual.json',
      'notes.txt',
    ]);
  });

  it('keeps what there is when there are fewer, and a missing folder is fine', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'backup-2026-01-01.json'), '{}');
    expect(await pruneBackups(dir, 3)).toEqual([]);
    expect(await pruneBackups(join(dir, 'missing'))).toEqual([]);
  });
});

describe('writeDailyBackup', () => {
  let inst: Installation;

  it('writes DATA_DIR/backups/backup-<local date>.json, owner-only, and prunes', async () => {
    inst = await configuredInstallation();
    cleanup.push(() => inst.close());
    const dir = backupsDir(inst.settings.dataDir);
    await mkdir(dir, { recursive: true });
    for (let d = 1; d <= 8; d++) {
      await writeFile(join(dir, `backup-2026-11-${String(d).padStart(2, '0')}.json`), '{}');
    }
    // 2026-11-24T06:00Z is still the 23rd in Los Angeles
    const deps = { ...inst, dataDir: inst.settings.dataDir, timeZone: 'America/Los_Angeles' };
    const { path, removed } = await writeDailyBackup(deps);
    expect(path).toBe(join(dir, 'backup-2026-11-23.json'));
    expect(removed.sort()).toEqual([1, 2].map((d) => `backup-2026-11-0${d}.json`));
    expect((await readdir(dir)).length).toBe(7);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const doc = backupDocumentSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    expect(doc).toEqual(await createBackup(inst));

    // the same day again replaces the file
    await writeDailyBackup({ ...deps, timeZone: 'UTC' });
    await writeDailyBackup({ ...deps, timeZone: 'UTC' });
    const names = await readdir(dir);
    expect(names.filter((n) => n === 'backup-2026-11-24.json')).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
