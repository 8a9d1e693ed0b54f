import { describe, expect, it } from 'vitest';
import { plainTitle, tracklistOf } from './tracklist';

describe('plainTitle', () => {
  it('removes control characters and keeps markup as text', () => {
    expect(plainTitle('  A\u0000B\tC\r\nD\u007f E  ')).toBe('A B C D E');
    expect(plainTitle('<b>Björk</b> – "Jóga"')).toBe('<b>Björk</b> – "Jóga"');
  });
});

describe('tracklistOf', () => {
  it('answers the tracks in time order with plain titles, none without tracks', () => {
    expect(
      tracklistOf({
        tracks: [
          { at: '2026-12-02T20:05:00.000Z', title: 'B\u0007' },
          { at: '2026-12-02T20:01:00.000Z', title: 'A' },
          { at: 'never', title: 'C' },
          { at: '2026-12-02T20:09:00.000Z', title: '\u0001' },
        ],
      }),
    ).toEqual([
      { at: '2026-12-02T20:01:00.000Z', title: 'A' },
      { at: '2026-12-02T20:05:00.000Z', title: 'B' },
    ]);
    expect(tracklistOf({})).toEqual([]);
    expect(tracklistOf({ tracks: null })).toEqual([]);
  });
});
