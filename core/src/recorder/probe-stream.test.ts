import { describe, expect, it } from 'vitest';
import { TEST_FM_MP3_PROBE } from '../../test-support/probe-answers';
import { answeringRunner, type FakeAnswer } from '../ffmpeg/fake-runner';
import { probeInputArgs, probeStream, summarizeProbe, type ProbeStreamDeps } from './probe-stream';

/** A runner whose every ffprobe answers `answer`; `calls` holds what each was started with. */
function jsonRunner(answer: FakeAnswer) {
  return answeringRunner(() => answer);
}

/** Probe deps with `runner` and a URL resolver that takes every URL as a direct stream. */
function directDeps(runner: ProbeStreamDeps['runner']): ProbeStreamDeps {
  return {
    runner,
    ffprobePath: 'ffprobe',
    resolve: async (url: string) => ({ url, kind: 'direct' as const }),
  };
}

const ICECAST_MP3 = {
  format: {
    format_name: 'mp3',
    bit_rate: '128000',
    tags: { 'icy-name': 'Test FM', 'icy-pub': '0' },
  },
  streams: [
    {
      codec_type: 'audio',
      codec_name: 'mp3',
      sample_rate: '44100',
      channels: 2,
      bit_rate: '128000',
    },
  ],
};

describe('summarizeProbe', () => {
  it('reads codec, bitrate, rate, channels and the icy name', () => {
    expect(summarizeProbe(ICECAST_MP3)).toEqual(TEST_FM_MP3_PROBE);
  });

  it('falls back to the format bitrate, then icy-br; ice-name works too', () => {
    expect(
      summarizeProbe({
        format: { tags: { 'ICY-BR': '96', 'ice-name': ' Radio X ' } },
        streams: [{ codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 1 }],
      }),
    ).toEqual({
      ok: true,
      codec: 'aac',
      bitrateKbps: 96,
      sampleRate: 48000,
      channels: 1,
      name: 'Radio X',
    });
    expect(
      summarizeProbe({
        format: { bit_rate: '64000' },
        streams: [{ codec_type: 'audio', codec_name: 'opus' }],
      }),
    ).toMatchObject({ bitrateKbps: 64, sampleRate: null, channels: null });
  });

  it('is not ok without an audio stream', () => {
    expect(summarizeProbe({ format: {}, streams: [{ codec_type: 'video' }] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no audio/),
    });
  });
});

describe('probeInputArgs', () => {
  it('restricts protocols and bounds the wait', () => {
    expect(probeInputArgs('http://a/x', 9500)).toEqual([
      ...['-protocol_whitelist', 'http,https,tls,tcp,crypto,httpproxy', '-rw_timeout', '9500000'],
      ...['-formatprobesize', '32768'],
    ]);
    expect(probeInputArgs('rtmp://a/x', 1000)).toEqual([
      ...['-protocol_whitelist', 'rtmp,rtmps,tls,tcp', '-rw_timeout', '1000000'],
    ]);
    expect(probeInputArgs('rtsp://a/x', 1000)).toEqual([
      ...['-protocol_whitelist', 'rtp,srtp,udp,tcp,tls,http,https', '-rtsp_transport', 'tcp'],
    ]);
  });
});

describe('probeStream', () => {
  it('probes the resolved URL with ffprobe and summarizes it', async () => {
    const { runner, calls } = jsonRunner({ stdout: JSON.stringify(ICECAST_MP3) });
    const result = await probeStream('http://a/listen.pls', {
      runner,
      ffprobePath: 'ffprobe',
      userAgent: 'ASR/1',
      resolve: async () => ({ url: 'http://b/live.mp3', kind: 'entry' }),
    });
    expect(result).toMatchObject({ ok: true, codec: 'mp3', name: 'Test FM' });
    const args = calls[0]!.args;
    expect(args[args.length - 1]).toBe('http://b/live.mp3');
    expect(args).toContain('-protocol_whitelist');
    expect(args.slice(args.indexOf('-user_agent'), args.indexOf('-user_agent') + 2)).toEqual([
      '-user_agent',
      'ASR/1',
    ]);
  });

  it('answers ok=false with the reason when the stream cannot be read or resolved', async () => {
    const { runner } = jsonRunner({
      code: 1,
      stderr: 'http://b/x: Server returned 404 Not Found\n',
    });
    const deps = directDeps(runner);
    await expect(probeStream('http://b/x', deps)).resolves.toMatchObject({
      ok: false,
      codec: null,
      error: expect.stringMatching(/404/),
    });
    const { runner: timedOut } = jsonRunner({ code: 255, stderr: '\ntimed out after 9500 ms' });
    await expect(probeStream('http://b/x', { ...deps, runner: timedOut })).resolves.toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not answer within 10 s/),
    });
    await expect(
      probeStream('http://b/x.pls', {
        ...deps,
        resolve: async () => {
          throw new Error('None of the 2 entries answered');
        },
      }),
    ).resolves.toMatchObject({ ok: false, error: 'None of the 2 entries answered' });
  });

  it('takes a second, longer look when the first bytes held no frame (a live stream joined mid-frame), and only then', async () => {
    const answers = [
      { code: 1, stderr: 'http://b/x: Invalid data found when processing input\n' },
      { stdout: JSON.stringify(ICECAST_MP3) },
    ];
    const { runner, calls } = answeringRunner((_call, n) => answers[n]!);
    const deps = directDeps(runner);
    await expect(probeStream('http://b/x', deps)).resolves.toMatchObject({
      ok: true,
      codec: 'mp3',
    });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args).toContain('-formatprobesize');
    expect(calls[1]!.args).not.toContain('-formatprobesize');

    // a 404 is an answer, not a bad start: no second look
    const notFound = jsonRunner({ code: 1, stderr: 'http://b/x: Server returned 404 Not Found\n' });
    await probeStream('http://b/x', { ...deps, runner: notFound.runner });
    expect(notFound.calls).toHaveLength(1);
  });

  it("does not repeat a playlist entry's URL when ffprobe cannot read it", async () => {
    const { runner } = jsonRunner({
      code: 1,
      stderr:
        '[http @ 0x1] HTTP error 404\nhttp://internal.example/secret-path: Server returned 404 Not Found\n',
    });
    const result = await probeStream('http://a/listen.m3u', {
      runner,
      ffprobePath: 'ffprobe',
      resolve: async () => ({ url: 'http://internal.example/secret-path', kind: 'entry' }),
    });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/404 Not Found/);
    expect(result.error).not.toMatch(/internal|secret/);
  });

  it('throws the URL policy error for local URLs, without running ffprobe', async () => {
    const { runner, calls } = jsonRunner({});
    await expect(
      probeStream('file:///etc/passwd', { runner, ffprobePath: 'ffprobe' }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_URL_SCHEME', field: 'streamUrl' });
    expect(calls).toHaveLength(0);
  });
});
