import { describe, expect, it } from 'vitest';
import { mp3FrameFormat, mp3FrameInfo } from '../audio-frames/mp3-frame-header';
import {
  buildXingFrame,
  isXingFrame,
  xingBitrateIndex,
  xingFrameSize,
  xingToc,
  TOC_ENTRIES,
} from './xing-header';

const mpeg1Stereo128 = mp3FrameFormat(Buffer.from([0xff, 0xfb, 0x90, 0x44]))!; // joint stereo
const mpeg2Mono32 = mp3FrameFormat(Buffer.from([0xff, 0xf3, 0x40, 0xc4]))!; // 22.05 kHz mono

function tagAt(frame: Buffer, sideInfo: number) {
  const at = 4 + sideInfo;
  return {
    id: frame.toString('latin1', at, at + 4),
    flags: frame.readUInt32BE(at + 4),
    frames: frame.readUInt32BE(at + 8),
    bytes: frame.readUInt32BE(at + 12),
    toc: [...frame.subarray(at + 16, at + 116)],
  };
}

describe('buildXingFrame', () => {
  it('writes an Info frame of the stream’s own bitrate for CBR MPEG-1', () => {
    const toc = xingToc(new Array(1000).fill(417), 417);
    const frame = buildXingFrame(mpeg1Stereo128, {
      frames: 1000,
      audioBytes: 417_000,
      vbr: false,
      toc,
    });
    expect(frame.length).toBe(417);
    const format = mp3FrameFormat(frame)!;
    expect(format).toMatchObject({
      versionBits: 3,
      rateIndex: 0,
      channelMode: 1,
      bitrateKbps: 128,
    });
    expect(mp3FrameInfo(frame)).toMatchObject({ length: 417, sampleRate: 44100, samples: 1152 });
    expect(tagAt(frame, 32)).toEqual({
      id: 'Info',
      flags: 0x0f,
      frames: 1000,
      bytes: 417 + 417_000,
      toc: [...toc],
    });
    expect(frame.subarray(4, 36).every((b) => b === 0)).toBe(true); // silent side info
    expect(isXingFrame(frame, 0, format)).toBe(true);
  });

  it('writes a Xing frame big enough for the tag for low-bitrate MPEG-2 mono', () => {
    // 32 kb/s at 22.05 kHz is a 104-byte frame: too small for 4 + 9 + 120 bytes
    expect(mpeg2Mono32.bitrateKbps).toBe(32);
    const index = xingBitrateIndex(mpeg2Mono32);
    const frame = buildXingFrame(mpeg2Mono32, {
      frames: 7,
      audioBytes: 700,
      vbr: true,
      toc: new Uint8Array(TOC_ENTRIES),
    });
    expect(frame.length).toBe(xingFrameSize(mpeg2Mono32));
    expect(frame.length).toBeGreaterThanOrEqual(4 + 9 + 120);
    const format = mp3FrameFormat(frame)!;
    expect(format).toMatchObject({
      versionBits: 2,
      rateIndex: 0,
      channelMode: 3,
      bitrateIndex: index,
    });
    expect(mp3FrameInfo(frame)?.samples).toBe(576);
    const tag = tagAt(frame, 9);
    expect(tag).toMatchObject({ id: 'Xing', frames: 7, bytes: frame.length + 700 });
  });

  it('refuses a TOC that is not 100 entries', () => {
    expect(() =>
      buildXingFrame(mpeg1Stereo128, {
        frames: 1,
        audioBytes: 1,
        vbr: false,
        toc: new Uint8Array(3),
      }),
    ).toThrow(RangeError);
  });
});

describe('xingToc', () => {
  it('is linear for constant frame lengths', () => {
    const toc = xingToc(new Array(10_000).fill(400), 400);
    expect(toc[0]).toBe(0); // the first audio frame is 400 of 4,000,400 bytes in
    expect(toc[50]).toBe(128);
    expect(toc[99]).toBe(253);
  });

  it('follows the bytes where the bitrate varies', () => {
    // first half of the time in small frames, second half in frames 3× as large
    const lengths = [...new Array(500).fill(100), ...new Array(500).fill(300)];
    const toc = xingToc(lengths, 100);
    // 50 % of the time is at byte 100 + 50,000 of 200,100
    expect(toc[50]).toBe(Math.floor((256 * 50_100) / 200_100));
    expect(toc[25]).toBe(Math.floor((256 * 25_100) / 200_100));
    for (let i = 1; i < TOC_ENTRIES; i++) expect(toc[i]!).toBeGreaterThanOrEqual(toc[i - 1]!);
  });

  it('copes with fewer frames than entries', () => {
    const toc = xingToc([100, 100, 100], 100);
    expect(toc.length).toBe(100);
    expect(toc[0]).toBe(64);
    expect(toc[99]).toBe(Math.floor((256 * 300) / 400));
  });
});

describe('isXingFrame', () => {
  it('does not take an audio frame for a tag', () => {
    const frame = Buffer.alloc(417);
    frame.set([0xff, 0xfb, 0x90, 0x44]);
    frame.fill(0x55, 4);
    expect(isXingFrame(frame, 0, mpeg1Stereo128)).toBe(false);
  });
});
