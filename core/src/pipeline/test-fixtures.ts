// Shared by the pipeline's tests: a migrated in-memory database, seed rows and a fake clock.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupStream } from '../../contract/testing/backup-fixtures';
import { Database } from '../db/database';
import type { DestinationRecord, StreamRecord } from '../db/records';
import { createRepositories } from '../db/repositories';
import type { Clock } from '../ports/clock';

export async function testDatabase(): Promise<Database> {
  return Database.open({ path: ':memory:' });
}

/**
 * A stream row `stream-1` with no destination, no fallbacks and no feed; its defaults are the
 * contract's backup fixture (core/contract/testing/backup-fixtures.ts). A test passes in `over`
 * only what it is about.
 */
export function streamRecord(over: Partial<StreamRecord> = {}): StreamRecord {
  const { id = 'stream-1', artworkFile = null, ...patch } = over;
  const { artwork: _artwork, ...row } = backupStream(id, patch);
  // the fixture sets every field that a backup from an older release may lack
  return { ...row, artworkFile } as StreamRecord;
}

/** Inserts a stream row as it is ("Test Radio", created now): the setup of a test. */
export async function seedStream(
  db: Database,
  over: Partial<StreamRecord> = {},
): Promise<StreamRecord> {
  const t = new Date().toISOString();
  const s = streamRecord({
    name: 'Test Radio',
    streamUrl: 'http://127.0.0.1:1/live.mp3',
    artist: 'Test Artist',
    album: 'Test Album',
    albumArtist: 'Test Album Artist',
    genre: 'Talk',
    createdAt: t,
    updatedAt: t,
    ...over,
  });
  await createRepositories(db).streams.insert(s);
  return s;
}

export async function seedDestination(
  db: Database,
  over: Partial<DestinationRecord> = {},
): Promise<DestinationRecord> {
  const t = new Date().toISOString();
  const d: DestinationRecord = {
    id: 'dest-1',
    name: 'Test SFTP',
    host: '127.0.0.1',
    port: 22,
    username: 'user',
    remoteDir: '/upload',
    privateKeyPath: null,
    storedKeyFile: null,
    passphraseFile: null,
    hostKeyFingerprint: null,
    publicBaseUrl: null,
    transferMode: 'fastPut',
    createdAt: t,
    updatedAt: t,
    ...over,
  };
  await createRepositories(db).destinations.insert(d);
  return d;
}

/** What seedSshdDestination needs of the test SSH server (test-support/sshd.ts). */
export interface SshdAccount {
  host: string;
  port: number;
  username: string;
  remoteRoot: string;
  privateKey: string;
}

/**
 * Inserts destination `sftp`, delivering to the test SSH server's folder `shows` with its key,
 * written into `configDir` first (key files live in CONFIG_DIR).
 */
export async function seedSshdDestination(
  db: Database,
  configDir: string,
  sshd: SshdAccount,
): Promise<DestinationRecord> {
  const keyFile = join(configDir, 'id_ed25519');
  writeFileSync(keyFile, sshd.privateKey, { mode: 0o600 });
  return seedDestination(db, {
    id: 'sftp',
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    remoteDir: join(sshd.remoteRoot, 'shows'),
    privateKeyPath: keyFile,
  });
}

/** A clock whose time moves only when told; sleep() advances it at once. */
export function fakeClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
