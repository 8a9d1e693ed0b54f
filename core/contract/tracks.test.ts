import { describe, expect, it } from 'vitest';
import { cleanTrackTitle, MAX_TRACK_TITLE_LENGTH, tracklist } from './tracks';

describe('cleanTrackTitle', () => {
  it('removes control characters and keeps markup as plain text', () => {
    expect(cleanTrackTitle('Artist\u0000 -\tSong\r\n\u0085')).toBe('Artist - Song');
    expect(cleanTrackTitle('<b>Bold</b> & "x"')).toBe('<b>Bold</b> & "x"');
    expect(cleanTrackTitle('  \u0007 ')).toBe('');
  });

  it('cuts very long titles', () => {
    expect(cleanTrackTitle('x'.repeat(2000))).toHaveLength(MAX_TRACK_TITLE_LENGTH);
  });
});

describe('tracklist', () => {
  const t0 = Date.UTC(2026, 0, 1, 10, 0, 0);
  it('orders, drops repeats and empties, and clamps to the window', () => {
    const marks = [
      { at: t0 + 30_000, title: 'C' },
      { at: t0 - 9000, title: 'A' },
      { at: t0 - 2000, title: 'B' },
      { at: t0 + 10_000, title: 'B' },
      { at: t0 + 20_000, title: '\u0001' },
      { at: t0 + 70_000, title: 'after the end' },
    ];
    expect(tracklist(marks, t0, t0 + 60_000)).toEqual([
      { at: t0, title: 'B' },
      { at: t0 + 30_000, title: 'C' },
    ]);
  });
});
