import { describe, expect, it } from 'vitest';
import type { CapturedPart } from '../recorder/types';
import { frameOnlyKind } from './frame-parts';
import { encodeFramePartsArgs } from './join-args';

const part = (path: string): CapturedPart => ({
  path,
  url: 'http://radio.test/live',
  codec: 'mp3',
  startedAt: 0,
  endedAt: 0,
});

describe('frameOnlyKind', () => {
  it('is mp3 or aac only when every part is a frame file of that kind', () => {
    expect(frameOnlyKind([part('/p/a.mp3'), part('/p/b.MP3')])).toBe('mp3');
    expect(frameOnlyKind([part('/p/a.aac')])).toBe('aac');
    expect(frameOnlyKind([part('/p/a.mka')])).toBeUndefined();
    expect(frameOnlyKind([part('/p/a.mp3'), part('/p/b.mka')])).toBeUndefined();
    expect(frameOnlyKind([])).toBeUndefined();
  });
});

describe('encodeFramePartsArgs', () => {
  it('reads each ADTS part from its inpoint and encodes once to bare MP3 frames', () => {
    const args = encodeFramePartsArgs(
      [
        { path: '/p/a.aac', inpoint: 1.23456 },
        { path: '/p/b.aac', inpoint: 0 },
      ],
      '/w/out.mp3',
      128,
    );
    const joined = args.join(' ');
    expect(joined).toContain('-ss 1.235 -f aac -i /p/a.aac');
    expect(joined).toContain('-ss 0.000 -f aac -i /p/b.aac');
    expect(joined).toContain('[0:a:0][1:a:0]concat=n=2:v=0:a=1[joined]');
    expect(joined).toContain('-c:a libmp3lame -b:a 128k');
    expect(joined).toContain('-id3v2_version 0 -write_id3v1 0 -write_xing 0 -n /w/out.mp3');
  });
});
