import NodeID3 from 'node-id3';
import { AppError } from '../../contract';
import type { TagValues } from '../../contract/naming/tag-values';

/** APIC picture type 3: front cover. */
const FRONT_COVER = 3;

/**
 * The node-id3 frames of a recording: TIT2 title, TRCK track, TPE1 artist, TALB album,
 * TPE2 album artist, TCON genre, TYER year + TDAT day/month (ID3v2.3's way to store a date; ffprobe
 * shows them merged as `date=YYYY-MM-DD`, mutagen upgrades them to TDRC), and APIC front cover.
 * Empty values are left out.
 */
export function id3Frames(tags: TagValues, artworkJpeg?: Buffer): NodeID3.Tags {
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
  return frames;
}

/** The complete ID3v2.3 tag (header and frames) to put in front of the MP3 audio. */
export function buildId3Tag(tags: TagValues, artworkJpeg?: Buffer): Buffer {
  const tag = NodeID3.create(id3Frames(tags, artworkJpeg));
  if (!Buffer.isBuffer(tag) || tag.length < 10 || tag.toString('latin1', 0, 3) !== 'ID3') {
    throw new AppError('INTERNAL', 'The ID3 tag could not be built.');
  }
  return tag;
}
