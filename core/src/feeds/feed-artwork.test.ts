import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import { FEED_COVER_PX, FeedCovers } from './feed-artwork';

let dir: string;
tempDirEachTest('feed-cover-', (d) => (dir = d));

describe('FeedCovers', () => {
  it('makes the stored artwork a square JPEG of 1400 px, sees a new upload, and has a plain cover without artwork', async () => {
    const file = join(dir, 'stream-1.jpg');
    await writeFile(
      file,
      await sharp({ create: { width: 600, height: 600, channels: 3, background: '#c03030' } })
        .jpeg()
        .toBuffer(),
    );
    const covers = new FeedCovers();
    const first = await covers.cover('stream-1', file);
    const meta = await sharp(first).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', FEED_COVER_PX, FEED_COVER_PX]);
    expect(FEED_COVER_PX).toBeGreaterThanOrEqual(1400);
    const { dominant } = await sharp(first).stats();
    expect(dominant.r).toBeGreaterThan(150);
    expect(await covers.cover('stream-1', file)).toBe(first); // made once

    await writeFile(
      file,
      await sharp({ create: { width: 300, height: 300, channels: 3, background: '#3030c0' } })
        .jpeg()
        .toBuffer(),
    );
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const second = await covers.cover('stream-1', file);
    expect((await sharp(second).stats()).dominant.b).toBeGreaterThan(150);

    const plain = await sharp(await covers.cover('none', null)).metadata();
    expect([plain.format, plain.width, plain.height]).toEqual(['jpeg', 1400, 1400]);
  });
});
