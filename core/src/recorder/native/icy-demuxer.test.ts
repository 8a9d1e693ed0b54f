import { describe, expect, it } from 'vitest';
import { IcyDemuxer } from './icy-demuxer';

/** An ICY byte stream: `metaint` audio bytes, then a block (empty when the title is ''). */
function icyStream(metaint: number, titles: string[]): { stream: Buffer; audio: Buffer } {
  const parts: Buffer[] = [];
  const audio: Buffer[] = [];
  titles.forEach((title, i) => {
    const a = Buffer.alloc(metaint, (i % 200) + 1);
    audio.push(a);
    parts.push(a);
    const text = title ? Buffer.from(`StreamTitle='${title}';`) : Buffer.alloc(0);
    const len = Math.ceil(text.length / 16);
    const meta = Buffer.alloc(1 + len * 16);
    meta[0] = len;
    text.copy(meta, 1);
    parts.push(meta);
  });
  parts.push(Buffer.alloc(10, 0xee));
  audio.push(Buffer.alloc(10, 0xee));
  return { stream: Buffer.concat(parts), audio: Buffer.concat(audio) };
}

describe('IcyDemuxer', () => {
  const titles = ['One', '', 'Two - with a longer title than sixteen bytes', '', 'Three'];
  it('strips metadata every metaint bytes, across any chunk boundary', () => {
    const { stream, audio } = icyStream(100, titles);
    for (const size of [1, 2, 3, 16, 99, 100, 101, 117, 1000]) {
      const got: Buffer[] = [];
      const blocks: string[] = [];
      const demux = new IcyDemuxer(
        100,
        (a) => got.push(Buffer.from(a)),
        (b) => blocks.push(b.toString().replace(/\0+$/, '')),
      );
      for (let i = 0; i < stream.length; i += size) demux.push(stream.subarray(i, i + size));
      expect(blocks).toHaveLength(titles.length);
      expect(Buffer.concat(got).equals(audio)).toBe(true);
      // empty blocks too (nothing changed): they mark where the audio was
      expect(blocks.filter((b) => b !== '')).toEqual([
        "StreamTitle='One';",
        "StreamTitle='Two - with a longer title than sixteen bytes';",
        "StreamTitle='Three';",
      ]);
    }
  });

  it('passes everything through as audio without a metaint', () => {
    const got: Buffer[] = [];
    const demux = new IcyDemuxer(
      0,
      (a) => got.push(a),
      () => undefined,
    );
    demux.push(Buffer.from([1, 2, 3]));
    expect(Buffer.concat(got)).toEqual(Buffer.from([1, 2, 3]));
  });
});
