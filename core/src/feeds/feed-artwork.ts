import { stat } from 'node:fs/promises';
import sharp from 'sharp';

/** Apple's smallest cover: a square of at least 1400 px (and at most 3000). */
export const FEED_COVER_PX = 1400;

/**
 * The cover of a feed: the stream's stored artwork (a square JPEG of at most 1400 px) made a
 * square JPEG of exactly 1400 px with sharp, or without artwork a plain square of that size.
 * Kept in memory per source file and its modification time, so a new upload is seen at once.
 */
export class FeedCovers {
  private readonly made = new Map<string, { stamp: string; jpeg: Promise<Buffer> }>();

  async cover(key: string, artworkFile: string | null): Promise<Buffer> {
    const stamp = artworkFile ? await stampOf(artworkFile) : 'none';
    const source = stamp === 'none' ? null : artworkFile;
    const known = this.made.get(key);
    if (known && known.stamp === stamp) return known.jpeg;
    const jpeg = makeCover(source);
    this.made.set(key, { stamp, jpeg });
    jpeg.catch(() => this.made.delete(key));
    return jpeg;
  }
}

async function stampOf(file: string): Promise<string> {
  try {
    const s = await stat(file);
    return `${file}:${s.mtimeMs}:${s.size}`;
  } catch {
    return 'none';
  }
}

/** A square JPEG of FEED_COVER_PX from `file` (null: a plain one). */
export function makeCover(file: string | null): Promise<Buffer> {
  const size = FEED_COVER_PX;
  const image = file
    ? sharp(file).rotate().resize(size, size, { fit: 'cover' })
    : sharp({ create: { width: size, height: size, channels: 3, background: '#24324a' } });
  return image.flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer();
}
