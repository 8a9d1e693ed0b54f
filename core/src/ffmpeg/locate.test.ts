import { describe, expect, it } from 'vitest';
import { locateFfmpeg } from './locate';

describe('locateFfmpeg', () => {
  it('prefers FFMPEG_PATH, with an ffprobe beside it', () => {
    const p = locateFfmpeg(
      { FFMPEG_PATH: '/opt/ff/ffmpeg' },
      () => '/static/ffmpeg',
      (f) => f === '/opt/ff/ffprobe',
    );
    expect(p).toEqual({
      ffmpeg: '/opt/ff/ffmpeg',
      ffprobe: '/opt/ff/ffprobe',
      source: 'FFMPEG_PATH',
    });
  });

  it('then ffmpeg-static, then PATH', () => {
    expect(
      locateFfmpeg(
        {},
        () => '/static/ffmpeg',
        () => false,
      ),
    ).toEqual({
      ffmpeg: '/static/ffmpeg',
      ffprobe: 'ffprobe',
      source: 'ffmpeg-static',
    });
    expect(locateFfmpeg({}, () => undefined)).toEqual({
      ffmpeg: 'ffmpeg',
      ffprobe: 'ffprobe',
      source: 'PATH',
    });
  });

  it('honours FFPROBE_PATH', () => {
    expect(locateFfmpeg({ FFPROBE_PATH: '/x/ffprobe' }, () => undefined).ffprobe).toBe(
      '/x/ffprobe',
    );
  });
});
