import { formatLocalDate, localDateTime } from './local-time';

export interface TagInput {
  streamName: string;
  artist: string;
  album: string;
  albumArtist: string;
  genre?: string | null;
  /** When the recording started (the instant; its local date is taken in `timeZone`). */
  startTime: Date;
  /** IANA name: the schedule's time zone, or the app's for manual runs. */
  timeZone: string;
}

/** What goes into the ID3 tag (contract: "Tags"). */
export interface TagValues {
  /** `YYYY-MM-DD <stream name>`. */
  title: string;
  /** Whole days from 2020-01-01 to the local date (2020-01-01 is 0). */
  trackNumber: number;
  /** `YYYY-MM-DD`, the local calendar date on which the recording started. */
  date: string;
  /** `YYYY`. */
  year: string;
  artist: string;
  album: string;
  albumArtist: string;
  genre?: string;
}

const DAY_MS = 86_400_000;
const EPOCH_UTC = Date.UTC(2020, 0, 1);

/** Whole days from 2020-01-01 to the given calendar date (negative before 2020). */
export function daysSince2020(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH_UTC) / DAY_MS);
}

/**
 * The tag values of a recording. The date is the local calendar date in `timeZone` on which the
 * recording started; the track number counts days from 2020-01-01 (dates before 2020, which only
 * a wrong clock produces, give 0 rather than a negative track). An unknown time zone throws
 * AppError VALIDATION_FAILED with field `timezone`.
 */
export function computeTagValues(input: TagInput): TagValues {
  const local = localDateTime(input.startTime, input.timeZone);
  const date = formatLocalDate(local);
  const name = input.streamName.trim();
  const values: TagValues = {
    title: name ? `${date} ${name}` : date,
    trackNumber: Math.max(0, daysSince2020(local.year, local.month, local.day)),
    date,
    year: date.slice(0, 4),
    artist: input.artist,
    album: input.album,
    albumArtist: input.albumArtist,
  };
  const genre = input.genre?.trim();
  if (genre) values.genre = genre;
  return values;
}
