import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
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
import type { StreamRecord } from '../db/records';
import type { ConfigTransaction, Repositories } from '../db/repositories';
import { toSessionDto } from '../pipeline/session-store';
import { normalizeArtwork } from '../processor/artwork';
import { probeStream } from '../recorder/probe-stream';
import { assertNetworkUrl } from '../recorder/url-policy';
import { removeArtworkFile, writeArtwork } from './artwork-store';
import type { OperationContext } from './context';
import { toStreamDto } from './dto';
import { implement } from './operation-table';
import { isInside } from './paths';
import {
  assertStreamDeletable,
  removalMessage,
  removeStreamFiles,
  type StreamRemoval,
} from './stream-removal';
import { foundOr404, listByName, notFoundOf } from './stored-resource';

/** What the stream operations use. */
export type StreamOpsContext = Pick<
  OperationContext,
  | 'settings'
  | 'clock'
  | 'logger'
  | 'active'
  | 'scheduler'
  | 'runtime'
  | 'runner'
  | 'ffmpeg'
  | 'recordNow'
> & { repos: Pick<Repositories, 'streams' | 'write'> };

export interface StreamOperationDeps {
  /** `streams.probe` (tests replace the network and ffprobe). */
  probe: typeof probeStream;
}

const defaults: StreamOperationDeps = { probe: probeStream };

const notFound = (id: string): AppError => notFoundOf('Stream', id);

const findStream = (ctx: StreamOpsContext, id: string): Promise<StreamRecord> =>
  foundOr404(ctx.repos.streams.get(id), 'Stream', id);

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
  | 'silenceThresholdDb'
  | 'deadAirSeconds'
  | 'writeCueSheet'
  | 'podcast'
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
    silenceThresholdDb: input.silenceThresholdDb,
    deadAirSeconds: input.deadAirSeconds,
    writeCueSheet: input.writeCueSheet,
    podcast: { ...input.podcast },
  };
}

/** Inside a write: the destination a stream points at must exist. */
async function assertDestination(
  tx: ConfigTransaction,
  destinationId: string | null,
): Promise<void> {
  if (destinationId === null) return;
  if (!(await tx.destinations.exists(destinationId))) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The chosen destination does not exist (any more): choose another one.',
      { field: 'destinationId' },
    );
  }
}

const list = implement(
  listStreams,
  async (_input, ctx: StreamOpsContext): Promise<ListResult<StreamDto>> => {
    return listByName(await ctx.repos.streams.all(), toStreamDto);
  },
);

const get = implement(getStream, async (input, ctx: StreamOpsContext): Promise<StreamDto> => {
  return toStreamDto(await findStream(ctx, input.id));
});

const create = implement(createStream, async (input, ctx: StreamOpsContext): Promise<StreamDto> => {
  const now = iso(ctx.clock.now());
  const record: StreamRecord = {
    id: randomUUID(),
    ...streamFieldsOf(input),
    artworkFile: null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.repos.write(async (tx) => {
    await assertDestination(tx, record.destinationId);
    await tx.streams.insert(record);
  });
  ctx.logger.info(`Stream "${record.name}" created.`);
  return toStreamDto(record);
});

const update = implement(updateStream, async (input, ctx: StreamOpsContext): Promise<StreamDto> => {
  const fields = streamFieldsOf(input);
  const updated = await ctx.repos.write(async (tx) => {
    const current = await tx.streams.get(input.id);
    if (!current) throw notFound(input.id);
    await assertDestination(tx, fields.destinationId);
    const next: StreamRecord = { ...current, ...fields, updatedAt: iso(ctx.clock.now()) };
    await tx.streams.update(next);
    return next;
  });
  ctx.logger.info(`Stream "${updated.name}" updated.`);
  return toStreamDto(updated);
});

const remove = implement(deleteStream, async (input, ctx: StreamOpsContext): Promise<void> => {
  const active = new Set(ctx.active.ids());
  const removed = await ctx.repos.write(async (tx) => {
    const stream = await tx.streams.get(input.id);
    if (!stream) throw notFound(input.id);
    const found: StreamRemoval = { stream, ...(await tx.streams.dependents(stream.id)) };
    assertStreamDeletable(found, input.cascade, active);
    await tx.streams.removeWithDependents(stream.id, found);
    return found;
  });
  await removeStreamFiles(removed, ctx.settings, ctx.logger);
  for (const schedule of removed.schedules) await ctx.scheduler.reload(schedule.id);
  ctx.logger.info(removalMessage(removed));
});

const setArtwork = implement(
  setStreamArtwork,
  async (input, ctx: StreamOpsContext): Promise<{ artworkUrl: string }> => {
    const stream = await findStream(ctx, input.id);
    const bytes = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
    const jpeg = await normalizeArtwork(bytes);
    const path = await writeArtwork(ctx.settings.artworkDir, stream.id, jpeg);
    const previous = await ctx.repos.write(async (tx) => {
      const current = await tx.streams.get(stream.id);
      if (current) await tx.streams.setArtwork(stream.id, path, iso(ctx.clock.now()));
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
);

const getArtwork = implement(
  getStreamArtwork,
  async (input, ctx: StreamOpsContext): Promise<FileResult> => {
    const stream = await findStream(ctx, input.id);
    const file = stream.artworkFile;
    if (!file || !isInside(ctx.settings.artworkDir, file) || !existsSync(file)) {
      throw new AppError('NOT_FOUND', `Stream "${stream.name}" has no artwork.`, {
        field: 'id',
      });
    }
    return { filePath: file, contentType: 'image/jpeg' };
  },
);

const deleteArtwork = implement(
  deleteStreamArtwork,
  async (input, ctx: StreamOpsContext): Promise<void> => {
    const previous = await ctx.repos.write(async (tx) => {
      const current = await tx.streams.get(input.id);
      if (!current) throw notFound(input.id);
      if (current.artworkFile !== null) {
        await tx.streams.setArtwork(current.id, null, iso(ctx.clock.now()));
      }
      return current;
    });
    if (previous.artworkFile) {
      await removeArtworkFile(ctx.settings.artworkDir, previous.artworkFile);
      ctx.logger.info(`Artwork of stream "${previous.name}" removed.`);
    }
  },
);

const record = implement(
  recordStream,
  async (input, ctx: StreamOpsContext): Promise<SessionDto> => {
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
  },
);

/** The operations on streams: CRUD, artwork, probing a URL and recording now. */
export function createStreamOperations(overrides: Partial<StreamOperationDeps> = {}) {
  const deps: StreamOperationDeps = { ...defaults, ...overrides };
  const probe = implement(
    probeStreamSpec,
    async (input, ctx: StreamOpsContext): Promise<StreamProbeDto> => {
      return deps.probe(input.streamUrl, { runner: ctx.runner, ffprobePath: ctx.ffmpeg.ffprobe });
    },
  );
  return [list, get, create, update, remove, setArtwork, getArtwork, deleteArtwork, probe, record];
}

export const streamOperations = createStreamOperations();
