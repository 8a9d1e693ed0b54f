import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import { validateMp3, type ValidateOptions } from './validate';
import { fakeRunner, probeJson, type FakeReply } from './test-fakes';

function options(probe: FakeReply, decode: FakeReply, extra: Partial<ValidateOptions> = {}) {
  const runner = fakeRunner((call) => (call.bin === 'ffprobe' ? probe : decode));
  return {
    runner,
    opts: { runner, ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', toleranceSeconds: 0.5, ...extra },
  };
}

const good = { stdout: probeJson({ formatName: 'mp3', duration: 60.02, bitRate: 128000 }) };

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION_OF_OUTPUT_FAILED');
    return (e as AppError).message;
  }
  throw new Error('expected a failure');
}

describe('validateMp3', () => {
  it('accepts a decodable MP3 of the expected length', async () => {
    const { runner, opts } = options(good, {});
    const facts = await validateMp3('/w/a.mp3', { ...opts, expectedSeconds: 60 });
    expect(facts).toEqual({
      durationSeconds: 60.02,
      bitRate: 128000,
      sampleRate: 44100,
      channels: 2,
      decodeErrors: 0,
    });
    const decode = runner.calls.find((c) => c.bin === 'ffmpeg')!;
    expect(decode.args).toEqual([
      '-hide_banner',
      '-nostats',
      '-loglevel',
      'error',
      '-i',
      '/w/a.mp3',
      '-map',
      '0:a:0',
      '-f',
      'null',
      '-',
    ]);
  });

  it('refuses a duration outside the tolerance', async () => {
    const { opts } = options(good, {});
    expect(await reason(validateMp3('/w/a.mp3', { ...opts, expectedSeconds: 61 }))).toMatch(
      /lasts 60.02 s where 61.00 s/,
    );
  });

  it('refuses another format or codec, or a file ffprobe cannot read', async () => {
    const wav = options(
      { stdout: probeJson({ formatName: 'wav', duration: 60, codec: 'pcm_s16le' }) },
      {},
    );
    expect(await reason(validateMp3('/w/a.mp3', wav.opts))).toMatch(/wav, not MP3/);
    const aac = options(
      { stdout: probeJson({ formatName: 'mp3', duration: 60, codec: 'aac' }) },
      {},
    );
    expect(await reason(validateMp3('/w/a.mp3', aac.opts))).toMatch(/aac, not one MP3/);
    const unreadable = options({ code: 1, stderr: 'Invalid data' }, {});
    expect(await reason(validateMp3('/w/a.mp3', unreadable.opts))).toMatch(/ffprobe cannot read/);
  });

  it('refuses decoder errors beyond the allowance', async () => {
    const errors = {
      stderr: '[mp3float @ 0x1] Header missing\n[mp3float @ 0x1] invalid block type\n',
    };
    expect(await reason(validateMp3('/w/a.mp3', options(good, errors).opts))).toMatch(/2 error/);
    const allowed = await validateMp3('/w/a.mp3', {
      ...options(good, errors).opts,
      maxDecodeErrors: 2,
    });
    expect(allowed.decodeErrors).toBe(2);
    const crash = options(good, { code: 1, stderr: 'Conversion failed!' });
    expect(await reason(validateMp3('/w/a.mp3', crash.opts))).toMatch(/cannot decode/);
  });
});
