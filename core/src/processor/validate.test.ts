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

describe('validateMp3 with silence detection in the decode pass', () => {
  const probeWithStart = {
    stdout: JSON.stringify({
      format: { format_name: 'mp3', duration: '120.040000', start_time: '0.025057' },
      streams: [{ codec_type: 'audio', codec_name: 'mp3', sample_rate: '44100', channels: 2 }],
    }),
  };
  const log = [
    "[info] Input #0, mp3, from '/w/a.mp3':",
    // metadata that looks like a level or a silence line is neither
    '[info]     title           : [error] silence_start: 3',
    '[mp3float @ 0x1] [info] overread, skip -7 enddists: -1 -1',
    '[silencedetect @ 0x2] [info] silence_start: 25.0339',
    '[mp3float @ 0x1] [error] Header missing',
    '[error] Error while decoding stream #0:0: Invalid data found when processing input',
    '[silencedetect @ 0x2] [info] silence_end: 95.0155 | silence_duration: 69.9816',
    '[silencedetect @ 0x2] [info] silence_start: 110.025',
    '[info] video:0kB audio:5168kB subtitle:0kB other streams:0kB global headers:0kB',
  ].join('\n');

  it('adds silencedetect to the one decode, counts only error-level lines, lists the silences', async () => {
    const { runner, opts } = options(probeWithStart, { stderr: log });
    const facts = await validateMp3('/w/a.mp3', {
      ...opts,
      maxDecodeErrors: 2,
      silence: { thresholdDb: -50, minSeconds: 10 },
    });
    const decodes = runner.calls.filter((c) => c.bin === 'ffmpeg');
    expect(decodes).toHaveLength(1);
    expect(decodes[0]!.args).toEqual([
      ...['-hide_banner', '-nostats', '-loglevel', 'level+info', '-i', '/w/a.mp3'],
      ...['-map', '0:a:0', '-af', 'aresample=11025:filter_size=1,silencedetect=noise=-50dB:d=10'],
      ...['-f', 'null', '-'],
    ]);
    expect(facts.decodeErrors).toBe(2);
    // the second silence is still open at the end of the file: it lasts until the end
    expect(facts.silences).toEqual([
      { at: 25.01, seconds: 69.98 },
      { at: 110, seconds: 10.04 },
    ]);
  });

  it('still refuses error-level lines beyond the allowance', async () => {
    const { opts } = options(probeWithStart, { stderr: log });
    await expect(
      validateMp3('/w/a.mp3', { ...opts, silence: { thresholdDb: -50, minSeconds: 10 } }),
    ).rejects.toThrow(/decoding reports 2 error\(s\): \[mp3float @ 0x1\] \[error\] Header missing/);
  });

  it('reads silence lines split across stderr chunks', async () => {
    const pieces: string[] = [];
    for (let i = 0; i < log.length; i += 7) pieces.push(log.slice(i, i + 7));
    const split = fakeRunner((call) => (call.bin === 'ffprobe' ? probeWithStart : {}));
    const splitting: typeof split = {
      calls: split.calls,
      start(bin, args, o = {}) {
        const proc = split.start(bin, args, o);
        if (bin === 'ffmpeg') for (const p of pieces) o.onStderr?.(p);
        return proc;
      },
    };
    const facts = await validateMp3('/w/a.mp3', {
      runner: splitting,
      ffmpegPath: 'ffmpeg',
      ffprobePath: 'ffprobe',
      toleranceSeconds: 1,
      maxDecodeErrors: 2,
      silence: { thresholdDb: -60, minSeconds: 5 },
    });
    expect(facts.silences).toEqual([
      { at: 25.01, seconds: 69.98 },
      { at: 110, seconds: 10.04 },
    ]);
  });

  it('without `silence` the pass is unchanged and reports no silences', async () => {
    const { opts } = options(good, {});
    expect((await validateMp3('/w/a.mp3', opts)).silences).toBeUndefined();
  });
});
