// Shared by the backup tests: a configured installation (database rows, key and artwork files in
// temp folders) and a snapshot of everything a restore may touch.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadSettings, type Settings } from '../config/settings';
import type { Database } from '../db/database';
import {
  DestinationEntity,
  ScheduleEntity,
  SessionEntity,
  SettingEntity,
  StreamEntity,
} from '../db/entities/schemas';
import type { SessionRecord } from '../db/entities/records';
import { fakeClock, seedDestination, seedStream, testDatabase } from '../pipeline/test-fixtures';
import { memoryLogger } from '../ports/logger';
import type { SchedulerControl } from '../scheduler/scheduler-control';
import { testKeyPair } from '../../test-support/ssh-keys';
import { createRuntimeSettings } from '../settings/create-runtime-settings';
import type { RuntimeSettings } from '../settings/runtime-settings';

export const PASSPHRASE = 'correct horse battery staple';
export const plainKey = testKeyPair().private;
export const encryptedKey = testKeyPair({
  passphrase: PASSPHRASE,
  cipher: 'aes256-ctr',
  rounds: 2,
}).private;

export async function jpeg(width: number, height: number, colour = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

export interface Installation {
  root: string;
  settings: Settings;
  db: Database;
  runtime: RuntimeSettings;
  logger: ReturnType<typeof memoryLogger>;
  clock: ReturnType<typeof fakeClock>;
  scheduler: SchedulerControl & { reloads: (string | undefined)[] };
  version: string;
  close(): Promise<void>;
}

/** An empty installation: fresh database and folders. */
export async function emptyInstallation(env: NodeJS.ProcessEnv = {}): Promise<Installation> {
  const root = await mkdtemp(join(tmpdir(), 'backup-'));
  const settings = loadSettings({ ...env, DATA_DIR: join(root, 'data') }, root);
  for (const dir of [settings.dataDir, settings.configDir, settings.artworkDir]) {
    await mkdir(dir, { recursive: true });
  }
  const db = await testDatabase();
  const reloads: (string | undefined)[] = [];
  return {
    root,
    settings,
    db,
    runtime: await createRuntimeSettings(db, settings, env),
    logger: memoryLogger(),
    clock: fakeClock(Date.parse('2026-11-24T06:00:00.000Z')),
    scheduler: {
      reloads,
      reload: async (id?: string) => {
        reloads.push(id);
      },
      nextRunTime: () => null,
    },
    version: '1.0.0-test',
    async close() {
      await db.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

const t = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString();

/** Two destinations (one with an uploaded encrypted key, one pointing at a key path), three
 * streams (two with artwork), three schedules, changed settings, and a session. */
export async function configuredInstallation(): Promise<Installation> {
  const inst = await emptyInstallation();
  const keys = join(inst.settings.configDir, 'keys');
  await mkdir(keys, { recursive: true, mode: 0o700 });
  const keyFile = join(keys, 'dest-a.pem');
  await writeFile(keyFile, encryptedKey, { mode: 0o600 });
  const passphraseFile = join(keys, 'dest-a.passphrase');
  await writeFile(passphraseFile, PASSPHRASE, { mode: 0o600 });
  await seedDestination(inst.db, {
    id: 'dest-a',
    name: 'Archive',
    host: 'archive.example.org',
    port: 2222,
    username: 'radio',
    remoteDir: '/srv/upload',
    storedKeyFile: keyFile,
    passphraseFile,
    hostKeyFingerprint: 'SHA256:I4VPtWmK+iIT5GRoiSJHFv221YPlXhh2UPJhkvNv43k',
    transferMode: 'put',
    createdAt: t(1),
    updatedAt: t(2),
  });
  await seedDestination(inst.db, {
    id: 'dest-b',
    name: 'Path key',
    privateKeyPath: '/home/radio/.ssh/id_ed25519',
    createdAt: t(3),
    updatedAt: t(3),
  });
  const art1 = join(inst.settings.artworkDir, 'stream-1.jpg');
  const art2 = join(inst.settings.artworkDir, 'stream-2.jpg');
  await writeFile(art1, await jpeg(64, 64));
  await writeFile(art2, await jpeg(32, 32, '#cc3333'));
  await seedStream(inst.db, {
    id: 'stream-1',
    name: 'Morning Show',
    fallbackUrls: ['https://backup.example.org/live.mp3', 'icecast://ice.example.org:8000/m'],
    destinationId: 'dest-a',
    artworkFile: art1,
    outputFilenamePattern: '{date} {name} {track}',
    createdAt: t(4),
    updatedAt: t(5),
  });
  await seedStream(inst.db, {
    id: 'stream-2',
    name: 'Jazz Night',
    streamUrl: 'https://radio.example.org/jazz.m3u8',
    genre: null,
    destinationId: 'dest-b',
    mp3BitrateKbps: 128,
    artworkFile: art2,
    createdAt: t(6),
    updatedAt: t(6),
  });
  await seedStream(inst.db, {
    id: 'stream-3',
    name: 'News',
    destinationId: null,
    createdAt: t(7),
    updatedAt: t(7),
  });
  await inst.db.write(async (m) => {
    await m.insert(ScheduleEntity, [
      schedule('sched-1', 'stream-1', '0 6 * * 1-5', 'Europe/Berlin', true, t(8)),
      schedule('sched-2', 'stream-2', '0 22 * * 5', null, false, t(9)),
      schedule('sched-3', 'stream-1', '30 12 * * 0', 'America/New_York', true, t(10)),
    ]);
    await m.insert(SessionEntity, session('session-1', 'stream-1', 'sched-1'));
  });
  await inst.runtime.update({
    maxConcurrentRecordings: 6,
    cleanupAfterTransfer: false,
    retentionDays: 14,
    minFreeDiskMb: 2048,
    logLevel: 'debug',
  });
  return inst;
}

function schedule(
  id: string,
  streamId: string,
  cronExpression: string,
  timezone: string | null,
  isActive: boolean,
  createdAt: string,
) {
  return {
    id,
    streamId,
    cronExpression,
    timezone,
    durationMinutes: 60,
    padBeforeSeconds: 30,
    padAfterSeconds: 120,
    isActive,
    maxRetries: 2,
    lastRunTime: isActive ? t(20) : null,
    createdAt,
    updatedAt: createdAt,
  };
}

export function session(id: string, streamId: string, scheduleId: string | null): SessionRecord {
  return {
    id,
    streamId,
    scheduleId,
    status: 'COMPLETED',
    transferStatus: 'COMPLETED',
    startTime: t(30),
    endTime: t(31),
    plannedDurationSeconds: 60,
    durationSeconds: 60,
    title: '2026-11-01 Morning Show',
    trackNumber: 2496,
    outputFilePath: null,
    remotePath: '/srv/upload/2026-11-01 Morning Show.mp3',
    fileSizeBytes: 1000,
    gaps: [],
    partial: false,
    attempts: 1,
    errorMessage: null,
    partsDir: null,
    nextTransferAt: null,
    createdAt: t(30),
    updatedAt: t(31),
  };
}

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let names: string[] = [];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const path = join(dir, name);
    const info = await stat(path);
    if (info.isFile()) {
      out[name] = `${(info.mode & 0o777).toString(8)} ${(await readFile(path)).toString('base64')}`;
    }
  }
  return out;
}

/** Every row of every configuration table and every file under the app's folders. */
export async function snapshotAll(inst: Installation): Promise<unknown> {
  const m = inst.db.reader;
  return {
    destinations: await m.find(DestinationEntity, { order: { id: 'ASC' } }),
    streams: await m.find(StreamEntity, { order: { id: 'ASC' } }),
    schedules: await m.find(ScheduleEntity, { order: { id: 'ASC' } }),
    sessions: await m.find(SessionEntity, { order: { id: 'ASC' } }),
    settings: await m.find(SettingEntity, { order: { key: 'ASC' } }),
    runtime: inst.runtime.get(),
    files: await files(inst.root),
  };
}
