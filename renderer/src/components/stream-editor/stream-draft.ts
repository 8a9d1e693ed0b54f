import { DEFAULT_DEAD_AIR_SECONDS, DEFAULT_SILENCE_THRESHOLD_DB } from '@contract/dead-air';
import { issueMessage, refusalMessage, type FieldWords } from '@contract/field-messages';
import { NO_PODCAST, type Podcast } from '@contract/podcast';
import {
  createStreamInput,
  DEFAULT_MP3_BITRATE,
  type CreateStreamInput,
  type StreamDto,
} from '@contract/operations';

/** What the stream form edits: the text of every field as typed (nothing trimmed or dropped). */
export interface StreamDraft {
  name: string;
  streamUrl: string;
  fallbackUrls: string[];
  artist: string;
  album: string;
  albumArtist: string;
  genre: string;
  outputFilenamePattern: string;
  destinationId: string | null;
  mp3BitrateKbps: number;
  /** null while the number field is empty (the schema then says what it needs). */
  silenceThresholdDb: number | null;
  deadAirSeconds: number | null;
  /** Kept as loaded, so that saving the form does not switch a stream's cue sheet off. */
  writeCueSheet: boolean;
  /** The podcast feed's settings (text fields as typed; blank: taken from the stream). */
  podcast: PodcastDraft;
}

/** The podcast section of the form: null text fields are shown as blank. */
export type PodcastDraft = Omit<Podcast, 'keepEpisodes'> & { keepEpisodes: number | null };

/** The fields of the form, as the contract names them (server errors name them so too). */
export type StreamField = keyof StreamDraft;

/** Field name → what is wrong with it (`fallbackUrls.1` for one fallback URL). */
export type FieldErrors = Record<string, string>;

export function emptyDraft(): StreamDraft {
  return {
    name: '',
    streamUrl: '',
    fallbackUrls: [],
    artist: '',
    album: '',
    albumArtist: '',
    genre: '',
    outputFilenamePattern: '',
    destinationId: null,
    mp3BitrateKbps: DEFAULT_MP3_BITRATE,
    silenceThresholdDb: DEFAULT_SILENCE_THRESHOLD_DB,
    deadAirSeconds: DEFAULT_DEAD_AIR_SECONDS,
    writeCueSheet: false,
    podcast: { ...NO_PODCAST },
  };
}

/** The fields a stream, its draft and its input hold alike. */
type AlikeFields = Pick<
  StreamDraft,
  | 'name'
  | 'streamUrl'
  | 'fallbackUrls'
  | 'artist'
  | 'album'
  | 'albumArtist'
  | 'destinationId'
  | 'mp3BitrateKbps'
  | 'writeCueSheet'
>;

/** The fields that go from a stream to its draft, and from the draft to the input, as they are. */
function alikeFields(from: AlikeFields): AlikeFields {
  return {
    name: from.name,
    streamUrl: from.streamUrl,
    fallbackUrls: [...from.fallbackUrls],
    artist: from.artist,
    album: from.album,
    albumArtist: from.albumArtist,
    destinationId: from.destinationId,
    mp3BitrateKbps: from.mp3BitrateKbps,
    writeCueSheet: from.writeCueSheet,
  };
}

export function draftFromStream(stream: StreamDto): StreamDraft {
  return {
    ...alikeFields(stream),
    genre: stream.genre ?? '',
    outputFilenamePattern: stream.outputFilenamePattern ?? '',
    silenceThresholdDb: stream.silenceThresholdDb,
    deadAirSeconds: stream.deadAirSeconds,
    podcast: { ...stream.podcast, category: stream.podcast.category as Podcast['category'] },
  };
}

/** The input of `streams.create` (and, with the id, `streams.update`): the schema trims. */
export function toInput(draft: StreamDraft): CreateStreamInput {
  return {
    ...alikeFields(draft),
    genre: draft.genre,
    outputFilenamePattern: draft.outputFilenamePattern,
    // an empty number field is sent as null: refused with the field's own message
    silenceThresholdDb: draft.silenceThresholdDb as number,
    deadAirSeconds: draft.deadAirSeconds as number,
    podcast: { ...draft.podcast, keepEpisodes: draft.podcast.keepEpisodes as number },
  };
}

/** How the form names its fields in its messages ("Enter a name."), by field or sub-key. */
export const STREAM_FIELD_WORDS: Readonly<Record<string, FieldWords>> = {
  name: { enter: 'a name' },
  streamUrl: { enter: 'the stream URL', subject: 'This' },
  fallbackUrls: { enter: 'the URL or remove it', subject: 'This' },
  artist: { enter: 'the artist' },
  album: { enter: 'the album' },
  albumArtist: { enter: 'the album artist' },
  outputFilenamePattern: { subject: 'The pattern' },
  silenceThresholdDb: { enter: 'a level in dB' },
  deadAirSeconds: { enter: 'a number of seconds (0: off)' },
  'podcast.keepEpisodes': { enter: 'how many episodes to keep' },
};

/** The words of `key` (`fallbackUrls.1` speaks as `fallbackUrls`). */
function wordsOf(key: string): FieldWords {
  return STREAM_FIELD_WORDS[key] ?? STREAM_FIELD_WORDS[key.replace(/\.\d+$/, '')] ?? {};
}

/**
 * The draft checked with the contract's own schema: what the server would refuse, by field, in
 * the forms' one voice (`@contract/field-messages`).
 */
export function validateDraft(draft: StreamDraft): FieldErrors {
  const result = createStreamInput.safeParse(toInput(draft), { reportInput: true });
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (field && !(field in errors)) errors[field] = issueMessage(issue, wordsOf(field));
  }
  return errors;
}

/**
 * The message of a server error for its field: the server's validation messages start with
 * the field's name (`streamUrl: needs a scheme`), which the form already shows as the label.
 */
export function fieldMessage(field: string, message: string): string {
  return refusalMessage(field, message, wordsOf(field).subject);
}
