import { describe, expect, it } from 'vitest';
import {
  assertBitrate,
  chooseJoinMode,
  ffconcatList,
  formatSeconds,
  inpointFor,
  joinCopyArgs,
  joinEncodeArgs,
  joinMixedEncodeArgs,
  MP3_OUTPUT_ARGS,
  quoteFfconcatPath,
  trimArgs,
} from './join-args';

/** What every ffmpeg call of the join starts with: quiet, local files only. */
const head = ['-hide_banner', '-nostats', '-loglevel', 'error', '-protocol_whitelist', 'file'];

/** The concat demuxer reading the list, its first audio stream mapped, then the codec. */
const concatList = [
  '-f',
  'concat',
  '-safe',
  '0',
  '-i',
  '/w/list.ffconcat',
  '-map',
  '0:a:0',
  '-c:a',
];

/** What every join writes after its codec: an MP3 without the source's metadata, to `out.mp3`. */
const tail = [...MP3_OUTPUT_ARGS, '-n', '/w/out.mp3'];

describe('inpointFor', () => {
  it('skips what is not kept at the head', () => {
    expect(inpointFor(10, 6)).toBe(4);
    expect(inpointFor(10, 12)).toBe(0);
    expect(inpointFor(10, undefined)).toBe(0);
    expect(inpointFor(10, -3)).toBe(10);
    expect(inpointFor(Number.NaN, 3)).toBe(0);
  });

  it('formats seconds for ffmpeg', () => {
    expect(formatSeconds(4)).toBe('4.000');
    expect(formatSeconds(4.25049)).toBe('4.250');
    expect(formatSeconds(-1)).toBe('0.000');
  });
});

describe('ffconcat list', () => {
  it('quotes paths, escaping single quotes', () => {
    expect(quoteFfconcatPath('/w/a b.mka')).toBe("'/w/a b.mka'");
    expect(quoteFfconcatPath("/w/it's.mka")).toBe("'/w/it'\\''s.mka'");
    expect(quoteFfconcatPath('C:\\rec\\p.mka')).toBe("'C:\\rec\\p.mka'");
    expect(() => quoteFfconcatPath('/w/a\nfile /etc/passwd')).toThrow();
  });

  it('lists the files in order', () => {
    expect(ffconcatList(['/w/1.mka', "/w/2'.mka"])).toBe(
      "ffconcat version 1.0\nfile '/w/1.mka'\nfile '/w/2'\\''.mka'\n",
    );
  });
});

describe('argument arrays', () => {
  it('writes an MP3 with no metadata, chapters, ID3 tags of the source, and a Xing header', () => {
    const pairs = MP3_OUTPUT_ARGS.filter((_, i) => i % 2 === 0).map((flag, i) => [
      flag,
      MP3_OUTPUT_ARGS[i * 2 + 1],
    ]);
    expect(Object.fromEntries(pairs)).toEqual({
      '-map_metadata': '-1',
      '-map_chapters': '-1',
      '-f': 'mp3',
      '-id3v2_version': '0',
      '-write_id3v1': '0',
      '-write_xing': '1',
    });
    expect(MP3_OUTPUT_ARGS).toHaveLength(12);
  });

  it('trims a part by stream copy', () => {
    expect(trimArgs('/w/p1.mka', 4.2, '/w/seg1.mka')).toEqual([
      ...head,
      '-i',
      '/w/p1.mka',
      '-ss',
      '4.200',
      '-map',
      '0:a:0',
      '-c:a',
      'copy',
      '-map_metadata',
      '-1',
      '-map_chapters',
      '-1',
      '-f',
      'matroska',
      '-n',
      '/w/seg1.mka',
    ]);
  });

  it('ends a trimmed part before an outpoint', () => {
    const args = trimArgs('/w/p1.mka', 0, '/w/seg1.mka', 4.2391);
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 4)).toEqual([
      '-ss',
      '0.000',
      '-to',
      '4.239',
    ]);
  });

  it('joins MP3 by stream copy', () => {
    expect(joinCopyArgs('/w/list.ffconcat', '/w/out.mp3')).toEqual([
      ...head,
      ...concatList,
      'copy',
      ...tail,
    ]);
  });

  it('joins and encodes once at the bitrate', () => {
    expect(joinEncodeArgs('/w/list.ffconcat', '/w/out.mp3', 192)).toEqual([
      ...head,
      ...concatList,
      'libmp3lame',
      '-b:a',
      '192k',
      ...tail,
    ]);
  });

  it('joins differing formats with the concat filter', () => {
    expect(joinMixedEncodeArgs(['/w/a.mka', '/w/b.mka'], '/w/out.mp3', 128)).toEqual([
      ...head,
      '-i',
      '/w/a.mka',
      '-protocol_whitelist',
      'file',
      '-i',
      '/w/b.mka',
      '-filter_complex',
      '[0:a:0][1:a:0]concat=n=2:v=0:a=1[joined]',
      '-map',
      '[joined]',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '128k',
      ...tail,
    ]);
  });
});

describe('chooseJoinMode', () => {
  const mp3 = { codec: 'mp3', sampleRate: 44100, channels: 2 };
  it('copies MP3 of one sample rate and channel count', () => {
    expect(chooseJoinMode([mp3])).toBe('copy');
    expect(chooseJoinMode([mp3, { ...mp3 }])).toBe('copy');
  });
  it('encodes MP3 that changes rate or channels midway', () => {
    expect(chooseJoinMode([mp3, { ...mp3, sampleRate: 48000 }])).toBe('encode-mixed');
    expect(chooseJoinMode([mp3, { ...mp3, channels: 1 }])).toBe('encode-mixed');
  });
  it('encodes other codecs, mixed ones through the filter', () => {
    const aac = { codec: 'aac', profile: 'LC', sampleRate: 44100, channels: 2 };
    expect(chooseJoinMode([aac, aac])).toBe('encode');
    expect(chooseJoinMode([aac, { ...aac, profile: 'HE-AAC' }])).toBe('encode-mixed');
    expect(chooseJoinMode([mp3, aac])).toBe('encode-mixed');
    expect(chooseJoinMode([{ codec: 'opus', sampleRate: 48000, channels: 2 }])).toBe('encode');
  });
  it('refuses nothing to join', () => {
    expect(() => chooseJoinMode([])).toThrow(/no audio/);
  });
});

describe('assertBitrate', () => {
  it('accepts 8..320 whole kb/s', () => {
    expect(() => assertBitrate(192)).not.toThrow();
    for (const bad of [0, 7, 321, 192.5, Number.NaN]) expect(() => assertBitrate(bad)).toThrow();
  });
});
