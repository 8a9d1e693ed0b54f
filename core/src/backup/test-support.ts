// Shared by the backup tests: a configured installation (database rows, key and artwork files in
// temp folders) and a snapshot of everything a restore may touch.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MAX_BACKUP_BYTES,
  MAX_BACKUP_DESTINATIONS,
  MAX_BACKUP_KEY_KDF_ROUNDS,
  MAX_BACKUP_SCHEDULES,
  MAX_BACKUP_STREAMS,
  MAX_BACKUP_TEXT_BYTES,
  type BackupDestination,
  type BackupDocument,
  type BackupSchedule,
  type BackupStream,
} from '../../contract/operations/backup';
import { settingsValues } from '../../contract/testing/backup-fixtures';
import { MAX_FALLBACK_URLS } from '../../contract/operations/streams';
import { loadSettings, type Settings } from '../config/settings';
import type { Database } from '../db/database';
import {
  DestinationEntity,
  ScheduleEntity,
  SessionEntity,
  SettingEntity,
  StreamEntity,
} from '../db/entities/schemas';
import { NotificationChannelEntity } from '../db/entities/alert-schemas';
import type { NotificationChannelRecord, SessionRecord } from '../db/records';
import type { ConfigRepository } from '../db/config-repository';
import { createRepositories, type Repositories } from '../db/repositories';
import { sessionRecord } from '../pipeline/session-fixtures';
import { fakeClock, seedDestination, seedStream, testDatabase } from '../pipeline/test-fixtures';
import { memoryLogger } from '../ports/logger';
import { MAX_ARTWORK_SIDE } from '../processor/artwork';
import type { SchedulerControl } from '../scheduler/scheduler-control';
import { testKeyPair } from '../../test-support/ssh-keys';
import { createRuntimeSettings } from '../settings/create-runtime-settings';
import type { RuntimeSettings } from '../settings/runtime-settings';
import type { RestoreDeps } from './restore-backup';

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
  repos: Repositories;
  config: ConfigRepository;
  runtime: RuntimeSettings;
  logger: ReturnType<typeof memoryLogger>;
  clock: ReturnType<typeof fakeClock>;
  scheduler: SchedulerControl & { reloads: (string | undefined)[] };
  version: string;
  /** CONFIG_DIR (settings.configDir): where the feed token is kept. */
  configDir: string;
  close(): Promise<void>;
}

/**
 * Closes after each test the installations a test file opened: `const opened = closeAfterEach()`
 * at the top, then `opened(await emptyInstallation())` answers the installation.
 */
export function closeAfterEach(): (inst: Installation) => Installation {
  const open: Installation[] = [];
  afterEach(async () => {
    for (const inst of open.splice(0)) await inst.close();
  });
  return (inst) => {
    open.push(inst);
    return inst;
  };
}

/** What restoreBackup needs, from an installation. */
export function restoreDeps(inst: Installation): RestoreDeps {
  return {
    config: inst.config,
    runtime: inst.runtime,
    scheduler: inst.scheduler,
    logger: inst.logger,
    configDir: inst.settings.configDir,
    artworkDir: inst.settings.artworkDir,
    timeZone: inst.settings.timeZone,
  };
}

/** The installations' clock reads this instant, and their version this. */
const NOW = '2026-11-24T06:00:00.000Z';
const VERSION = '1.0.0-test';

/** What every backup of a test installation starts with (the document's envelope). */
export const BACKUP_HEADER = {
  format: 'audio-stream-recorder-backup',
  version: 1,
  createdAt: NOW,
  appVersion: VERSION,
} as const;

/** An empty installation: fresh database and folders. */
export async function emptyInstallation(env: NodeJS.ProcessEnv = {}): Promise<Installation> {
  const root = await mkdtemp(join(tmpdir(), 'backup-'));
  const settings = loadSettings({ ...env, DATA_DIR: join(root, 'data') }, root);
  for (const dir of [settings.dataDir, settings.configDir, settings.artworkDir]) {
    await mkdir(dir, { recursive: true });
  }
  const db = await testDatabase();
  const repos = createRepositories(db);
  const reloads: (string | undefined)[] = [];
  return {
    root,
    settings,
    db,
    repos,
    config: repos.config,
    runtime: await createRuntimeSettings(repos.settings, settings, env),
    logger: memoryLogger(),
    clock: fakeClock(Date.parse(NOW)),
    scheduler: {
      reloads,
      reload: async (id?: string) => {
        reloads.push(id);
      },
      nextRunTime: () => null,
    },
    version: VERSION,
    configDir: settings.configDir,
    async close() {
      await db.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

const t = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString();

/** The key file a destination points at (privateKeyPath): the user's, inside CONFIG_DIR. */
export function userKeyFile(inst: Installation): string {
  return join(inst.settings.configDir, 'ssh', 'id_ed25519');
}

export const WEBHOOK_SECRET = 'webhook secret of 32 characters!';
export const SMTP_PASSWORD = 'smtp password';

/**
 * Three notification channels: a webhook (its secret in a 0600 file), an ntfy topic without a
 * token, an e-mail channel with a password.
 */
async function seedChannels(inst: Installation): Promise<void> {
  const keys = join(inst.settings.configDir, 'keys');
  const secret = async (id: string, text: string) => {
    const file = join(keys, `channel-${id}.secret`);
    await writeFile(file, text, { mode: 0o600 });
    return file;
  };
  const base = (id: string, name: string, minute: number) => ({
    id,
    name,
    enabled: true,
    events: ['recording.failed', 'transfer.failed'] as NotificationChannelRecord['events'],
    createdAt: t(minute),
    updatedAt: t(minute),
  });
  await inst.repos.channels.insert({
    ...base('chan-hook', 'Team hook', 11),
    kind: 'webhook',
    config: { kind: 'webhook', url: 'https://hooks.example.org/recorder' },
    secretFile: await secret('chan-hook', WEBHOOK_SECRET),
  });
  await inst.repos.channels.insert({
    ...base('chan-ntfy', 'Phone', 12),
    kind: 'ntfy',
    enabled: false,
    config: { kind: 'ntfy', url: 'https://ntfy.sh/my-recorder', priority: 5 },
    secretFile: null,
  });
  await inst.repos.channels.insert({
    ...base('chan-mail', 'Mail', 13),
    kind: 'email',
    events: ['recording.failed', 'preflight.failed', 'recording.completed'],
    config: {
      kind: 'email',
      host: 'smtp.example.org',
      port: 587,
      security: 'starttls',
      username: 'recorder',
      from: 'recorder@example.org',
      to: ['me@example.org', 'you@example.org'],
    },
    secretFile: await secret('chan-mail', SMTP_PASSWORD),
  });
}

/** Two destinations (one with an uploaded encrypted key, one pointing at a key file), three
 * streams (two with artwork), three schedules, three notification channels (two with secrets),
 * changed settings, and a session. */
export async function configuredInstallation(env: NodeJS.ProcessEnv = {}): Promise<Installation> {
  const inst = await emptyInstallation(env);
  const keys = join(inst.settings.configDir, 'keys');
  await mkdir(keys, { recursive: true, mode: 0o700 });
  const keyFile = join(keys, 'dest-a.pem');
  await writeFile(keyFile, encryptedKey, { mode: 0o600 });
  await mkdir(join(inst.settings.configDir, 'ssh'), { recursive: true, mode: 0o700 });
  await writeFile(userKeyFile(inst), plainKey, { mode: 0o600 });
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
    privateKeyPath: userKeyFile(inst),
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
    silenceThresholdDb: -40,
    deadAirSeconds: 0,
    writeCueSheet: false,
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
  await seedChannels(inst);
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
  return sessionRecord({
    id,
    streamId,
    scheduleId,
    transferStatus: 'COMPLETED',
    startTime: t(30),
    endTime: t(31),
    plannedDurationSeconds: 60,
    durationSeconds: 60,
    title: '2026-11-01 Morning Show',
    trackNumber: 2496,
    remotePath: '/srv/upload/2026-11-01 Morning Show.mp3',
    fileSizeBytes: 1000,
    attempts: 1,
    createdAt: t(30),
    updatedAt: t(31),
  });
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
    channels: await m.find(NotificationChannelEntity, { order: { id: 'ASC' } }),
    sessions: await m.find(SessionEntity, { order: { id: 'ASC' } }),
    settings: await m.find(SettingEntity, { order: { key: 'ASC' } }),
    runtime: inst.runtime.get(),
    files: await files(inst.root),
  };
}

export interface LargestRestoreOptions {
  /**
   * Encrypt the keys of as many destinations as the bcrypt budget allows, at this many rounds
   * each (at most PRIVATE_KEY_MAX_KDF_ROUNDS): the worst case for the key checks, which run in a
   * worker thread (tens of seconds of CPU there). Default 0: no encrypted keys.
   */
  encryptedKeyRounds?: number;
  /** When the backup was taken (its entries' timestamps); default now, so no run was missed. */
  takenAt?: string;
  /**
   * A backup whose entries and settings the document keeps, filled up to the bounds around them:
   * e.g. the server's own (`GET /api/backup`), so that restoring it onto a server with sessions
   * is not refused (409) for lacking their streams, and its own schedules stay.
   */
  base?: BackupDocument;
}

/** Destination `i` of the largest document; with `rounds`, its key is encrypted with that many. */
function largestDestination(i: number, at: string, rounds: number): BackupDestination {
  const secret = rounds > 0 ? `passphrase ${i}` : null;
  const key = secret
    ? testKeyPair({ passphrase: secret, cipher: 'aes256-ctr', rounds }).private
    : testKeyPair().private;
  return {
    id: `largest-dest-${i}`,
    name: `Destination ${i}`,
    host: `sftp${i}.example.org`,
    port: 22,
    username: 'radio',
    remoteDir: `/srv/upload/${'d'.repeat(200)}`,
    privateKeyPath: null,
    privateKey: key,
    passphrase: secret,
    hostKeyFingerprint: null,
    transferMode: 'fastPut',
    createdAt: at,
    updatedAt: at,
  };
}

/** Schedule `i` of the largest document, on one of its `streams` generated streams. */
function largestSchedule(i: number, at: string, streams: number): BackupSchedule {
  return {
    id: `largest-sched-${i}`,
    streamId: `largest-stream-${i % streams}`,
    cronExpression: `${i % 60} ${i % 24} * * ${i % 7}`,
    timezone: i % 2 ? 'Europe/Berlin' : null,
    durationMinutes: 60,
    padBeforeSeconds: 30,
    padAfterSeconds: 60,
    isActive: true,
    maxRetries: 3,
    lastRunTime: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** Stream `i` of the largest document: long texts, the most fallback URLs of `urlLength`. */
function largestStream(
  i: number,
  at: string,
  urlLength: number,
  destinations: number,
): BackupStream {
  const url = (host: string) =>
    `https://${host}.example.org/${'u'.repeat(Math.max(1, urlLength - host.length - 21))}`;
  return {
    id: `largest-stream-${i}`,
    name: `Stream ${i} ${'n'.repeat(180)}`,
    streamUrl: url(`radio${i}`),
    fallbackUrls: Array.from({ length: MAX_FALLBACK_URLS }, (_, j) => url(`fb${j}-${i}`)),
    artist: 'a'.repeat(200),
    album: 'b'.repeat(200),
    albumArtist: 'c'.repeat(200),
    genre: 'g'.repeat(100),
    outputFilenamePattern: `{date} {name} ${'p'.repeat(180)}`,
    destinationId: `largest-dest-${i % destinations}`,
    mp3BitrateKbps: 320,
    artwork: null,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The largest document a restore accepts, valid, so that a restore runs every check and writes
 * every row: the most destinations (each with its own uploaded key), streams (the most fallback
 * URLs) and schedules, text filling the budget for everything but artwork, and covers (3 MB
 * JPEGs of 1400 px) filling the body up to just under MAX_BACKUP_BYTES. For load tests of
 * POST /api/restore: `JSON.stringify` it and send it as the body (write it to a file: it is
 * about 62 MB). Keys are inline (no key files) and references stay inside the document, so it
 * restores onto any installation; with `base`, onto that one without losing its entries.
 */
export async function largestRestoreDocument(
  options: LargestRestoreOptions = {},
): Promise<BackupDocument> {
  const at = options.takenAt ?? new Date().toISOString();
  const base = options.base;
  const rounds = options.encryptedKeyRounds ?? 0;
  const encrypted = rounds > 0 ? Math.floor(MAX_BACKUP_KEY_KDF_ROUNDS / rounds) : 0;
  const counts = {
    destinations: MAX_BACKUP_DESTINATIONS - (base?.destinations.length ?? 0),
    streams: MAX_BACKUP_STREAMS - (base?.streams.length ?? 0),
    schedules: MAX_BACKUP_SCHEDULES - (base?.schedules.length ?? 0),
  };
  const destinations = Array.from({ length: counts.destinations }, (_, i) =>
    largestDestination(i, at, i < encrypted ? rounds : 0),
  );
  const schedules = Array.from({ length: counts.schedules }, (_, i) =>
    largestSchedule(i, at, counts.streams),
  );
  const stream = (i: number, urlLength: number) =>
    largestStream(i, at, urlLength, counts.destinations);
  const doc: BackupDocument = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: at,
    appVersion: 'largest',
    destinations: [...(base?.destinations ?? []), ...destinations],
    streams: [],
    schedules: [...(base?.schedules ?? []), ...schedules],
    settings: base?.settings ?? settingsValues({ retentionDays: 30 }),
  };
  // the URLs take what the text budget leaves (a little under it)
  const withoutArtwork = (streams: readonly BackupStream[]) =>
    streams.map((s) => ({ ...s, artwork: null }));
  const rest = Buffer.byteLength(
    JSON.stringify({ ...doc, streams: withoutArtwork(base?.streams ?? []) }),
  );
  const perStream = Buffer.byteLength(JSON.stringify(stream(0, 100)));
  const spare = (MAX_BACKUP_TEXT_BYTES * 0.98 - rest) / counts.streams - perStream;
  const urlLength = Math.min(4000, 100 + Math.floor(spare / (MAX_FALLBACK_URLS + 1)));
  const generated = Array.from({ length: counts.streams }, (_, i) => stream(i, urlLength));
  doc.streams = [...(base?.streams ?? []), ...generated];
  // covers: 3 MB of JPEG noise each, until the body is almost full
  const noise = Buffer.alloc(MAX_ARTWORK_SIDE * MAX_ARTWORK_SIDE * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  const cover = (
    await sharp(noise, { raw: { width: MAX_ARTWORK_SIDE, height: MAX_ARTWORK_SIDE, channels: 3 } })
      .jpeg({ quality: 90, chromaSubsampling: '4:4:4' })
      .toBuffer()
  ).toString('base64');
  let size = Buffer.byteLength(JSON.stringify(doc));
  for (const s of generated) {
    if (size + cover.length + 64 * 1024 > MAX_BACKUP_BYTES) break;
    s.artwork = cover;
    size += cover.length;
  }
  return doc;
}
