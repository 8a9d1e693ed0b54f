import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsOfEachTest } from '../../test-support/temp-dir';
import type { TagValues } from '../../contract/naming/tag-values';
import {
  cuePathOf,
  cueQuote,
  cueSheet,
  cueTime,
  MAX_CUE_TRACKS,
  retargetCue,
  writeCueFile,
} from './cue-sheet';

const tags: TagValues = {
  title: '2026-12-02 Night "Shift"',
  trackNumber: 7,
  date: '2026-12-02',
  year: '2026',
  artist: 'Radio X',
  album: 'Night Shift',
  albumArtist: 'Radio X',
  genre: 'Music',
};

describe('cueTime', () => {
  it('writes mm:ss:ff with 75 frames a second', () => {
    expect(cueTime(0)).toBe('00:00:00');
    expect(cueTime(61_500)).toBe('01:01:37');
    expect(cueTime(3_599_990)).toBe('59:59:74');
    expect(cueTime(2 * 3_600_000 + 1000)).toBe('120:01:00');
  });
});

describe('cueQuote', () => {
  it('keeps titles plain: control characters removed, quotes replaced', () => {
    expect(cueQuote('Say "Hi"\r\nFILE "x.wav" WAVE\u0000')).toBe(`"Say 'Hi' FILE 'x.wav' WAVE"`);
  });
});

describe('cueSheet', () => {
  it('lists one track per chapter of the MP3', () => {
    const text = cueSheet('Night Shift.mp3', tags, [
      { title: 'Björk – "Jóga"', startMs: 0, endMs: 61_500 },
      { title: '<b>B</b>\u0007', startMs: 61_500, endMs: 90_000 },
    ]);
    expect(text.split('\r\n')).toEqual([
      'PERFORMER "Radio X"',
      `TITLE "2026-12-02 Night 'Shift'"`,
      'FILE "Night Shift.mp3" MP3',
      '  TRACK 01 AUDIO',
      `    TITLE "Björk – 'Jóga'"`,
      '    INDEX 01 00:00:00',
      '  TRACK 02 AUDIO',
      '    TITLE "<b>B</b>"',
      '    INDEX 01 01:01:37',
      '',
    ]);
  });

  it('stops at 99 tracks', () => {
    const chapters = Array.from({ length: 120 }, (_, i) => ({
      title: `T${i}`,
      startMs: i * 1000,
      endMs: (i + 1) * 1000,
    }));
    const text = cueSheet('a.mp3', tags, chapters);
    expect(text.match(/TRACK/g)).toHaveLength(MAX_CUE_TRACKS);
    expect(text).toContain('TRACK 99 AUDIO');
  });
});

describe('writeCueFile', () => {
  const newDir = tempDirsOfEachTest('cue-');

  it('writes <name>.cue beside the MP3, never over an existing one', async () => {
    const dir = newDir();
    const mp3 = join(dir, 'Show.mp3');
    const chapters = [{ title: 'A', startMs: 0, endMs: 1000 }];
    const path = await writeCueFile(mp3, tags, chapters);
    expect(path).toBe(cuePathOf(mp3));
    expect(path).toBe(join(dir, 'Show.cue'));
    expect(await readFile(path, 'utf8')).toContain('FILE "Show.mp3" MP3');
    await expect(writeCueFile(mp3, tags, chapters)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('retargetCue', () => {
  it('names another MP3 in the FILE line and changes nothing else', () => {
    const text = cueSheet('Show.mp3', tags, [{ title: 'FILE "x" MP3', startMs: 0, endMs: 1 }]);
    const moved = retargetCue(text, 'Show (2).mp3');
    expect(moved).toBe(text.replace('FILE "Show.mp3" MP3', 'FILE "Show (2).mp3" MP3'));
  });
});
