import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { appErrorCode } from '../../test-support/app-error-code';
import { MAX_ARTWORK_INPUT_BYTES, normalizeArtwork, sniffImageFormat } from './artwork';

function image(width: number, height: number, format: 'png' | 'webp' | 'jpeg' | 'gif' | 'tiff') {
  // a left-to-right split (red | blue) shows whether the crop is centred
  const left = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (x < width / 2) left[i] = 255;
      else left[i + 2] = 255;
    }
  return sharp(left, { raw: { width, height, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

describe('normalizeArtwork', () => {
  it('crops 3000x2000 PNG to a 1400 px square JPEG', async () => {
    const out = await normalizeArtwork(await image(3000, 2000, 'png'));
    const meta = await sharp(out).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([1400, 1400]);
    // centre crop of a red|blue split keeps both halves
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    expect(px(100, 700)[0]).toBeGreaterThan(200);
    expect(px(1300, 700)[2]).toBeGreaterThan(200);
  });

  it('never upscales: 300x200 WebP gives 200x200', async () => {
    const out = await normalizeArtwork(await image(300, 200, 'webp'));
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 200, 200]);
  });

  it('crops a portrait JPEG', async () => {
    const out = await normalizeArtwork(await image(500, 900, 'jpeg'));
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([500, 500]);
  });

  it('turns the image upright by its EXIF orientation first', async () => {
    // stored 400x200 with orientation 6 (rotate 90° clockwise): upright it is 200x400
    const stored = await sharp(await image(400, 200, 'png'))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);
    const out = await normalizeArtwork(stored);
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([200, 200]);
    expect(meta.orientation).toBeUndefined();
    // upright, the red half (stored on the left) is now on top
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect(data[(10 * info.width + 100) * 3]).toBeGreaterThan(200);
    expect(data[(190 * info.width + 100) * 3 + 2]).toBeGreaterThan(200);
  });

  it('strips EXIF, ICC and other metadata', async () => {
    const withMeta = await sharp(await image(600, 400, 'png'))
      .withExif({ IFD0: { Copyright: 'SECRET-COPYRIGHT', Artist: 'SECRET-ARTIST' } })
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    const inMeta = await sharp(withMeta).metadata();
    expect(inMeta.exif).toBeDefined();
    expect(inMeta.icc).toBeDefined();
    const out = await normalizeArtwork(withMeta);
    const meta = await sharp(out).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(out.includes('SECRET')).toBe(false);
    expect(out.includes('Exif')).toBe(false);
  });

  it('flattens transparency onto white', async () => {
    const transparent = await sharp({
      create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const out = await normalizeArtwork(transparent);
    const { data } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
  });

  it('refuses text, empty, truncated and garbage input with INVALID_IMAGE', async () => {
    expect(await appErrorCode(normalizeArtwork(Buffer.from('hello, this is not an image')))).toBe(
      'INVALID_IMAGE',
    );
    expect(await appErrorCode(normalizeArtwork(Buffer.alloc(0)))).toBe('INVALID_IMAGE');
    const jpeg = await image(800, 600, 'jpeg');
    expect(
      await appErrorCode(normalizeArtwork(jpeg.subarray(0, Math.floor(jpeg.length / 2)))),
    ).toBe('INVALID_IMAGE');
    expect(await appErrorCode(normalizeArtwork(jpeg.subarray(0, 20)))).toBe('INVALID_IMAGE');
    const png = await image(80, 60, 'png');
    expect(await appErrorCode(normalizeArtwork(png.subarray(0, png.length - 30)))).toBe(
      'INVALID_IMAGE',
    );
    // a JPEG signature on random bytes
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(500, 7)]);
    expect(await appErrorCode(normalizeArtwork(fake))).toBe('INVALID_IMAGE');
  });

  it('refuses other image formats with UNSUPPORTED_MEDIA_TYPE', async () => {
    expect(await appErrorCode(normalizeArtwork(await image(40, 40, 'gif')))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await appErrorCode(normalizeArtwork(await image(40, 40, 'tiff')))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
    );
    expect(await appErrorCode(normalizeArtwork(svg))).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses more than 10 MB with PAYLOAD_TOO_LARGE', async () => {
    const big = Buffer.alloc(MAX_ARTWORK_INPUT_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(await appErrorCode(normalizeArtwork(big))).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('sniffImageFormat', () => {
  it('knows the accepted signatures', async () => {
    expect(sniffImageFormat(await image(4, 4, 'jpeg'))).toBe('jpeg');
    expect(sniffImageFormat(await image(4, 4, 'png'))).toBe('png');
    expect(sniffImageFormat(await image(4, 4, 'webp'))).toBe('webp');
    expect(sniffImageFormat(Buffer.from('plain'))).toBe('unknown');
  });
});
