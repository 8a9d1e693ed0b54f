import { describe, expect, it } from 'vitest';
import { adtsFrameInfo } from './adts-frame-header';
import { adtsHeader } from './test-frames';

describe('adtsFrameInfo', () => {
  it('reads length, rate, channels and samples', () => {
    expect(adtsFrameInfo(Buffer.from(adtsHeader(371)), 0)).toEqual({
      length: 371,
      sampleRate: 44100,
      samples: 1024,
      channels: 2,
      format: 'adts/1/44100/2',
    });
    expect(adtsFrameInfo(Buffer.from(adtsHeader(200, 7, 1)), 0)?.format).toBe('adts/1/22050/1');
  });

  it('refuses what is not an ADTS header', () => {
    expect(adtsFrameInfo(Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0]), 0)).toBeUndefined(); // MP3
    expect(adtsFrameInfo(Buffer.from(adtsHeader(371, 13)), 0)).toBeUndefined(); // reserved rate
    expect(adtsFrameInfo(Buffer.from(adtsHeader(5)), 0)).toBeUndefined(); // shorter than a header
    expect(adtsFrameInfo(Buffer.from(adtsHeader(371).slice(0, 6)), 0)).toBeUndefined(); // cut
  });
});
