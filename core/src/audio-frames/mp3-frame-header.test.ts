import { describe, expect, it } from 'vitest';
import {
  mp3FrameFormat,
  mp3FrameHeaderBytes,
  mp3FrameInfo,
  mp3FrameLength,
} from './mp3-frame-header';

// MPEG-1 Layer III, 128 kb/s, 44.1 kHz, no CRC: 417 bytes, 418 with padding
const h128 = [0xff, 0xfb, 0x90, 0x64];
const h128pad = [0xff, 0xfb, 0x92, 0x64];

describe('mp3FrameLength', () => {
  it('computes MPEG-1 Layer III frame lengths', () => {
    expect(mp3FrameLength(Buffer.from(h128), 0)).toBe(417);
    expect(mp3FrameLength(Buffer.from(h128pad), 0)).toBe(418);
    // 320 kb/s, 48 kHz: 144 * 320000 / 48000 = 960
    expect(mp3FrameLength(Buffer.from([0xff, 0xfb, 0xe4, 0x00]), 0)).toBe(960);
  });

  it('computes MPEG-2 Layer III (half the coefficient)', () => {
    // MPEG-2, 64 kb/s (index 8), 22.05 kHz: 72 * 64000 / 22050 = 208
    expect(mp3FrameLength(Buffer.from([0xff, 0xf3, 0x80, 0x00]), 0)).toBe(208);
  });

  it('rejects what is not a frame header', () => {
    expect(mp3FrameLength(Buffer.from([0x49, 0x44, 0x33, 0x04]), 0)).toBeUndefined(); // "ID3"
    expect(mp3FrameLength(Buffer.from([0xff, 0xfd, 0x90, 0x64]), 0)).toBeUndefined(); // Layer II
    expect(mp3FrameLength(Buffer.from([0xff, 0xfb, 0xf0, 0x64]), 0)).toBeUndefined(); // bad rate
    expect(mp3FrameLength(Buffer.from([0xff, 0xfb, 0x9c, 0x64]), 0)).toBeUndefined(); // bad Hz
    expect(mp3FrameLength(Buffer.from([0xff, 0xfb, 0x90]), 0)).toBeUndefined(); // short
  });
});

describe('mp3FrameInfo', () => {
  it('reads the header at an offset and tells samples and rate', () => {
    const buf = Buffer.from([0, 0, ...h128]);
    expect(mp3FrameInfo(buf, 2)).toMatchObject({ length: 417, sampleRate: 44100, samples: 1152 });
    expect(mp3FrameInfo(buf, 3)).toBeUndefined();
    expect(mp3FrameInfo(Buffer.from([0xff, 0xf3, 0x80, 0x00]))).toMatchObject({ samples: 576 });
  });
});

describe('mp3FrameFormat and mp3FrameHeaderBytes', () => {
  it('reads version, rate, channel mode, bitrate and side-info size', () => {
    expect(mp3FrameFormat(Buffer.from([0xff, 0xfb, 0x90, 0x44]))).toEqual({
      versionBits: 3,
      rateIndex: 0,
      channelMode: 1,
      bitrateIndex: 9,
      bitrateKbps: 128,
      sideInfoBytes: 32,
      crc: false,
    });
    expect(mp3FrameFormat(Buffer.from([0xff, 0xf2, 0x80, 0xc0]))).toMatchObject({
      versionBits: 2,
      channelMode: 3,
      bitrateKbps: 64,
      sideInfoBytes: 9,
      crc: true,
    });
    expect(mp3FrameFormat(Buffer.from([0x49, 0x44, 0x33, 0x04]))).toBeUndefined();
  });

  it('builds a header that reads back as the same format', () => {
    const format = mp3FrameFormat(Buffer.from([0xff, 0xf3, 0x40, 0xc4]))!;
    const header = mp3FrameHeaderBytes(format, 8);
    expect(mp3FrameFormat(header)).toMatchObject({ ...format, bitrateIndex: 8, bitrateKbps: 64 });
    expect(mp3FrameInfo(header)).toMatchObject({ length: 208, sampleRate: 22050, samples: 576 });
  });
});

describe('mp3FrameInfo format', () => {
  it('names version, rate and channels, so a scanner can tell one stream from another', () => {
    expect(mp3FrameInfo(Buffer.from(h128), 0)?.format).toBe('mp3/3/44100/2');
    // MPEG-2 22.05 kHz mono (channel mode 3)
    expect(mp3FrameInfo(Buffer.from([0xff, 0xf3, 0x80, 0xc0]), 0)).toMatchObject({
      format: 'mp3/2/22050/1',
      samples: 576,
      channels: 1,
    });
  });
});
