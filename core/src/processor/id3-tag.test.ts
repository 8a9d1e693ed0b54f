import NodeID3 from 'node-id3';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildId3Tag } from './id3-tag';
import type { TagValues } from '../../contract/naming/tag-values';

const tags: TagValues = {
  title: '2026-11-24 Morgenmagazin – Ü',
  trackNumber: 2519,
  date: '2026-11-24',
  year: '2026',
  artist: 'Radio X',
  album: 'Morgenmagazin',
  albumArtist: 'Radio X Network',
  genre: 'Talk',
};

describe('buildId3Tag', () => {
  it('writes every frame, readable back with node-id3', async () => {
    const cover = await sharp({
      create: { width: 64, height: 64, channels: 3, background: '#336699' },
    })
      .jpeg()
      .toBuffer();
    const tag = buildId3Tag(tags, cover);
    expect(tag.toString('latin1', 0, 3)).toBe('ID3');
    expect(tag[3]).toBe(3); // ID3v2.3
    const read = NodeID3.read(tag);
    expect(read.title).toBe(tags.title);
    expect(read.trackNumber).toBe('2519');
    expect(read.artist).toBe('Radio X');
    expect(read.album).toBe('Morgenmagazin');
    expect(read.performerInfo).toBe('Radio X Network');
    expect(read.genre).toBe('Talk');
    expect(read.year).toBe('2026');
    expect(read.date).toBe('2411');
    const raw = read.raw as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(
      ['APIC', 'TALB', 'TCON', 'TDAT', 'TIT2', 'TPE1', 'TPE2', 'TRCK', 'TYER'].sort(),
    );
    const image = read.image;
    expect(typeof image).toBe('object');
    if (typeof image !== 'object' || !image) throw new Error('no image');
    expect(image.mime).toBe('image/jpeg');
    expect(image.type.id).toBe(3);
    expect(image.imageBuffer.equals(cover)).toBe(true);
  });

  it('leaves out the cover and empty values', () => {
    const tag = buildId3Tag({ ...tags, genre: undefined, albumArtist: '' });
    const read = NodeID3.read(tag);
    const raw = read.raw as Record<string, unknown>;
    expect(raw.APIC).toBeUndefined();
    expect(raw.TCON).toBeUndefined();
    expect(raw.TPE2).toBeUndefined();
    expect(read.title).toBe(tags.title);
  });
});

describe('buildId3Tag with chapters', () => {
  it('writes a top-level ordered CTOC and one CHAP per chapter', () => {
    const chapters = [
      { title: 'Björk – "Jóga"', startMs: 0, endMs: 61_500 },
      { title: '<i>Second</i>', startMs: 61_500, endMs: 120_000 },
    ];
    const tag = buildId3Tag(tags, undefined, chapters);
    const read = NodeID3.read(tag);
    expect(read.title).toBe(tags.title);
    expect(read.tableOfContents).toEqual([
      expect.objectContaining({ elementID: 'toc', isOrdered: true, elements: ['ch1', 'ch2'] }),
    ]);
    expect(
      read.chapter?.map((c) => [c.elementID, c.startTimeMs, c.endTimeMs, c.tags?.title]),
    ).toEqual([
      ['ch1', 0, 61_500, 'Björk – "Jóga"'],
      ['ch2', 61_500, 120_000, '<i>Second</i>'],
    ]);
    // the CTOC flags byte: top-level (2) + ordered (1)
    const ctoc = tag.indexOf('CTOC');
    expect(tag[ctoc + 10 + 'toc\0'.length]).toBe(3);
  });

  it('writes no CTOC without chapters', () => {
    expect(buildId3Tag(tags).includes('CTOC')).toBe(false);
  });
});
