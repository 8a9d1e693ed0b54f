import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import { Database } from '../db/database';
import { DestinationEntity, TransferAttemptEntity } from '../db/entities/schemas';
import { createEventBus } from '../events/event-bus';
import { memoryLogger } from '../ports/logger';
import { SessionStore } from '../pipeline/session-store';
import { fakeClock, seedDestination, seedStream, testDatabase } from '../pipeline/test-fixtures';
import { NO_PODCAST } from '../../contract/podcast';
import { createRepositories } from '../db/repositories';
import { EpisodeRetention } from '../feeds/episode-retention';
import {
  TransferQueue,
  type QueuedUpload,
  type TransferQueueDeps,
  type UploadOutcome,
} from './transfer-queue';

let db: Database;
let dir: string;
const T0 = Date.parse('2026-11-24T06:00:00Z');

beforeEach(async () => {
  db = await testDatabase();
  dir = mkdtempSync(join(tmpdir(), 'asr-tq-'));
  await seedDestination(db, { id: 'd1' });
  await seedStream(db, { id: 's1', destinationId: 'd1' });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function completedSession(
  sessions: SessionStore,
  name = 'show.mp3',
  streamId = 's1',
  startTime = new Date(T0).toISOString(),
) {
  const file = join(dir, name);
  writeFileSync(file, 'mp3 bytes');
  const s = await sessions.create({
    streamId,
    scheduleId: null,
    startTime,
    plannedDurationSeconds: 5,
  });
  await sessions.update(s.id, { status: 'RECORDING' });
  await sessions.update(s.id, { status: 'PROCESSING' });
  return sessions.update(s.id, {
    status: 'COMPLETED',
    outputFilePath: file,
    nextTransferAt: new Date(T0).toISOString(),
  });
}

function setup(
  upload: (r: QueuedUpload) => Promise<UploadOutcome>,
  cleanup = true,
  afterDelivery?: TransferQueueDeps['afterDelivery'],
) {
  const clock = fakeClock(T0);
  const events = createEventBus();
  const progress: number[] = [];
  events.on('transfer-progress', (p) => progress.push(p.bytes));
  const sessions = new SessionStore(db, events, clock);
  const logger = memoryLogger();
  const queue = new TransferQueue({
    db,
    sessions,
    events,
    clock,
    logger,
    upload,
    retryDelayMs: (n) => n * 60_000,
    maxAttempts: 3,
    cleanupAfterTransfer: () => cleanup,
    progressIntervalMs: 0,
    episodes: new EpisodeRetention({ streams: createRepositories(db).streams, sessions }),
    ...(afterDelivery ? { afterDelivery } : {}),
  });
  return { clock, sessions, queue, progress, logger };
}

const ok = (r: QueuedUpload): Promise<UploadOutcome> => {
  r.onProgress(4, 9);
  r.onProgress(9, 9);
  return Promise.resolve({
    remotePath: `/upload/${r.fileName}`,
    bytes: 9,
    hostKeyFingerprint: 'SHA256:abc',
    transferMode: 'fastPut',
  });
};

/** A completed session (show.mp3, due now), then the queue started and run until idle. */
async function startWithOne(sessions: SessionStore, queue: TransferQueue) {
  const s = await completedSession(sessions);
  await queue.start();
  await queue.idle();
  return s;
}

describe('TransferQueue', () => {
  it('delivers a due session, pins the host key, reports progress and removes the local copy', async () => {
    const { sessions, queue, progress } = setup(ok);
    const s = await startWithOne(sessions, queue);
    const done = await sessions.get(s.id);
    expect(done).toMatchObject({
      transferStatus: 'COMPLETED',
      remotePath: '/upload/show.mp3',
      attempts: 1,
      outputFilePath: null,
    });
    expect(existsSync(join(dir, 'show.mp3'))).toBe(false);
    expect(progress).toEqual([4, 9]);
    expect(
      (await db.reader.findOneByOrFail(DestinationEntity, { id: 'd1' })).hostKeyFingerprint,
    ).toBe('SHA256:abc');
    const attempts = await db.reader.findBy(TransferAttemptEntity, { sessionId: s.id });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ ok: true, bytes: 9 });
    await queue.stop();
  });

  it('runs afterDelivery once the delivery is recorded; its failure is logged and the delivery stands', async () => {
    const seen: (string | null)[] = [];
    const { sessions, queue, logger } = setup(ok, true, async (s) => {
      seen.push((await sessions.get(s.id)).transferStatus);
      throw new Error('feed upload refused');
    });
    const s = await startWithOne(sessions, queue);
    expect(seen).toEqual(['COMPLETED']);
    expect(await sessions.get(s.id)).toMatchObject({ transferStatus: 'COMPLETED', attempts: 1 });
    expect(logger.entries.map((e) => e.message)).toContain(
      'After the delivery: feed upload refused',
    );
    await queue.stop();
  });

  it('sends the cue sheet beside the MP3 to the same folder, named as the MP3 landed', async () => {
    const sent: { fileName: string; text: string }[] = [];
    const { sessions, queue } = setup(async (r) => {
      sent.push({ fileName: r.fileName, text: readFileSync(r.localPath, 'utf8') });
      // the MP3's name is taken on the server: it lands as "show (2).mp3"
      const name = r.fileName === 'show.mp3' ? 'show (2).mp3' : r.fileName;
      return { ...(await ok(r)), remotePath: `/upload/${name}` };
    });
    writeFileSync(
      join(dir, 'show.cue'),
      'TITLE "x"\r\nFILE "show.mp3" MP3\r\n  TRACK 01 AUDIO\r\n',
    );
    const s = await startWithOne(sessions, queue);
    expect(sent.map((f) => f.fileName)).toEqual(['show.mp3', 'show (2).cue']);
    expect(sent[1]!.text).toBe('TITLE "x"\r\nFILE "show (2).mp3" MP3\r\n  TRACK 01 AUDIO\r\n');
    expect((await sessions.get(s.id)).transferStatus).toBe('COMPLETED');
    // cleanup removes both local files, and no temp copy is left
    expect(readdirSync(dir)).toEqual([]);
    await queue.stop();
  });

  it('delivers the MP3 even when its cue sheet fails to upload', async () => {
    const { sessions, queue } = setup((r) =>
      r.fileName.endsWith('.cue')
        ? Promise.reject(new AppError('TRANSFER_FAILED', 'no room for the cue'))
        : ok(r),
    );
    writeFileSync(join(dir, 'show.cue'), 'FILE "show.mp3" MP3\r\n');
    const s = await startWithOne(sessions, queue);
    expect(await sessions.get(s.id)).toMatchObject({ transferStatus: 'COMPLETED', attempts: 1 });
    await queue.stop();
  });

  it('with cleanup on, keeps the podcast feed’s last keepEpisodes copies and removes older ones as they fall out', async () => {
    await seedStream(db, {
      id: 'pod',
      destinationId: 'd1',
      podcast: { ...NO_PODCAST, enabled: true, keepEpisodes: 2 },
    });
    const { sessions, queue } = setup(ok);
    await queue.start();
    const delivered = [];
    for (const day of [1, 2, 3]) {
      const start = new Date(T0 + day * 86_400_000).toISOString();
      const s = await completedSession(sessions, `ep${day}.mp3`, 'pod', start);
      queue.kick();
      await queue.idle();
      expect((await sessions.get(s.id)).transferStatus).toBe('COMPLETED');
      delivered.push(s.id);
    }
    const files = await Promise.all(
      delivered.map(async (id) => (await sessions.get(id)).outputFilePath),
    );
    expect(files).toEqual([null, join(dir, 'ep2.mp3'), join(dir, 'ep3.mp3')]);
    expect(['ep1', 'ep2', 'ep3'].map((n) => existsSync(join(dir, `${n}.mp3`)))).toEqual([
      false,
      true,
      true,
    ]);
    // a stream without a feed: removed at delivery, as before
    const plain = await completedSession(sessions, 'plain.mp3');
    queue.kick();
    await queue.idle();
    expect((await sessions.get(plain.id)).outputFilePath).toBeNull();
    await queue.stop();
  });

  it('keeps the local file when cleanup is off', async () => {
    const { sessions, queue } = setup(ok, false);
    const s = await startWithOne(sessions, queue);
    expect((await sessions.get(s.id)).outputFilePath).toBe(join(dir, 'show.mp3'));
    expect(existsSync(join(dir, 'show.mp3'))).toBe(true);
    await queue.stop();
  });

  it('persists the next attempt with backoff, keeps the file, and gives up after maxAttempts', async () => {
    let calls = 0;
    const { sessions, queue, clock } = setup(() => {
      calls++;
      return Promise.reject(new AppError('SSH_UNREACHABLE', '127.0.0.1:22 is unreachable.'));
    });
    const s = await startWithOne(sessions, queue);
    let row = await sessions.get(s.id);
    expect(row).toMatchObject({
      transferStatus: 'PENDING',
      attempts: 1,
      nextTransferAt: new Date(T0 + 60_000).toISOString(),
    });
    expect(row.errorMessage).toMatch(/unreachable/);
    expect(existsSync(join(dir, 'show.mp3'))).toBe(true);
    // not due yet: nothing happens
    queue.kick();
    await queue.idle();
    expect(calls).toBe(1);
    clock.advance(60_000);
    queue.kick();
    await queue.idle();
    row = await sessions.get(s.id);
    expect(row).toMatchObject({
      attempts: 2,
      nextTransferAt: new Date(T0 + 60_000 + 120_000).toISOString(),
    });
    clock.advance(120_000);
    queue.kick();
    await queue.idle();
    row = await sessions.get(s.id);
    expect(row).toMatchObject({ transferStatus: 'FAILED', attempts: 3, nextTransferAt: null });
    expect(existsSync(join(dir, 'show.mp3'))).toBe(true);
    await queue.stop();
  });

  it('does not retry a host key mismatch: it needs the user', async () => {
    const { sessions, queue } = setup(() =>
      Promise.reject(new AppError('HOST_KEY_MISMATCH', 'The host key changed.')),
    );
    const s = await startWithOne(sessions, queue);
    expect(await sessions.get(s.id)).toMatchObject({ transferStatus: 'FAILED', attempts: 1 });
    await queue.stop();
  });

  it('requeues a transfer left IN_PROGRESS by a crash when it starts', async () => {
    const first = setup(ok);
    const s = await completedSession(first.sessions);
    await first.sessions.update(s.id, { transferStatus: 'IN_PROGRESS' });
    const { sessions, queue } = setup(ok);
    await queue.start();
    await queue.idle();
    expect(await sessions.get(s.id)).toMatchObject({ transferStatus: 'COMPLETED' });
    await queue.stop();
  });

  it('goes on with the next session when one was deleted while it waited', async () => {
    const uploaded: string[] = [];
    const { sessions, queue } = setup((r) => {
      uploaded.push(r.fileName);
      return ok(r);
    });
    const gone = await completedSession(sessions, 'gone.mp3');
    const kept = await completedSession(sessions, 'kept.mp3');
    const real = sessions.update.bind(sessions);
    sessions.update = async (id, patch) => {
      if (id === gone.id) throw new AppError('NOT_FOUND', `Session ${id} does not exist.`);
      return real(id, patch);
    };
    await queue.start();
    await queue.idle();
    expect(uploaded).toEqual(['kept.mp3']);
    expect((await sessions.get(kept.id)).transferStatus).toBe('COMPLETED');
    await queue.stop();
  });

  it('does not pin a host key when the destination was re-pointed during the upload', async () => {
    const { sessions, queue } = setup(async (r) => {
      await db.write((m) => m.update(DestinationEntity, { id: 'd1' }, { host: 'other.example' }));
      return ok(r);
    });
    await startWithOne(sessions, queue);
    const dest = await db.reader.findOneByOrFail(DestinationEntity, { id: 'd1' });
    expect(dest.hostKeyFingerprint).toBeNull();
    await queue.stop();
  });
});
