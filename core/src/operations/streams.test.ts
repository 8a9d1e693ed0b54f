import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorStatus, type ErrorCode, type SessionDto } from '../../contract';
import { NETWORK_URL_SCHEMES } from '../../contract/url-policy';
import type { StreamDto } from '../../contract/operations/streams';
import { streamDto } from '../../contract/testing/stream-fixtures';
import {
  ScheduleEntity,
  SessionEntity,
  StreamEntity,
  TransferAttemptEntity,
} from '../db/entities/schemas';
import { TEST_FM_MP3_PROBE } from '../../test-support/probe-answers';
import { seedDestination } from '../pipeline/test-fixtures';
import type { probeStream } from '../recorder/probe-stream';
import { assertNetworkUrl } from '../recorder/url-policy';
import { artworkFilePath } from './artwork-store';
import {
  createTestContext,
  expectRefused,
  MADE_AT_TEST_NOW,
  seedSchedule,
  seedSession,
  TEST_NOW,
  type TestContext,
} from './resource-test-context';
import { createStreamOperations } from './streams';

const probe = vi.fn<typeof probeStream>();
const ops = createStreamOperations({ probe });
let t: TestContext;

beforeEach(async () => {
  probe.mockReset();
  t = await createTestContext(ops);
});

afterEach(async () => {
  await t.close();
});

const base = {
  name: 'Morning Show',
  streamUrl: 'https://radio.example.com/live.mp3',
  artist: 'Radio Example',
  album: 'Morning Show',
  albumArtist: 'Radio Example',
};

async function create(input: Record<string, unknown> = {}): Promise<StreamDto> {
  return (await t.invoke('streams.create', { ...base, ...input })) as StreamDto;
}

const refused = (name: string, input: unknown, code: ErrorCode, field?: string) =>
  expectRefused(t, name, input, code, field);

/** Refused as bad input (VALIDATION_FAILED), naming `field`. */
const invalid = (name: string, input: unknown, field: string) =>
  refused(name, input, 'VALIDATION_FAILED', field);

const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c03030' } })
    .png()
    .toBuffer();

describe('streams.create', () => {
  it('creates a stream with the defaults of the contract', async () => {
    const dto = await create();
    // the fixture's stream is the contract's defaults: no fallbacks, genre, pattern or
    // destination, 192 kb/s, -50 dB, 60 s, no cue sheet, no podcast, no artwork
    expect(dto).toEqual(streamDto(expect.any(String), { ...base, ...MADE_AT_TEST_NOW }));
    expect(await t.invoke('streams.get', { id: dto.id })).toEqual(dto);
  });

  it('takes every field, trims text and accepts every network scheme', async () => {
    const dest = await seedDestination(t.db);
    const fields = {
      streamUrl: 'icecast://stream.example.com:8000/jazz',
      fallbackUrls: ['rtmp://backup.example.com/live', 'https://cdn.example.com/jazz.m3u8'],
      genre: 'Jazz',
      outputFilenamePattern: '{date} {name} #{track}',
      destinationId: dest.id,
      mp3BitrateKbps: 320,
    };
    const dto = await create({ name: '  Night Jazz ', ...fields });
    expect(dto).toMatchObject({ name: 'Night Jazz', ...fields });
  });

  it('keeps writeCueSheet (default false), and refuses what is not a boolean on its field', async () => {
    const dto = await create({ writeCueSheet: true });
    expect(dto.writeCueSheet).toBe(true);
    expect(await t.invoke('streams.get', { id: dto.id })).toEqual(dto);
    const updated = (await t.invoke('streams.update', {
      ...dto,
      writeCueSheet: false,
    })) as StreamDto;
    expect(updated.writeCueSheet).toBe(false);
    const error = await invalid(
      'streams.create',
      { ...base, writeCueSheet: 'yes' },
      'writeCueSheet',
    );
    expect(error.message).toMatch(/true or false/);
  });

  it('takes its dead-air level and length (0: off), and refuses them out of range on their field', async () => {
    const dto = await create({ silenceThresholdDb: -40, deadAirSeconds: 0 });
    expect(dto).toMatchObject({ silenceThresholdDb: -40, deadAirSeconds: 0 });
    expect(await t.invoke('streams.get', { id: dto.id })).toEqual(dto);
    const updated = (await t.invoke('streams.update', {
      ...dto,
      silenceThresholdDb: -60,
      deadAirSeconds: 120,
    })) as StreamDto;
    expect(updated).toMatchObject({ silenceThresholdDb: -60, deadAirSeconds: 120 });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ silenceThresholdDb: -5 }, 'silenceThresholdDb', /at most -10 dB/],
      [{ silenceThresholdDb: -91 }, 'silenceThresholdDb', /at least -90 dB/],
      [{ silenceThresholdDb: 'loud' }, 'silenceThresholdDb', /must be a number/],
      [{ deadAirSeconds: -1 }, 'deadAirSeconds', /0 \(off\) or more/],
      [{ deadAirSeconds: 1.5 }, 'deadAirSeconds', /whole number of seconds/],
      [{ deadAirSeconds: 3601 }, 'deadAirSeconds', /at most 3600 seconds/],
    ];
    for (const [patch, field, message] of cases) {
      const error = await refused(
        'streams.create',
        { ...base, ...patch },
        'VALIDATION_FAILED',
        field,
      );
      expect(error.message).toMatch(message);
      await refused('streams.update', { ...updated, ...patch }, 'VALIDATION_FAILED', field);
    }
  });

  it('takes its podcast feed (defaults: explicit false, keep 20), trims its texts, and refuses bad values on their field', async () => {
    const dto = await create({
      podcast: { enabled: true, title: '  Mornings <live> ', category: 'News', language: 'de-AT' },
    });
    expect(dto.podcast).toEqual({
      enabled: true,
      title: 'Mornings <live>',
      description: null,
      author: null,
      category: 'News',
      explicit: false,
      language: 'de-AT',
      keepEpisodes: 20,
    });
    expect(await t.invoke('streams.get', { id: dto.id })).toEqual(dto);
    const updated = (await t.invoke('streams.update', {
      ...dto,
      podcast: { ...dto.podcast, explicit: true, keepEpisodes: 2, author: 'Radio X' },
    })) as StreamDto;
    expect(updated.podcast).toMatchObject({ explicit: true, keepEpisodes: 2, author: 'Radio X' });
    // a PUT without it turns the feed off, like the other optional fields
    const { podcast: _podcast, ...withoutFeed } = updated;
    const off = (await t.invoke('streams.update', withoutFeed)) as StreamDto;
    expect(off.podcast.enabled).toBe(false);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ enabled: 'yes' }, 'podcast.enabled', /true or false/],
      [{ enabled: true, keepEpisodes: 0 }, 'podcast.keepEpisodes', /at least 1/],
      [{ enabled: true, keepEpisodes: 2.5 }, 'podcast.keepEpisodes', /whole number/],
      [{ enabled: true, category: 'Cooking' }, 'podcast.category', /must be one of Arts/],
      [{ enabled: true, language: 'english!' }, 'podcast.language', /language tag/],
      [{ enabled: true, title: 'a\nb' }, 'podcast.title', /control characters/],
    ];
    for (const [podcast, field, message] of cases) {
      const error = await refused(
        'streams.create',
        { ...base, podcast },
        'VALIDATION_FAILED',
        field,
      );
      expect(error.message).toMatch(message);
      await refused('streams.update', { ...updated, podcast }, 'VALIDATION_FAILED', field);
    }
  });

  it('the contract accepts exactly the schemes the recorder accepts', () => {
    for (const scheme of NETWORK_URL_SCHEMES) {
      expect(() => assertNetworkUrl(`${scheme}://host.example/x`)).not.toThrow();
    }
    for (const scheme of ['file', 'concat', 'pipe', 'data', 'subfile', 'crypto', 'ftp', 'udp']) {
      expect(() => assertNetworkUrl(`${scheme}://host.example/x`)).toThrow();
    }
  });

  it('refuses local and composite URLs, naming the field, and changes nothing', async () => {
    for (const url of [
      'file:///etc/passwd',
      'concat:http://a/1.mp3|http://a/2.mp3',
      'pipe:0',
      'data:audio/mpeg;base64,AAAA',
      'subfile,,start,0,end,0,,:/etc/passwd',
      'crypto+file:///etc/passwd',
      'javascript:alert(1)',
      '/var/audio/live.mp3',
      'http://',
      'http://exa mple.com/x',
      'https://example.com/\nx',
      `https://example.com/${'a'.repeat(5000)}`,
      '',
    ]) {
      const error = await invalid('streams.create', { ...base, streamUrl: url }, 'streamUrl');
      expect(error.message).toMatch(/^streamUrl: /);
    }
    const fallback = await invalid(
      'streams.create',
      { ...base, fallbackUrls: ['http://ok.example/x', 'concat:a|b'] },
      'fallbackUrls.1',
    );
    expect(fallback.message).toContain('"concat:" URLs are not allowed');
  });

  it('refuses wrong types, missing fields, huge values and unknown destinations', async () => {
    const many = Array.from({ length: 11 }, (_, i) => `http://a.example/${i}`);
    const cases: [Record<string, unknown>, string, string[]?][] = [
      [{ name: undefined }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ artist: '' }, 'artist'],
      [{ album: ['a'] }, 'album'],
      [{ albumArtist: null }, 'albumArtist'],
      [{ streamUrl: 42 }, 'streamUrl'],
      [{ fallbackUrls: 'http://a/x' }, 'fallbackUrls'],
      [{ fallbackUrls: many }, 'fallbackUrls'],
      [{ mp3BitrateKbps: 100 }, 'mp3BitrateKbps'],
      [{ mp3BitrateKbps: '192' }, 'mp3BitrateKbps'],
      [{ mp3BitrateKbps: 1e9 }, 'mp3BitrateKbps'],
      [{ genre: 'g'.repeat(101) }, 'genre'],
      [{ outputFilenamePattern: 5 }, 'outputFilenamePattern'],
      [
        { outputFilenamePattern: '{date} {nmae}' },
        'outputFilenamePattern',
        ['{nmae}', '{name}, {date}, {time}, {datetime}, {track}, {artist} or {album}'],
      ],
      // in words, not by its id (the field names the input)
      [
        { destinationId: 'nope' },
        'destinationId',
        ['The chosen destination does not exist (any more): choose another one.'],
      ],
    ];
    for (const [patch, field, says = []] of cases) {
      const error = await refused(
        'streams.create',
        { ...base, ...patch },
        'VALIDATION_FAILED',
        field,
      );
      for (const words of says) expect(error.message).toContain(words);
    }
    expect(await t.db.reader.count(StreamEntity)).toBe(0);
  });
});

describe('streams.list / get / update', () => {
  it('lists by name with the total; unknown ids are NOT_FOUND', async () => {
    await create({ name: 'b-side' });
    await create({ name: 'A-side' });
    const list = (await t.invoke('streams.list', {})) as { items: StreamDto[]; total: number };
    expect(list.total).toBe(2);
    expect(list.items.map((s) => s.name)).toEqual(['A-side', 'b-side']);
    await refused('streams.get', { id: 'nope' }, 'NOT_FOUND', 'id');
  });

  it('replaces the whole stream, keeping its artwork and creation time', async () => {
    const dest = await seedDestination(t.db);
    const dto = await create({ genre: 'Talk', destinationId: dest.id });
    await t.invoke('streams.setArtwork', { id: dto.id, body: await png() });
    t.clock.advance(5000);
    const updated = (await t.invoke('streams.update', {
      ...base,
      id: dto.id,
      name: 'Evening Show',
      fallbackUrls: ['http://backup.example/x'],
    })) as StreamDto;
    expect(updated).toMatchObject({
      name: 'Evening Show',
      fallbackUrls: ['http://backup.example/x'],
      genre: null, // omitted: PUT replaces the whole stream
      destinationId: null,
      artworkUrl: `/api/streams/${dto.id}/artwork`,
      createdAt: dto.createdAt,
      updatedAt: '2026-11-24T06:00:05.000Z',
    });
    expect(await t.invoke('streams.get', { id: dto.id })).toEqual(updated);
  });

  it('refuses bad updates and changes nothing', async () => {
    const dto = await create();
    await refused('streams.update', { ...base, id: 'nope' }, 'NOT_FOUND', 'id');
    await invalid('streams.update', { ...dto, streamUrl: 'file:///dev/zero' }, 'streamUrl');
    await invalid('streams.update', { ...dto, destinationId: 'nope' }, 'destinationId');
    await invalid('streams.update', { ...dto, mp3BitrateKbps: 0 }, 'mp3BitrateKbps');
  });
});

describe('streams.delete', () => {
  it('deletes a stream without schedules or sessions, with its artwork', async () => {
    const dto = await create();
    await t.invoke('streams.setArtwork', { id: dto.id, body: await png() });
    const art = artworkFilePath(t.ctx.settings.artworkDir, dto.id);
    expect(existsSync(art)).toBe(true);
    await expect(t.invoke('streams.delete', { id: dto.id })).resolves.toBeUndefined();
    expect(await t.db.reader.count(StreamEntity)).toBe(0);
    expect(existsSync(art)).toBe(false);
    await refused('streams.delete', { id: dto.id }, 'NOT_FOUND', 'id');
  });

  it('refuses while schedules or sessions exist, saying how to proceed', async () => {
    const dto = await create();
    await seedSchedule(t.db, { streamId: dto.id });
    await seedSession(t, { streamId: dto.id });
    const error = await refused('streams.delete', { id: dto.id }, 'CONFLICT', 'id');
    expect(error.message).toMatch(/1 schedule and 1 session.*cascade=true/);
    await refused('streams.delete', { id: dto.id, cascade: 'false' }, 'CONFLICT', 'id');
    await invalid('streams.delete', { id: dto.id, cascade: 'maybe' }, 'cascade');
  });

  it('with cascade: deletes schedules, sessions, attempts and their local files, and tells the scheduler', async () => {
    const dto = await create();
    const other = await create({ name: 'Other' });
    const schedule = await seedSchedule(t.db, { streamId: dto.id });
    const a = await seedSession(t, { streamId: dto.id, scheduleId: schedule.id });
    const b = await seedSession(t, { streamId: dto.id, status: 'FAILED' });
    const kept = await seedSession(t, { streamId: other.id });
    await t.db.write((m) =>
      m.insert(TransferAttemptEntity, {
        id: 'attempt-1',
        sessionId: a.id,
        destinationId: null,
        startedAt: a.endTime as string,
        finishedAt: null,
        ok: false,
        bytes: null,
        mode: null,
        error: 'refused',
      }),
    );
    await t.invoke('streams.delete', { id: dto.id, cascade: 'true' });
    expect(await t.db.reader.countBy(StreamEntity, { id: dto.id })).toBe(0);
    expect(await t.db.reader.count(ScheduleEntity)).toBe(0);
    expect((await t.db.reader.find(SessionEntity)).map((s) => s.id)).toEqual([kept.id]);
    expect(await t.db.reader.count(TransferAttemptEntity)).toBe(0);
    for (const s of [a, b]) {
      expect(existsSync(s.outputFilePath as string)).toBe(false);
      expect(existsSync(s.partsDir as string)).toBe(false);
    }
    expect(existsSync(kept.outputFilePath as string)).toBe(true);
    expect(t.reloads).toEqual([schedule.id]);
  });

  it('even with cascade, refuses while one of its sessions records or transfers', async () => {
    const dto = await create();
    await seedSession(t, { streamId: dto.id, status: 'RECORDING', transferStatus: 'PENDING' });
    await refused('streams.delete', { id: dto.id, cascade: true }, 'CONFLICT', 'id');
    const other = await create({ name: 'Other' });
    await seedSession(t, { streamId: other.id, transferStatus: 'IN_PROGRESS' });
    await refused('streams.delete', { id: other.id, cascade: true }, 'CONFLICT', 'id');
  });
});

describe('streams artwork', () => {
  it('stores a PNG as a square JPEG under ARTWORK_DIR/<id>.jpg and hands it out', async () => {
    const dto = await create();
    t.clock.advance(1000);
    const answer = await t.invoke('streams.setArtwork', { id: dto.id, body: await png() });
    const url = `/api/streams/${dto.id}/artwork`;
    expect(answer).toEqual({ artworkUrl: url });
    const file = join(t.ctx.settings.artworkDir, `${dto.id}.jpg`);
    const meta = await sharp(readFileSync(file)).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 48, height: 48 });
    expect(await t.invoke('streams.get', { id: dto.id })).toMatchObject({
      artworkUrl: url,
      updatedAt: '2026-11-24T06:00:01.000Z',
    });
    expect(await t.invoke('streams.getArtwork', { id: dto.id })).toEqual({
      filePath: file,
      contentType: 'image/jpeg',
    });
  });

  it('refuses what is not a JPEG, PNG or WebP image, or too large, and changes nothing', async () => {
    const dto = await create();
    const text = await refused(
      'streams.setArtwork',
      { id: dto.id, body: Buffer.from('hello, not an image') },
      'INVALID_IMAGE',
    );
    expect(errorStatus((text as unknown as { code: ErrorCode }).code)).toBe(422);
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=', 'base64');
    const unsupported = await refused(
      'streams.setArtwork',
      { id: dto.id, body: gif },
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(errorStatus((unsupported as unknown as { code: ErrorCode }).code)).toBe(415);
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1);
    (await png()).copy(huge);
    await refused('streams.setArtwork', { id: dto.id, body: huge }, 'PAYLOAD_TOO_LARGE');
    await refused('streams.setArtwork', { id: dto.id, body: new Uint8Array(0) }, 'INVALID_IMAGE');
    await invalid('streams.setArtwork', { id: dto.id, body: 'iVBORw0KGgo=' }, 'body');
    await refused('streams.setArtwork', { id: 'nope', body: await png() }, 'NOT_FOUND', 'id');
    expect((await t.invoke('streams.get', { id: dto.id })) as StreamDto).toMatchObject({
      artworkUrl: null,
    });
  });

  it('a plain Uint8Array body (not a Buffer) is accepted', async () => {
    const dto = await create();
    const bytes = new Uint8Array(await png());
    await expect(t.invoke('streams.setArtwork', { id: dto.id, body: bytes })).resolves.toEqual({
      artworkUrl: `/api/streams/${dto.id}/artwork`,
    });
  });

  it('deleteArtwork removes the file and the URL; getArtwork is then NOT_FOUND', async () => {
    const dto = await create();
    await t.invoke('streams.setArtwork', { id: dto.id, body: await png() });
    await expect(t.invoke('streams.deleteArtwork', { id: dto.id })).resolves.toBeUndefined();
    expect(existsSync(artworkFilePath(t.ctx.settings.artworkDir, dto.id))).toBe(false);
    expect(await t.invoke('streams.get', { id: dto.id })).toMatchObject({ artworkUrl: null });
    await refused('streams.getArtwork', { id: dto.id }, 'NOT_FOUND', 'id');
    await expect(t.invoke('streams.deleteArtwork', { id: dto.id })).resolves.toBeUndefined();
    await refused('streams.deleteArtwork', { id: 'nope' }, 'NOT_FOUND', 'id');
  });

  it('never hands out a file outside ARTWORK_DIR', async () => {
    const dto = await create();
    await t.db.write((m) => m.update(StreamEntity, { id: dto.id }, { artworkFile: '/etc/passwd' }));
    await refused('streams.getArtwork', { id: dto.id }, 'NOT_FOUND', 'id');
  });
});

describe('streams.probe', () => {
  it('probes with the app ffprobe and answers the result', async () => {
    const result = TEST_FM_MP3_PROBE;
    probe.mockResolvedValue(result);
    expect(await t.invoke('streams.probe', { streamUrl: ' http://radio.example/live ' })).toEqual(
      result,
    );
    expect(probe).toHaveBeenCalledWith('http://radio.example/live', {
      runner: t.ctx.runner,
      ffprobePath: t.ctx.ffmpeg.ffprobe,
    });
  });

  it('refuses a local URL before probing anything', async () => {
    await invalid('streams.probe', { streamUrl: 'file:///etc/passwd' }, 'streamUrl');
    await invalid('streams.probe', {}, 'streamUrl');
    expect(probe).not.toHaveBeenCalled();
  });
});

describe('streams.record', () => {
  it('starts a recording now and answers the new session at once', async () => {
    const dto = await create();
    const session = (await t.invoke('streams.record', {
      id: dto.id,
      durationSeconds: 3600,
    })) as SessionDto;
    expect(session).toMatchObject({
      streamId: dto.id,
      scheduleId: null,
      status: 'SCHEDULED',
      transferStatus: 'SKIPPED',
      startTime: new Date(TEST_NOW).toISOString(),
      plannedDurationSeconds: 3600,
    });
    // the recording is still running (it only ends when stopped): the answer did not wait for it
    expect(t.ctx.active.ids()).toEqual([session.id]);
    expect(await t.db.reader.countBy(SessionEntity, { id: session.id })).toBe(1);
  });

  it('refuses bad durations, unknown streams and a full house', async () => {
    const dto = await create();
    for (const d of [0, -5, 86_401, 1.5, '60', null]) {
      await invalid('streams.record', { id: dto.id, durationSeconds: d }, 'durationSeconds');
    }
    await invalid('streams.record', { id: dto.id }, 'durationSeconds');
    await refused('streams.record', { id: 'nope', durationSeconds: 60 }, 'NOT_FOUND', 'id');
    t.runtime.maxConcurrentRecordings = 1;
    await t.invoke('streams.record', { id: dto.id, durationSeconds: 60 });
    const full = await refused('streams.record', { id: dto.id, durationSeconds: 60 }, 'CONFLICT');
    expect(full.message).toMatch(/1 recording is running/);
  });
});
