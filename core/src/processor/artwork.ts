import sharp from 'sharp';
import { AppError, isAppError } from '../../contract';

/** The largest artwork upload accepted (contract: at most 10 MB). */
export const MAX_ARTWORK_INPUT_BYTES = 10 * 1024 * 1024;
/** Side of the stored square cover, at most (contract: at most 1400 px). */
export const MAX_ARTWORK_SIDE = 1400;
/** Decoded pixels accepted (a guard against decompression bombs; 100 MP covers any photo). */
export const MAX_ARTWORK_PIXELS = 100_000_000;

export type ArtworkFormat = 'jpeg' | 'png' | 'webp';

/**
 * The image format from the first bytes: JPEG, PNG and WebP are accepted; other recognisable
 * images (GIF, TIFF, BMP, SVG, HEIF/AVIF, ICO) are `unsupported`; anything else is `unknown`.
 */
export function sniffImageFormat(bytes: Buffer): ArtworkFormat | 'unsupported' | 'unknown' {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')))
    return 'png';
  if (
    b.length >= 12 &&
    b.toString('latin1', 0, 4) === 'RIFF' &&
    b.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'webp';
  const head = b.toString('latin1', 0, Math.min(b.length, 512));
  if (
    head.startsWith('GIF8') ||
    head.startsWith('II*\0') ||
    head.startsWith('MM\0*') ||
    head.startsWith('BM') ||
    head.startsWith('\0\0\x01\0') ||
    head.slice(4, 8) === 'ftyp' ||
    /<svg[\s>]/i.test(head)
  )
    return 'unsupported';
  return 'unknown';
}

/**
 * The cover as stored and embedded: a square JPEG (quality 90, baseline) of at most 1400 px,
 * centre-cropped, turned upright by its EXIF orientation, transparency flattened onto white, sRGB,
 * and with no metadata left (no EXIF, XMP, IPTC or ICC profile). Never upscales.
 *
 * Refuses with AppError: empty, undecodable or truncated input → INVALID_IMAGE; a recognisable
 * image in another format (GIF, TIFF, SVG, ...) → UNSUPPORTED_MEDIA_TYPE; more than 10 MB →
 * PAYLOAD_TOO_LARGE.
 */
export async function normalizeArtwork(input: Buffer): Promise<Buffer> {
  if (!Buffer.isBuffer(input) || input.length === 0) {
    throw new AppError('INVALID_IMAGE', 'The artwork is empty: upload a JPEG, PNG or WebP image.');
  }
  if (input.length > MAX_ARTWORK_INPUT_BYTES) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The artwork is larger than ${MAX_ARTWORK_INPUT_BYTES / 1024 / 1024} MB: upload a smaller image.`,
    );
  }
  const sniffed = sniffImageFormat(input);
  if (sniffed === 'unsupported') {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'This image format is not supported for artwork: upload a JPEG, PNG or WebP image.',
    );
  }
  if (sniffed === 'unknown') {
    throw new AppError('INVALID_IMAGE', 'The artwork is not an image: upload a JPEG, PNG or WebP.');
  }

  try {
    const open = () =>
      sharp(input, { failOn: 'warning', limitInputPixels: MAX_ARTWORK_PIXELS, pages: 1 });
    const meta = await open().metadata();
    if (meta.format !== sniffed) {
      throw new AppError('INVALID_IMAGE', 'The artwork could not be decoded as JPEG, PNG or WebP.');
    }
    const swap = (meta.orientation ?? 1) >= 5;
    const width = swap ? meta.height : meta.width;
    const height = swap ? meta.width : meta.height;
    if (!width || !height) {
      throw new AppError('INVALID_IMAGE', 'The artwork has no size: upload another image.');
    }
    const side = Math.min(width, height, MAX_ARTWORK_SIDE);
    const out = await open()
      .rotate()
      .resize({ width: side, height: side, fit: 'cover', position: 'centre' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: 90, mozjpeg: false, progressive: false })
      .toBuffer();
    return out;
  } catch (err) {
    if (isAppError(err)) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new AppError(
      'INVALID_IMAGE',
      `The artwork could not be decoded (${detail.split('\n')[0]}): upload an intact JPEG, PNG or WebP.`,
      { cause: err },
    );
  }
}

/**
 * Checks that `bytes` is a cover as normalizeArtwork stores it, e.g. one read back from a backup:
 * a JPEG of at most MAX_ARTWORK_SIDE px a side that decodes whole (a cut-off or damaged one is
 * refused). Decoding runs in sharp's threads. Refuses with INVALID_IMAGE.
 */
export async function assertStoredArtwork(bytes: Buffer): Promise<void> {
  try {
    const image = sharp(bytes, { failOn: 'warning', limitInputPixels: MAX_ARTWORK_PIXELS });
    const meta = await image.metadata();
    if (meta.format !== 'jpeg') throw new Error(`it is ${meta.format ?? 'not an image'}`);
    if ((meta.width ?? 0) > MAX_ARTWORK_SIDE || (meta.height ?? 0) > MAX_ARTWORK_SIDE) {
      throw new Error(
        `it is ${meta.width}×${meta.height} px, larger than a stored cover (${MAX_ARTWORK_SIDE} px)`,
      );
    }
    await image.raw().toBuffer();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError('INVALID_IMAGE', `The artwork is not a stored cover (${detail}).`, {
      cause: error,
    });
  }
}
