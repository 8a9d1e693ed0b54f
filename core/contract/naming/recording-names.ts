import { fileNameTokens, renderFileName } from './file-name';
import { computeTagValues, type TagValues } from './tag-values';

export interface RecordingNamesInput {
  streamName: string;
  artist: string;
  album: string;
  albumArtist: string;
  genre?: string | null;
  /** The stream's `outputFilenamePattern` (blank or null: `{date} {name}`). */
  outputFilenamePattern?: string | null;
  /** When the recording starts. */
  startTime: Date;
  /** IANA name the local date and time are read in. */
  timeZone: string;
}

export interface RecordingNames {
  tags: TagValues;
  /** The file name before a collision suffix (` (2)`, ...) is added: `<base>.mp3`. */
  fileName: string;
}

/**
 * The tags and the file name of a recording of a stream that starts at `startTime`: the
 * composition the pipeline uses when it finishes a session (the track number of the tags is the
 * `{track}` of the file name), and what the UI previews as the user types.
 */
export function recordingNames(input: RecordingNamesInput): RecordingNames {
  const tags = computeTagValues({
    streamName: input.streamName,
    artist: input.artist,
    album: input.album,
    albumArtist: input.albumArtist,
    genre: input.genre ?? undefined,
    startTime: input.startTime,
    timeZone: input.timeZone,
  });
  const fileName = renderFileName(
    input.outputFilenamePattern,
    fileNameTokens({
      streamName: input.streamName,
      artist: input.artist,
      album: input.album,
      trackNumber: tags.trackNumber,
      startTime: input.startTime,
      timeZone: input.timeZone,
    }),
  );
  return { tags, fileName };
}
