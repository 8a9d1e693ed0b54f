import { describe, expect, it } from 'vitest';
import { fakeRunner } from '../processor/test-fakes';
import { ffmpegVersion, parseFfmpegVersion } from './ffmpeg-version';

const banner =
  'ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers\nbuilt with gcc 12\n';

describe('parseFfmpegVersion', () => {
  it('reads the version word of the banner', () => {
    expect(parseFfmpegVersion(banner)).toBe('5.1.9-0+deb12u1');
    expect(parseFfmpegVersion('ffmpeg version N-113445-g1b2c3d Copyright')).toBe(
      'N-113445-g1b2c3d',
    );
    expect(parseFfmpegVersion('something else')).toBeNull();
  });
});

describe('ffmpegVersion', () => {
  it('runs `ffmpeg -version` once and caches what it found', async () => {
    const runner = fakeRunner(() => ({ stdout: banner }));
    expect(await ffmpegVersion(runner, '/opt/ffmpeg')).toBe('5.1.9-0+deb12u1');
    expect(await ffmpegVersion(runner, '/opt/ffmpeg')).toBe('5.1.9-0+deb12u1');
    expect(runner.calls).toEqual([{ bin: '/opt/ffmpeg', args: ['-version'] }]);
  });

  it('answers null when ffmpeg fails, and asks again next time', async () => {
    let installed = false;
    const runner = fakeRunner(() =>
      installed ? { stdout: banner } : { code: -1, stderr: 'spawn error: ENOENT' },
    );
    expect(await ffmpegVersion(runner, 'ffmpeg')).toBeNull();
    installed = true;
    expect(await ffmpegVersion(runner, 'ffmpeg')).toBe('5.1.9-0+deb12u1');
    expect(runner.calls).toHaveLength(2);
  });
});
