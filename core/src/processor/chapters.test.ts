import { describe, expect, it } from 'vitest';
import { chaptersOf, fileOffsetMs, MAX_CHAPTERS, plainTitle } from './chapters';

const start = '2026-12-02T20:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(start) + seconds * 1000).toISOString();

describe('plainTitle', () => {
  it('removes control characters and keeps markup as text', () => {
    expect(plainTitle('  A\u0000B\tC\r\nD\u007f E  ')).toBe('A B C D E');
    expect(plainTitle('<b>Björk</b> – "Jóga"')).toBe('<b>Björk</b> – "Jóga"');
  });
});

describe('fileOffsetMs', () => {
  it('leaves out the gaps before the time, and puts a time inside a gap at the gap', () => {
    const wall = Date.parse(start);
    const gaps = [{ at: at(10), seconds: 5 }];
    expect(fileOffsetMs(wall + 8_000, wall, gaps)).toBe(8_000);
    expect(fileOffsetMs(wall + 12_000, wall, gaps)).toBe(10_000);
    expect(fileOffsetMs(wall + 20_000, wall, gaps)).toBe(15_000);
    expect(fileOffsetMs(wall - 3_000, wall, gaps)).toBe(0);
  });
});

describe('chaptersOf', () => {
  it('makes one chapter per title, ending where the next starts or the file ends', () => {
    const chapters = chaptersOf(
      [
        { at: at(-30), title: 'Before the window' },
        { at: at(-5), title: 'Playing at the start' },
        { at: at(61.5), title: 'Second' },
        { at: at(61.5), title: 'Second' },
        { at: at(90), title: 'Third\u0007' },
        { at: at(4000), title: 'After the end' },
      ],
      start,
      120_000,
    );
    expect(chapters).toEqual([
      { title: 'Playing at the start', startMs: 0, endMs: 61_500 },
      { title: 'Second', startMs: 61_500, endMs: 90_000 },
      { title: 'Third', startMs: 90_000, endMs: 120_000 },
    ]);
  });

  it('sorts by time, drops empty titles and repeats, and places titles after gaps', () => {
    const chapters = chaptersOf(
      [
        { at: at(50), title: 'B' },
        { at: at(10), title: 'A' },
        { at: at(30), title: ' \u0001 ' },
        { at: at(40), title: 'A' },
      ],
      start,
      100_000,
      [{ at: at(20), seconds: 10 }],
    );
    expect(chapters).toEqual([
      { title: 'A', startMs: 10_000, endMs: 40_000 },
      { title: 'B', startMs: 40_000, endMs: 100_000 },
    ]);
  });

  it('gives nothing for an empty file or a bad start, and at most 255 chapters', () => {
    expect(chaptersOf([{ at: at(1), title: 'A' }], start, 0)).toEqual([]);
    expect(chaptersOf([{ at: at(1), title: 'A' }], 'never', 5000)).toEqual([]);
    const many = Array.from({ length: 300 }, (_, i) => ({ at: at(i), title: `T${i}` }));
    const chapters = chaptersOf(many, start, 1_000_000);
    expect(chapters).toHaveLength(MAX_CHAPTERS);
    expect(chapters.at(-1)).toEqual({ title: 'T254', startMs: 254_000, endMs: 1_000_000 });
  });
});
