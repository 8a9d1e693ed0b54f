// Shared by the pipeline's tests: a migrated in-memory database, seed rows and a fake clock.
import { NO_PODCAST } from '../../contract/podcast';
import { Database } from '../db/database';
import type { DestinationRecord, StreamRecord } from '../db/records';
import { createRepositories } from '../db/repositories';
import type { Clock } from '../ports/clock';

export async function testDatabase(): Promise<Database> {
  return Database.open({ path: ':memory:' });
}

export async function seedStream(
  db: Database,
  over: Partial<StreamRecord> = {},
): Promise<StreamRecord> {
  const t = new Date().toISOString();
  const s: StreamRecord = {
    id: 'stream-1',
    name: 'Test Radio',
    streamUrl: 'http://127.0.0.1:1/live.mp3',
    fallbackUrls: [],
    artist: 'Test Artist',
    album: 'Test Album',
    albumArtist: 'Test Album Artist',
    genre: 'Talk',
    outputFilenamePattern: null,
    destinationId: null,
    mp3BitrateKbps: 192,
    silenceThresholdDb: -50,
    deadAirSeconds: 60,
    writeCueSheet: false,
    podcast: { ...NO_PODCAST },
    artworkFile: null,
    createdAt: t,
    updatedAt: t,
    ...over,
  };
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
