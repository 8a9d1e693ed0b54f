import NodeID3 from 'node-id3';
import { AppError } from '../../contract';
import type { TagValues } from '../../contract/naming/tag-values';
import type { Chapter } from './chapters';

/** APIC picture type 3: front cover. */
const FRONT_COVER = 3;

/**
 * The node-id3 frames of a recording: TIT2 title, TRCK track, TPE1 artist, TALB album,
 * TPE2 album artist, TCON genre, TYER year + TDAT day/month (ID3v2.3's way to store a date; ffprobe
 * shows them merged as `date=YYYY-MM-DD`, mutagen upgrades them to TDRC), and APIC front cover.
 * With chapters: one top-level, ordered CTOC listing one CHAP per chapter (its title as TIT2).
 * Empty values are left out.
 */
export function id3Frames(
  tags: TagValues,
  artworkJpeg?: Buffer,
  chapters: readonly Chapter[] = [],
): NodeID3.Tags {
  const frames: NodeID3.Tags = { title: tags.title, trackNumber: String(tags.trackNumber) };
  if (tags.artist) frames.artist = tags.artist;
  if (tags.album) frames.album = tags.album;
  if (tags.albumArtist) frames.performerInfo = tags.albumArtist;
  if (tags.genre) frames.genre = tags.genre;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(tags.date);
  if (date) {
    frames.year = date[1];
    frames.date = `${date[3]}${date[2]}`;
  } else if (/^\d{4}$/.test(tags.year)) {
    frames.year = tags.year;
  }
  if (artworkJpeg && artworkJpeg.length > 0) {
    frames.image = {
      mime: 'image/jpeg',
      type: { id: FRONT_COVER },
      description: 'Cover',
      imageBuffer: artworkJpeg,
    };
  }
  if (chapters.length > 0) addChapters(frames, chapters);
  return frames;
}

/** CHAP frames (ids ch1, ch2, …) and the CTOC that lists them in order (node-id3 marks it top-level). */
function addChapters(frames: NodeID3.Tags, chapters: readonly Chapter[]): void {
  const ids = chapters.map((_, i) => `ch${i + 1}`);
  frames.chapter = chapters.map((c, i) => ({
    elementID: ids[i]!,
    startTimeMs: c.startMs,
    endTimeMs: c.endMs,
    tags: { title: c.title },
  }));
  frames.tableOfContents = [{ elementID: 'toc', isOrdered: true, elements: ids }];
}

/** The complete ID3v2.3 tag (header and frames) to put in front of the MP3 audio. */
export function buildId3Tag(
  tags: TagValues,
  artworkJpeg?: Buffer,
  chapters: readonly Chapter[] = [],
): Buffer {
  const tag = NodeID3.create(id3Frames(tags, artworkJpeg, chapters));
  if (!Buffer.isBuffer(tag) || tag.length < 10 || tag.toString('latin1', 0, 3) !== 'ID3') {
    throw new AppError('INTERNAL', 'The ID3 tag could not be built.');
  }
  return tag;
}
