import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode, SessionDto } from '../../contract';
import { sessionMatchesFilters } from '../../contract/operations/sessions';
import { SessionEntity, TransferAttemptEntity } from '../db/entities/schemas';
import { seedDestination, seedStream } from '../pipeline/test-fixtures';
import {
  createTestContext,
  expectRefused,
  seedSession,
  TEST_NOW,
  type TestContext,
} from './resource-test-context';
import { createSessionOperations } from './sessions';
import { createStreamOperations } from './streams';

const ops = [...createSessionOperations(), ...createStreamOperations()];
let t: TestContext;

beforeEach(async () => {
  t = await createTestContext(ops);
  await seedStream(t.db, { id: 'stream-1' });
});

afterEach(async () => {
  await t.close();
});

const refused = (name: string, input: unknown, code: ErrorCode, field?: string) =>
  expectRefused(t, name, input, code, field);

/** Refused as bad input (VALIDATION_FAILED), naming `field`. */
const invalid = (name: string, input: unknown, field: string) =>
  refused(name, input, 'VALIDATION_FAILED', field);

const hour = 3_600_000;
const at = (hoursAgo: number) => new Date(TEST_NOW - hoursAgo * hour).toISOString();

describe('sessions.live', () => {
  it('answers what each running recording does now, as the recorder published it', async () => {
    expect(await t.invoke('sessions.live', {})).toEqual({ items: [], total: 0 });
    const report = t.ctx.live!.reporter('s1');
    report({
      state: 'waiting',
      url: 'http://127.0.0.1:18890/live',
      parts: 0,
      bytes: 0,
      elapsedSeconds: 8,
      attempt: 4,
      nextAttemptAt: TEST_NOW + 3000,
      lastError: 'ffmpeg ended (exit code 1): Connection refused',
    });
    expect(await t.invoke('sessions.live', {})).toEqual({
      items: [
        {
          sessionId: 's1',
          phase: 'retrying',
          attempt: 4,
          nextAttemptAt: new Date(TEST_NOW + 3000).toISOString(),
          bytes: 0,
          bitRateKbps: null,
          problem: 'ffmpeg ended (exit code 1): Connection refused',
        },
      ],
      total: 1,
    });
  });
});

describe('sessions.list', () => {
  beforeEach(async () => {
    await seedStream(t.db, { id: 'stream-2', name: 'Other' });
    for (let i = 1; i <= 7; i++) {
      await seedSession(
        t,
        {
          id: `s${i}`,
          streamId: i % 2 ? 'stream-1' : 'stream-2',
          startTime: at(10 - i), // s7 is the newest
          status: i === 3 ? 'FAILED' : 'COMPLETED',
        },
        false,
      );
    }
  });

  type List = { items: SessionDto[]; total: number };
  const ids = (list: unknown) => (list as List).items.map((s) => s.id);

  it('answers newest first (by start time) with the total, 50 at most by default', async () => {
    const list = (await t.invoke('sessions.list', {})) as List;
    expect(list.total).toBe(7);
    expect(ids(list)).toEqual(['s7', 's6', 's5', 's4', 's3', 's2', 's1']);
    expect(Object.keys(list.items[0] as object)).not.toContain('partsDir');
  });

  it('pages with limit and offset (also given as query strings)', async () => {
    const page = (await t.invoke('sessions.list', { limit: '2', offset: '3' })) as List;
    expect(ids(page)).toEqual(['s4', 's3']);
    expect(page.total).toBe(7);
    expect(ids(await t.invoke('sessions.list', { limit: 500, offset: 6 }))).toEqual(['s1']);
  });

  it('filters by stream and by status', async () => {
    expect(ids(await t.invoke('sessions.list', { streamId: 'stream-2' }))).toEqual([
      's6',
      's4',
      's2',
    ]);
    const failed = (await t.invoke('sessions.list', { status: 'FAILED' })) as List;
    expect(ids(failed)).toEqual(['s3']);
    expect(failed.total).toBe(1);
    expect(ids(await t.invoke('sessions.list', { streamId: '', status: '' }))).toHaveLength(7);
    expect(await t.invoke('sessions.list', { streamId: 'nope' })).toEqual({ items: [], total: 0 });
  });

  it('filters by delivery state: a transfer that keeps failing apart from routine retries', async () => {
    const more: [string, Partial<SessionDto>][] = [
      ['d-wait', { transferStatus: 'PENDING', attempts: 0 }],
      ['d-retry', { transferStatus: 'PENDING', attempts: 2 }],
      ['d-fail5', { transferStatus: 'PENDING', attempts: 5 }],
      ['d-fail9', { transferStatus: 'PENDING', attempts: 9 }],
      ['d-gave-up', { transferStatus: 'FAILED', attempts: 10 }],
      ['d-done', { transferStatus: 'COMPLETED', attempts: 1 }],
      ['d-rec', { status: 'RECORDING', transferStatus: 'PENDING', attempts: 0 }],
    ];
    for (const [id, over] of more) {
      await seedSession(t, { id, streamId: 'stream-1', startTime: at(0.5), ...over }, false);
    }
    const of = async (delivery: string) =>
      ids(await t.invoke('sessions.list', { delivery })).sort();
    expect(await of('waiting')).toEqual(['d-wait']);
    expect(await of('retrying')).toEqual(['d-retry']);
    const failing = (await t.invoke('sessions.list', { delivery: 'failing' })) as List;
    expect(ids(failing).sort()).toEqual(['d-fail5', 'd-fail9']);
    expect(failing.total).toBe(2);
    expect(await of('failed')).toEqual(['d-gave-up']);
    expect(await of('delivered')).toEqual(['d-done']);
    // the seven of beforeEach: COMPLETED and kept locally, but the FAILED recording (s3)
    expect(await of('kept-locally')).toEqual(['s1', 's2', 's4', 's5', 's6', 's7']);
    expect(
      ids(await t.invoke('sessions.list', { delivery: 'failing', streamId: 'stream-2' })),
    ).toEqual([]);
    await invalid('sessions.list', { delivery: 'stuck' }, 'delivery');
  });

  it('filters by start time in [from, to), also combined with stream and status', async () => {
    // s1 started 9 h ago ... s7 3 h ago
    expect(ids(await t.invoke('sessions.list', { from: at(6), to: at(4) }))).toEqual(['s5', 's4']);
    const since = (await t.invoke('sessions.list', { from: at(5) })) as List;
    expect(ids(since)).toEqual(['s7', 's6', 's5']);
    expect(since.total).toBe(3);
    expect(ids(await t.invoke('sessions.list', { to: at(7) }))).toEqual(['s2', 's1']);
    expect(
      ids(await t.invoke('sessions.list', { from: at(9), to: at(5), streamId: 'stream-1' })),
    ).toEqual(['s3', 's1']);
    expect(ids(await t.invoke('sessions.list', { from: at(9), status: 'FAILED' }))).toEqual(['s3']);
    expect(await t.invoke('sessions.list', { from: at(4), to: at(4) })).toEqual({
      items: [],
      total: 0,
    });
    expect(ids(await t.invoke('sessions.list', { from: '', to: '' }))).toHaveLength(7);
  });

  it('reads from/to with an offset as the same instant', async () => {
    // s5 started at TEST_NOW − 5 h; the same instant written two hours east of UTC
    const fiveHoursAgo = new Date(TEST_NOW - 5 * hour);
    const local = new Date(fiveHoursAgo.getTime() + 2 * hour).toISOString().slice(0, 19);
    const list = await t.invoke('sessions.list', { from: `${local}+02:00`, limit: 500 });
    expect(ids(list)).toEqual(['s7', 's6', 's5']);
    expect(ids(await t.invoke('sessions.list', { to: `${local}+02:00` }))).toEqual([
      's4',
      's3',
      's2',
      's1',
    ]);
  });

  it('refuses bad filters and page bounds, naming the field', async () => {
    await invalid('sessions.list', { limit: 0 }, 'limit');
    await invalid('sessions.list', { limit: 501 }, 'limit');
    await invalid('sessions.list', { limit: 'ten' }, 'limit');
    await invalid('sessions.list', { limit: 2.5 }, 'limit');
    await invalid('sessions.list', { offset: -1 }, 'offset');
    await invalid('sessions.list', { offset: '1e3' }, 'offset');
    await invalid('sessions.list', { status: 'DONE' }, 'status');
    await invalid('sessions.list', { streamId: 5 }, 'streamId');
    await invalid('sessions.list', { from: '2026-11-24' }, 'from');
    await invalid('sessions.list', { to: 'yesterday' }, 'to');
    await invalid('sessions.list', { from: '2026-11-24T06:00:00' }, 'from');
    await invalid('sessions.list', { from: 1_700_000_000_000 }, 'from');
    const backwards = await invalid('sessions.list', { from: at(2), to: at(3) }, 'to');
    expect(backwards.message).toBe('to: must not be before from');
  });
});

describe('sessions.list with a search (q)', () => {
  // texts chosen so that folders, case, other streams and LIKE's own characters are tried
  const rows = [
    { id: 'q1', title: 'Morning Show 2026-11-24', outputFilePath: '/rec/Jazz/morning-1124.mp3' },
    { id: 'q2', title: 'Evening Jazz', outputFilePath: null, remotePath: '/srv/Shows/eve_50%.mp3' },
    { id: 'q3', title: null, streamId: 'stream-2', outputFilePath: 'C:\\rec\\Night.mp3' },
    { id: 'q4', title: 'Morning News', remotePath: '/srv/morning/news.mp3' },
  ];

  beforeEach(async () => {
    await seedStream(t.db, { id: 'stream-2', name: 'Nachtfunk Radio' });
    let hoursAgo = 10;
    for (const row of rows) {
      await seedSession(t, { streamId: 'stream-1', startTime: at(hoursAgo--), ...row }, false);
    }
  });

  type List = { items: SessionDto[]; total: number };
  const search = async (q: unknown, more: object = {}) => {
    const list = (await t.invoke('sessions.list', { q, ...more })) as List;
    return list.items.map((s) => s.id);
  };

  it.each([
    ['morning', ['q4', 'q1']],
    ['MORNING show', ['q1']],
    ['1124', ['q1']],
    ['jazz', ['q2']], // the title; the folder /rec/Jazz/ of q1 does not count
    ['shows', []], // a folder of the delivered copy
    ['50%', ['q2']],
    ['eve_', ['q2']],
    ['e_e', []], // _ is no wildcard
    ['%', ['q2']],
    ['night.mp3', ['q3']], // a Windows path's file name
    ['nachtfunk', ['q3']], // the stream's name
    ['test radio morning', ['q4', 'q1']],
    ['news.mp3', ['q4']],
    ['  ', ['q4', 'q3', 'q2', 'q1']],
  ])('%j finds %j, as the UI rule does', async (q, expected) => {
    const found = await search(q);
    expect(found).toEqual(expected);
    const all = (await t.invoke('sessions.list', {})) as List;
    const names: Record<string, string> = {
      'stream-1': 'Test Radio',
      'stream-2': 'Nachtfunk Radio',
    };
    const byRule = all.items
      .filter((s) => sessionMatchesFilters(s, { q }, names[s.streamId]))
      .map((s) => s.id);
    expect(byRule).toEqual(expected);
  });

  it('combines with the other filters and counts the found set', async () => {
    expect(await search('radio', { streamId: 'stream-2' })).toEqual(['q3']);
    const list = (await t.invoke('sessions.list', { q: 'morning', limit: 1 })) as List;
    expect(list.total).toBe(2);
    expect(list.items.map((s) => s.id)).toEqual(['q4']);
  });

  it('refuses a search longer than 100 characters, naming q', async () => {
    await invalid('sessions.list', { q: 'x'.repeat(101) }, 'q');
    await invalid('sessions.list', { q: 5 }, 'q');
  });
});

describe('sessions.get', () => {
  it('answers the session DTO, or NOT_FOUND', async () => {
    const s = await seedSession(t, { streamId: 'stream-1', gaps: [{ at: at(1), seconds: 4 }] });
    const dto = (await t.invoke('sessions.get', { id: s.id })) as SessionDto;
    expect(dto).toMatchObject({ id: s.id, status: 'COMPLETED', gaps: [{ at: at(1), seconds: 4 }] });
    // the next transfer attempt's time is answered (a field, not text); the parts folder is not
    expect(dto.nextTransferAt).toBeNull();
    expect(dto).not.toHaveProperty('partsDir');
    await refused('sessions.get', { id: 'nope' }, 'NOT_FOUND', 'id');
    await invalid('sessions.get', { id: 7 }, 'id');
  });
});

describe('sessions.delete', () => {
  it('deletes the row, its transfer attempts, its MP3 and its raw parts', async () => {
    const s = await seedSession(t, { streamId: 'stream-1', transferStatus: 'FAILED' });
    await t.db.write((m) =>
      m.insert(TransferAttemptEntity, {
        id: 'a1',
        sessionId: s.id,
        destinationId: null,
        startedAt: at(0),
        finishedAt: at(0),
        ok: false,
        bytes: null,
        mode: 'fastPut',
        error: 'refused',
      }),
    );
    await expect(t.invoke('sessions.delete', { id: s.id })).resolves.toBeUndefined();
    // the log line names the recording; its id is the line's session tag, not in the words
    const line = t.logs.find((l) => l.message.includes('deleted with its local files'));
    expect(line).toMatchObject({ sessionId: s.id });
    expect(line?.message).not.toContain(s.id);
    expect(await t.db.reader.count(SessionEntity)).toBe(0);
    expect(await t.db.reader.count(TransferAttemptEntity)).toBe(0);
    expect(existsSync(s.outputFilePath as string)).toBe(false);
    expect(existsSync(s.partsDir as string)).toBe(false);
    await refused('sessions.delete', { id: s.id }, 'NOT_FOUND', 'id');
  });

  it('refuses while recording, processing or transferring, and changes nothing', async () => {
    for (const over of [
      { status: 'RECORDING' as const },
      { status: 'PROCESSING' as const },
      { transferStatus: 'IN_PROGRESS' as const },
    ]) {
      const s = await seedSession(t, { streamId: 'stream-1', ...over });
      const error = await refused('sessions.delete', { id: s.id }, 'CONFLICT', 'id');
      expect(error.message).toMatch(/stop it first|wait until the transfer ends/);
    }
  });

  it('never deletes files outside the recordings and parts folders', async () => {
    const s = await seedSession(t, {
      streamId: 'stream-1',
      outputFilePath: join(t.dir, 'precious.mp3'),
      partsDir: t.dir,
    });
    await t.invoke('sessions.delete', { id: s.id });
    expect(existsSync(t.dir)).toBe(true);
    expect(t.logs.some((e) => e.level === 'warn' && e.message.includes('outside'))).toBe(true);
  });
});

describe('sessions.stop', () => {
  it('ends a running recording; what was captured is processed', async () => {
    const started = (await t.invoke('streams.record', {
      id: 'stream-1',
      durationSeconds: 600,
    })) as SessionDto;
    const answer = (await t.invoke('sessions.stop', { id: started.id })) as SessionDto;
    expect(answer.id).toBe(started.id);
    const done = await t.runs[0]?.done;
    expect(done).toMatchObject({ status: 'COMPLETED', partial: true });
    expect(t.ctx.active.ids()).toEqual([]);
  });

  it('names the recording by its title in a refusal, never by its id', async () => {
    const titled = await seedSession(t, { streamId: 'stream-1', title: 'Morning Show 2026-11-24' });
    const error = await refused('sessions.stop', { id: titled.id }, 'CONFLICT', 'id');
    expect(error.message).toBe(
      '“Morning Show 2026-11-24” is not being recorded (it is completed).',
    );
    const untitled = await seedSession(t, { streamId: 'stream-1', title: null });
    const other = await refused('sessions.stop', { id: untitled.id }, 'CONFLICT', 'id');
    expect(other.message).toBe('This recording is not being recorded (it is completed).');
    for (const message of [error.message, other.message]) {
      expect(message).not.toContain(titled.id);
      expect(message).not.toContain(untitled.id);
    }
  });

  it('refuses a session that is not recording, and unknown ids', async () => {
    const s = await seedSession(t, { streamId: 'stream-1' });
    const error = await refused('sessions.stop', { id: s.id }, 'CONFLICT', 'id');
    expect(error.message).toContain('not being recorded');
    await refused('sessions.stop', { id: 'nope' }, 'NOT_FOUND', 'id');
  });

  it('a recording session cannot be deleted until it was stopped', async () => {
    const started = (await t.invoke('streams.record', {
      id: 'stream-1',
      durationSeconds: 600,
    })) as SessionDto;
    await refused('sessions.delete', { id: started.id }, 'CONFLICT', 'id');
    await t.invoke('sessions.stop', { id: started.id });
    await t.runs[0]?.done;
    await expect(t.invoke('sessions.delete', { id: started.id })).resolves.toBeUndefined();
  });
});

describe('sessions.retryTransfer', () => {
  beforeEach(async () => {
    await seedDestination(t.db, { id: 'dest-1' });
    await t.db.reader.query(`UPDATE streams SET destinationId = 'dest-1' WHERE id = 'stream-1'`);
  });

  it('queues a failed transfer again now, announces it and kicks the queue', async () => {
    const s = await seedSession(t, {
      streamId: 'stream-1',
      transferStatus: 'FAILED',
      attempts: 5,
      errorMessage: 'Transfer failed: refused.',
    });
    t.clock.advance(1000);
    const dto = (await t.invoke('sessions.retryTransfer', { id: s.id })) as SessionDto;
    expect(dto).toMatchObject({ transferStatus: 'PENDING', errorMessage: null, attempts: 5 });
    const row = await t.db.reader.findOneByOrFail(SessionEntity, { id: s.id });
    expect(row.nextTransferAt).toBe(new Date(TEST_NOW + 1000).toISOString());
    expect(row.transferStatus).toBe('PENDING');
    expect(t.kicks.count).toBe(1);
    expect(t.sessionEvents.at(-1)).toMatchObject({ id: s.id, transferStatus: 'PENDING' });
    expect(await t.ctx.sessions.dueTransfers(t.clock.now())).toHaveLength(1);
  });

  it('a pending transfer is brought forward; a skipped one is queued now that there is a destination', async () => {
    const pending = await seedSession(t, {
      streamId: 'stream-1',
      transferStatus: 'PENDING',
      nextTransferAt: at(-5),
    });
    await t.invoke('sessions.retryTransfer', { id: pending.id });
    const skipped = await seedSession(t, { streamId: 'stream-1', transferStatus: 'SKIPPED' });
    await t.invoke('sessions.retryTransfer', { id: skipped.id });
    expect((await t.ctx.sessions.dueTransfers(TEST_NOW)).map((s) => s.id).sort()).toEqual(
      [pending.id, skipped.id].sort(),
    );
  });

  it('refuses what cannot be transferred, saying why, and changes nothing', async () => {
    const cases: [Parameters<typeof seedSession>[1], boolean, RegExp][] = [
      [{ streamId: 'stream-1', transferStatus: 'COMPLETED' }, true, /delivered already/],
      [{ streamId: 'stream-1', transferStatus: 'IN_PROGRESS' }, true, /being transferred/],
      [
        { streamId: 'stream-1', status: 'RECORDING', transferStatus: 'PENDING' },
        true,
        /only a completed/,
      ],
      [
        { streamId: 'stream-1', status: 'FAILED', transferStatus: 'SKIPPED' },
        true,
        /only a completed/,
      ],
      [{ streamId: 'stream-1', transferStatus: 'FAILED' }, false, /is gone/],
    ];
    for (const [over, files, message] of cases) {
      const s = await seedSession(t, over, files);
      const error = await refused('sessions.retryTransfer', { id: s.id }, 'CONFLICT', 'id');
      expect(error.message).toMatch(message);
    }
    await seedStream(t.db, { id: 'stream-local', destinationId: null });
    const local = await seedSession(t, { streamId: 'stream-local', transferStatus: 'FAILED' });
    const error = await refused('sessions.retryTransfer', { id: local.id }, 'CONFLICT', 'id');
    expect(error.message).toMatch(/no destination/);
    await refused('sessions.retryTransfer', { id: 'nope' }, 'NOT_FOUND', 'id');
    expect(t.kicks.count).toBe(0);
  });
});

describe('sessions.audio', () => {
  it('hands out the local MP3 while it is kept', async () => {
    const s = await seedSession(t, { streamId: 'stream-1' });
    expect(await t.invoke('sessions.audio', { id: s.id })).toEqual({
      filePath: s.outputFilePath,
      contentType: 'audio/mpeg',
    });
  });

  it('after delivery and clean-up: NOT_FOUND saying so', async () => {
    const s = await seedSession(
      t,
      { streamId: 'stream-1', transferStatus: 'COMPLETED', remotePath: '/srv/in/a.mp3' },
      false,
    );
    const error = await refused('sessions.audio', { id: s.id }, 'NOT_FOUND', 'id');
    expect(error.message).toMatch(/delivered to \/srv\/in\/a\.mp3.*cleaned up/);
  });

  it('NOT_FOUND for a missing file, a file outside RECORDINGS_DIR, or an unknown session', async () => {
    const gone = await seedSession(t, { streamId: 'stream-1' });
    await t.invoke('sessions.audio', { id: gone.id });
    const { rm } = await import('node:fs/promises');
    await rm(gone.outputFilePath as string);
    await refused('sessions.audio', { id: gone.id }, 'NOT_FOUND', 'id');
    const outside = await seedSession(t, { streamId: 'stream-1', outputFilePath: '/etc/passwd' });
    await refused('sessions.audio', { id: outside.id }, 'NOT_FOUND', 'id');
    await refused('sessions.audio', { id: 'nope' }, 'NOT_FOUND', 'id');
  });
});
