import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { In, type EntityManager } from 'typeorm';
import { AppError, type SessionDto } from '../../contract';
import type { FileResult } from '../../contract/operations/common';
import type { ListResult } from '../../contract/operation';
import {
  artworkUrlOf,
  createStream,
  deleteStream,
  deleteStreamArtwork,
  getStream,
  getStreamArtwork,
  listStreams,
  probeStream as probeStreamSpec,
  recordStream,
  setStreamArtwork,
  updateStream,
  type StreamDto,
  type StreamProbeDto,
} from '../../contract/operations/streams';
import type { StreamRecord } from '../db/entities/records';
import {
  DestinationEntity,
  ScheduleEntity,
  SessionEntity,
  StreamEntity,
  TransferAttemptEntity,
} from '../db/entities/schemas';
import { toSessionDto } from '../pipeline/session-store';
import { normalizeArtwork } from '../processor/artwork';
import { probeStream } from '../recorder/probe-stream';
import { assertNetworkUrl } from '../recorder/url-policy';
import { removeArtworkFile, writeArtwork } from './artwork-store';
import type { OperationContext } from './context';
import { toStreamDto } from './dto';
import { implement } from './operation-table';
import { isInside } from './paths';
import { removeSessionFiles } from './session-files';

export interface StreamOperationDeps {
  /** `streams.probe` (tests replace the network and ffprobe). */
  probe: typeof probeStream;
}

const defaults: StreamOperationDeps = { probe: probeStream };

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `Stream ${id} does not exist.`, { field: 'id' });
}

async function findStream(ctx: OperationContext, id: string): Promise<StreamRecord> {
  const found = await ctx.db.reader.findOneBy(StreamEntity, { id });
  if (!found) throw notFound(id);
  return found;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export type StreamFields = Pick<
  StreamRecord,
  | 'name'
  | 'streamUrl'
  | 'fallbackUrls'
  | 'artist'
  | 'album'
  | 'albumArtist'
  | 'genre'
  | 'outputFilenamePattern'
  | 'destinationId'
  | 'mp3BitrateKbps'
>;

/**
 * The checks of a stream beyond its schema, in one place for streams.create, streams.update and
 * restore: the recorder's own URL policy, again (the contract's check mirrors it; this is the
 * law). Answers the fields to store; throws naming the field (`fallbackUrls.1`).
 */
export function streamFieldsOf(input: StreamFields): StreamFields {
  assertNetworkUrl(input.streamUrl, 'streamUrl');
  input.fallbackUrls.forEach((url, i) => assertNetworkUrl(url, `fallbackUrls.${i}`));
  return {
    name: input.name,
    streamUrl: input.streamUrl,
    fallbackUrls: [...input.fallbackUrls],
    artist: input.artist,
    album: input.album,
    albumArtist: input.albumArtist,
    genre: input.genre,
    outputFilenamePattern: input.outputFilenamePattern,
    destinationId: input.destinationId,
    mp3BitrateKbps: input.mp3BitrateKbps,
  };
}

/** Inside a write: the destination a stream points at must exist. */
async function assertDestination(m: EntityManager, destinationId: string | null): Promise<void> {
  if (destinationId === null) return;
  if (!(await m.existsBy(DestinationEntity, { id: destinationId }))) {
    throw new AppError('VALIDATION_FAILED', `Destination ${destinationId} does not exist.`, {
      field: 'destinationId',
    });
  }
}

/** A session whose files or row must not be deleted now. */
function isBusy(
  s: { id: string; status: string; transferStatus: string },
  active: Set<string>,
): boolean {
  return (
    s.status === 'RECORDING' ||
    s.status === 'PROCESSING' ||
    s.transferStatus === 'IN_PROGRESS' ||
    active.has(s.id)
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The operations on streams: CRUD, artwork, probing a URL and recording now. */
export function createStreamOperations(overrides: Partial<StreamOperationDeps> = {}) {
  const deps: StreamOperationDeps = { ...defaults, ...overrides };
  return [
    implement(
      listStreams,
      async (_input, ctx: OperationContext): Promise<ListResult<StreamDto>> => {
        const rows = await ctx.db.reader.find(StreamEntity);
        rows.sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt));
        return { items: rows.map(toStreamDto), total: rows.length };
      },
    ),

    implement(getStream, async (input, ctx: OperationContext): Promise<StreamDto> => {
      return toStreamDto(await findStream(ctx, input.id));
    }),

    implement(createStream, async (input, ctx: OperationContext): Promise<StreamDto> => {
      const now = iso(ctx.clock.now());
      const record: StreamRecord = {
        id: randomUUID(),
        ...streamFieldsOf(input),
        artworkFile: null,
        createdAt: now,
        updatedAt: now,
      };
      await ctx.db.write(async (m) => {
        await assertDestination(m, record.destinationId);
        await m.insert(StreamEntity, record);
      });
      ctx.logger.info(`Stream "${record.name}" created.`);
      return toStreamDto(record);
    }),

    implement(updateStream, async (input, ctx: OperationContext): Promise<StreamDto> => {
      const fields = streamFieldsOf(input);
      const updated = await ctx.db.write(async (m) => {
        const current = await m.findOneBy(StreamEntity, { id: input.id });
        if (!current) throw notFound(input.id);
        await assertDestination(m, fields.destinationId);
        const next: StreamRecord = { ...current, ...fields, updatedAt: iso(ctx.clock.now()) };
        const { id, ...changes } = next;
        await m.update(StreamEntity, { id }, changes);
        return next;
      });
      ctx.logger.info(`Stream "${updated.name}" updated.`);
      return toStreamDto(updated);
    }),

    implement(deleteStream, async (input, ctx: OperationContext): Promise<void> => {
      const active = new Set(ctx.active.ids());
      const removed = await ctx.db.write(async (m) => {
        const stream = await m.findOneBy(StreamEntity, { id: input.id });
        if (!stream) throw notFound(input.id);
        const schedules = await m.findBy(ScheduleEntity, { streamId: stream.id });
        const sessions = await m.findBy(SessionEntity, { streamId: stream.id });
        if (!input.cascade && (schedules.length > 0 || sessions.length > 0)) {
          throw new AppError(
            'CONFLICT',
            `Stream "${stream.name}" has ${plural(schedules.length, 'schedule', 'schedules')} and ${plural(sessions.length, 'session', 'sessions')}: delete them first, or delete the stream with cascade=true to delete them too.`,
            { field: 'id' },
          );
        }
        const busy = sessions.filter((s) => isBusy(s, active));
        if (busy.length > 0) {
          throw new AppError(
            'CONFLICT',
            `Stream "${stream.name}" has ${plural(busy.length, 'session', 'sessions')} recording, processing or transferring now: stop ${busy.length === 1 ? 'it' : 'them'} or wait, then delete the stream.`,
            { field: 'id' },
          );
        }
        const sessionIds = sessions.map((s) => s.id);
        if (sessionIds.length > 0) {
          await m.delete(TransferAttemptEntity, { sessionId: In(sessionIds) });
          await m.delete(SessionEntity, { id: In(sessionIds) });
        }
        if (schedules.length > 0) await m.delete(ScheduleEntity, { streamId: stream.id });
        await m.delete(StreamEntity, { id: stream.id });
        return { stream, schedules, sessions };
      });
      for (const session of removed.sessions) {
        await removeSessionFiles(session, ctx.settings, ctx.logger);
      }
      await removeArtworkFile(ctx.settings.artworkDir, removed.stream.artworkFile);
      for (const schedule of removed.schedules) await ctx.scheduler.reload(schedule.id);
      ctx.logger.info(
        removed.schedules.length + removed.sessions.length > 0
          ? `Stream "${removed.stream.name}" deleted with ${plural(removed.schedules.length, 'schedule', 'schedules')} and ${plural(removed.sessions.length, 'session', 'sessions')}.`
          : `Stream "${removed.stream.name}" deleted.`,
      );
    }),

    implement(
      setStreamArtwork,
      async (input, ctx: OperationContext): Promise<{ artworkUrl: string }> => {
        const stream = await findStream(ctx, input.id);
        const bytes = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
        const jpeg = await normalizeArtwork(bytes);
        const path = await writeArtwork(ctx.settings.artworkDir, stream.id, jpeg);
        const previous = await ctx.db.write(async (m) => {
          const current = await m.findOneBy(StreamEntity, { id: stream.id });
          if (!current) return undefined;
          await m.update(
            StreamEntity,
            { id: stream.id },
            { artworkFile: path, updatedAt: iso(ctx.clock.now()) },
          );
          return current;
        });
        if (!previous) {
          await removeArtworkFile(ctx.settings.artworkDir, path);
          throw notFound(stream.id);
        }
        if (previous.artworkFile && previous.artworkFile !== path) {
          await removeArtworkFile(ctx.settings.artworkDir, previous.artworkFile);
        }
        ctx.logger.info(`Artwork of stream "${stream.name}" set (${jpeg.length} bytes of JPEG).`);
        return { artworkUrl: artworkUrlOf(stream.id) };
      },
    ),

    implement(getStreamArtwork, async (input, ctx: OperationContext): Promise<FileResult> => {
      const stream = await findStream(ctx, input.id);
      const file = stream.artworkFile;
      if (!file || !isInside(ctx.settings.artworkDir, file) || !existsSync(file)) {
        throw new AppError('NOT_FOUND', `Stream "${stream.name}" has no artwork.`, {
          field: 'id',
        });
      }
      return { filePath: file, contentType: 'image/jpeg' };
    }),

    implement(deleteStreamArtwork, async (input, ctx: OperationContext): Promise<void> => {
      const previous = await ctx.db.write(async (m) => {
        const current = await m.findOneBy(StreamEntity, { id: input.id });
        if (!current) throw notFound(input.id);
        if (current.artworkFile !== null) {
          await m.update(
            StreamEntity,
            { id: current.id },
            { artworkFile: null, updatedAt: iso(ctx.clock.now()) },
          );
        }
        return current;
      });
      if (previous.artworkFile) {
        await removeArtworkFile(ctx.settings.artworkDir, previous.artworkFile);
        ctx.logger.info(`Artwork of stream "${previous.name}" removed.`);
      }
    }),

    implement(probeStreamSpec, async (input, ctx: OperationContext): Promise<StreamProbeDto> => {
      return deps.probe(input.streamUrl, { runner: ctx.runner, ffprobePath: ctx.ffmpeg.ffprobe });
    }),

    implement(recordStream, async (input, ctx: OperationContext): Promise<SessionDto> => {
      const stream = await findStream(ctx, input.id);
      // the recording slots refuse it (CONFLICT) when all are taken
      const now = ctx.clock.now();
      const run = await ctx.recordNow({
        streamId: stream.id,
        scheduleId: null,
        windowStart: now,
        windowEnd: now + input.durationSeconds * 1000,
      });
      return toSessionDto(run.session);
    }),
  ];
}

export const streamOperations = createStreamOperations();
