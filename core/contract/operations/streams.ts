import { z } from 'zod';
import { noAnswer, operationAt, resourceOperations } from '../operation';
import { deadAirSecondsField, silenceThresholdDbField } from '../dead-air';
import { fileNamePatternProblem } from '../naming/file-name';
import { podcastDtoSchema, podcastField } from '../podcast';
import { sessionDtoSchema } from '../session';
import {
  idInput,
  idSchema,
  networkUrl,
  optionalText,
  queryFlag,
  requiredText,
  fileAnswer,
  instant,
  pickKeys,
} from './common';

/** The bit rates of MPEG-1 Layer III, kb/s: what `mp3BitrateKbps` may be. */
export const MP3_BITRATES = [
  32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
] as const;
export const DEFAULT_MP3_BITRATE = 192;
/** At most this many fallback URLs per stream. */
export const MAX_FALLBACK_URLS = 10;
/** A manual recording lasts 1 s to 24 h. */
export const MAX_RECORD_SECONDS = 86_400;
/** The largest artwork upload (contract: at most 10 MB). */
export const ARTWORK_MAX_BYTES = 10 * 1024 * 1024;
export const ARTWORK_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

const streamFields = {
  name: requiredText(200),
  streamUrl: networkUrl,
  fallbackUrls: z
    .array(networkUrl, { error: 'must be a list of URLs' })
    .max(MAX_FALLBACK_URLS, `must hold at most ${MAX_FALLBACK_URLS} URLs`)
    .default([]),
  artist: requiredText(200),
  album: requiredText(200),
  albumArtist: requiredText(200),
  genre: optionalText(100),
  /**
   * Tokens `{name} {date} {time} {datetime} {track} {artist} {album}`; blank: `{date} {name}`.
   * An unknown token (`{nmae}`) is refused with the list of known ones.
   */
  outputFilenamePattern: optionalText(200).superRefine((value, ctx) => {
    const problem = fileNamePatternProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** Where recordings are delivered; none: kept locally (transfer SKIPPED). */
  destinationId: idSchema.nullish().transform((value) => value ?? null),
  mp3BitrateKbps: z
    .number({ error: 'must be a number' })
    .refine((value) => (MP3_BITRATES as readonly number[]).includes(value), {
      message: `must be one of ${MP3_BITRATES.join(', ')}`,
    })
    .default(DEFAULT_MP3_BITRATE),
  /** Audio below this level (whole dBFS, -90..-10) is silence; default -50. */
  silenceThresholdDb: silenceThresholdDbField,
  /** A silence this long (whole seconds, 0..3600) is dead air; 0 turns detection off; default 60. */
  deadAirSeconds: deadAirSecondsField,
  /** Also deliver a `.cue` sheet of the station's titles beside the MP3; default false. */
  writeCueSheet: z.boolean({ error: 'must be true or false' }).default(false),
  /** The stream's podcast feed (issue 14); omitted or null: no feed. */
  podcast: podcastField,
};

/** The names of a stream's settings: what create and update take besides the id. */
export type StreamSettingKey = keyof typeof streamFields;
export const STREAM_SETTING_KEYS = Object.keys(streamFields) as StreamSettingKey[];

/** A stream's settings alone (no id, artwork or times): of a stored row or a backup's entry. */
export function streamSettingsOf<T extends Partial<Record<StreamSettingKey, unknown>>>(
  stream: T,
): Pick<T, StreamSettingKey & keyof T> {
  return pickKeys(stream, STREAM_SETTING_KEYS);
}

/** `POST /api/streams`. */
export const createStreamInput = z.object(streamFields);
/** `PUT /api/streams/:id`: the whole stream again; omitted optional fields become empty. */
export const updateStreamInput = z.object({ id: idSchema, ...streamFields });

export type CreateStreamInput = z.input<typeof createStreamInput>;
export type UpdateStreamInput = z.input<typeof updateStreamInput>;

export const streamDtoSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  streamUrl: z.string(),
  fallbackUrls: z.array(z.string()),
  artist: z.string(),
  album: z.string(),
  albumArtist: z.string(),
  genre: z.string().nullable(),
  outputFilenamePattern: z.string().nullable(),
  destinationId: z.string().nullable(),
  mp3BitrateKbps: z.number().int(),
  silenceThresholdDb: z.number().int(),
  deadAirSeconds: z.number().int().nonnegative(),
  writeCueSheet: z.boolean(),
  podcast: podcastDtoSchema,
  /** `/api/streams/<id>/artwork`, or null when the stream has no artwork. */
  artworkUrl: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type StreamDto = z.output<typeof streamDtoSchema>;

/** The answer of `POST /api/streams/probe`. */
export const streamProbeDtoSchema = z.strictObject({
  ok: z.boolean(),
  codec: z.string().nullable(),
  bitrateKbps: z.number().nullable(),
  sampleRate: z.number().nullable(),
  channels: z.number().nullable(),
  /** The station's name (icy-name), when it sends one. */
  name: z.string().optional(),
  /** Why the stream could not be read (ok = false). */
  error: z.string().optional(),
});
export type StreamProbeDto = z.output<typeof streamProbeDtoSchema>;

/** The answer of `PUT /api/streams/:id/artwork`. */
export const artworkDtoSchema = z.strictObject({ artworkUrl: z.string() });

/** Where a stream's artwork is served. */
export function artworkUrlOf(streamId: string): string {
  return `/api/streams/${encodeURIComponent(streamId)}/artwork`;
}

const streamsOperations = resourceOperations('streams', '/api/streams', streamDtoSchema, {
  list: { input: z.object({}), summary: 'Lists the streams, by name.' },
  get: { input: idInput, summary: 'One stream.' },
  create: {
    input: createStreamInput,
    summary: 'Creates a stream (network URLs only; destinationId must exist).',
  },
  update: {
    input: updateStreamInput,
    summary: 'Replaces a stream; its artwork is kept (see PUT/DELETE /api/streams/:id/artwork).',
  },
  delete: {
    input: z.object({ id: idSchema, cascade: queryFlag }),
    summary:
      'Deletes a stream and its artwork. Refused (409) while it has schedules or sessions, unless ?cascade=true: then its schedules and sessions (with their local files) go too. Refused while one of its sessions records, processes or transfers.',
  },
});
export const {
  list: listStreams,
  get: getStream,
  create: createStream,
  update: updateStream,
  delete: deleteStream,
} = streamsOperations;

export const setStreamArtwork = operationAt('PUT /api/streams/:id/artwork', 'streams.setArtwork', {
  input: z.object({
    id: idSchema,
    body: z.instanceof(Uint8Array, { error: 'must be the image bytes' }),
  }),
  output: artworkDtoSchema,
  http: { rawBody: { maxBytes: ARTWORK_MAX_BYTES, contentTypes: ARTWORK_CONTENT_TYPES } },
  summary:
    'Sets the artwork from a JPEG, PNG or WebP image (at most 10 MB), stored as a square JPEG of at most 1400 px; answers {artworkUrl}.',
});

export const getStreamArtwork = operationAt('GET /api/streams/:id/artwork', 'streams.getArtwork', {
  input: idInput,
  output: fileAnswer,
  summary:
    'The stored artwork (image/jpeg). Like every file-returning operation it answers {filePath, contentType}, which the HTTP host streams.',
});

export const deleteStreamArtwork = operationAt(
  'DELETE /api/streams/:id/artwork',
  'streams.deleteArtwork',
  {
    input: idInput,
    output: noAnswer,
    http: { status: 204 },
    summary: 'Removes the artwork of a stream (nothing to remove is fine).',
  },
);

export const probeStream = operationAt('POST /api/streams/probe', 'streams.probe', {
  input: z.object({ streamUrl: networkUrl }),
  output: streamProbeDtoSchema,
  summary:
    'Reads codec, bit rate, sample rate, channels and station name of a stream URL within about 10 s.',
});

export const recordStream = operationAt('POST /api/streams/:id/record', 'streams.record', {
  input: z.object({
    id: idSchema,
    durationSeconds: z
      .number({ error: 'must be a number of seconds' })
      .int(`must be a whole number from 1 to ${MAX_RECORD_SECONDS}`)
      .min(1, `must be a whole number from 1 to ${MAX_RECORD_SECONDS}`)
      .max(MAX_RECORD_SECONDS, `must be a whole number from 1 to ${MAX_RECORD_SECONDS}`),
  }),
  output: sessionDtoSchema,
  http: { status: 202 },
  summary:
    'Records the stream now for durationSeconds; answers the new session at once (202) while it records.',
});

export const streamOperationSpecs = [
  listStreams,
  getStream,
  createStream,
  updateStream,
  deleteStream,
  setStreamArtwork,
  getStreamArtwork,
  deleteStreamArtwork,
  probeStream,
  recordStream,
] as const;
