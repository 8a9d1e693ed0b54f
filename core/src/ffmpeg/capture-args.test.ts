import { describe, expect, it } from 'vitest';
import type { FfmpegCapabilities } from './capabilities';
import { buildCaptureArgs } from './capture-args';

const FULL: FfmpegCapabilities = {
  version: '5.1.9',
  httpOptions: new Set([
    'reconnect',
    'reconnect_streamed',
    'reconnect_on_network_error',
    'reconnect_delay_max',
    'user_agent',
  ]),
  tcpOptions: new Set(['listen', 'timeout', 'listen_timeout']),
  rtmpOptions: new Set(['rtmp_live', 'timeout', 'listen']),
  rtspOptions: new Set(['rtsp_transport', 'listen_timeout', 'timeout', 'user_agent']),
  inputProtocols: new Set(['http', 'https', 'rtmp']),
  rwTimeout: true,
  statsPeriod: true,
  formatProbeSize: true,
  clusterTimeLimit: true,
};

const BARE: FfmpegCapabilities = {
  version: '3.4',
  httpOptions: new Set(),
  tcpOptions: new Set(),
  rtmpOptions: new Set(),
  rtspOptions: new Set(),
  inputProtocols: new Set(),
  rwTimeout: false,
  statsPeriod: false,
  formatProbeSize: false,
  clusterTimeLimit: false,
};

const HEAD = ['-hide_banner', '-loglevel', 'warning', '-nostats', '-n', '-progress', 'pipe:1'];
const STATS = ['-stats_period', '2'];
const TAIL = (url: string, clusters = true) => [
  '-i',
  url,
  ...['-map', '0:a:0', '-c', 'copy'],
  // http: the first 0.1 s of a connection (its burst's head) stays out of the part
  ...(url.startsWith('http') ? ['-ss', '0.1'] : []),
  ...(clusters ? ['-cluster_time_limit', '1000'] : []),
  ...['-flush_packets', '1', '-f', 'matroska', '/p/part-001.mka'],
];
const HTTP_WL = ['-protocol_whitelist', 'http,https,tls,tcp,crypto,httpproxy'];
const RTMP_WL = ['-protocol_whitelist', 'rtmp,rtmps,tls,tcp'];
const RTSP_WL = ['-protocol_whitelist', 'rtp,srtp,udp,tcp,tls,http,https'];
const out = '/p/part-001.mka';

describe('buildCaptureArgs', () => {
  it('http: I/O timeouts (generic and tcp), user agent, small format probe; no reconnects', () => {
    const url = 'http://radio.example/live.mp3';
    const args = buildCaptureArgs({ url, caps: FULL, outputPath: out, userAgent: 'ASR/1.0' });
    expect(args).toEqual([
      ...HEAD,
      ...STATS,
      ...['-rw_timeout', '5000000', '-timeout', '5000000', '-user_agent', 'ASR/1.0'],
      ...['-formatprobesize', '32768'],
      ...HTTP_WL,
      ...TAIL(url),
    ]);
    // ffmpeg's own reconnects would glue a new connection's burst into the same part
    expect(args.filter((a) => a.startsWith('-reconnect'))).toEqual([]);
  });

  it('https (HLS) with a custom timeout and stats period, no user agent', () => {
    const url = 'https://cdn.example/hls/live.m3u8';
    expect(
      buildCaptureArgs({
        url,
        caps: FULL,
        outputPath: out,
        ioTimeoutSeconds: 2.5,
        statsPeriodSeconds: 1,
      }),
    ).toEqual([
      ...HEAD,
      ...['-stats_period', '1'],
      ...['-rw_timeout', '2500000', '-timeout', '2500000', '-formatprobesize', '32768'],
      ...HTTP_WL,
      ...TAIL(url),
    ]);
  });

  it.each<{
    case: string;
    url: string;
    caps: FfmpegCapabilities;
    userAgent?: string;
    input: string[];
    clusters: boolean;
  }>([
    {
      case: "http whose own protocol has a -timeout leaves tcp's alone",
      url: 'http://radio.example/live.mp3',
      caps: { ...BARE, httpOptions: new Set(['timeout']), tcpOptions: new Set(['timeout']) },
      input: HTTP_WL,
      clusters: false,
    },
    {
      case: 'http on a build without those options passes none of them',
      url: 'http://radio.example/live.mp3',
      caps: BARE,
      userAgent: 'ASR/1.0',
      input: HTTP_WL,
      clusters: false,
    },
    {
      case: 'rtmps on a build without -rw_timeout has no timeout option',
      url: 'rtmps://media.example/live/radio',
      caps: BARE,
      input: [...['-analyzeduration', '1000000'], ...RTMP_WL],
      clusters: false,
    },
    {
      case: 'rtsp on ffmpeg >= 5: TCP transport, -timeout in µs (socket I/O), user agent',
      url: 'rtsp://cam.example:554/audio',
      caps: FULL,
      userAgent: 'ASR/1.0',
      input: [
        ...STATS,
        ...['-rtsp_transport', 'tcp', '-timeout', '5000000', '-user_agent', 'ASR/1.0'],
        ...RTSP_WL,
      ],
      clusters: true,
    },
    {
      case: 'rtsp on ffmpeg 4: -stimeout, because -timeout there means listen',
      url: 'rtsps://cam.example/audio',
      caps: { ...FULL, rtspOptions: new Set(['rtsp_transport', 'timeout', 'stimeout']) },
      input: [...STATS, ...['-rtsp_transport', 'tcp', '-stimeout', '5000000'], ...RTSP_WL],
      clusters: true,
    },
    {
      case: 'rtsp whose -timeout is the listen one (no listen_timeout) gets no timeout',
      url: 'rtsp://cam.example/audio',
      caps: { ...BARE, rtspOptions: new Set(['timeout']) },
      userAgent: 'ASR/1.0',
      input: RTSP_WL,
      clusters: false,
    },
  ])('$case', ({ url, caps, userAgent, input, clusters }) => {
    expect(buildCaptureArgs({ url, caps, outputPath: out, userAgent })).toEqual([
      ...HEAD,
      ...input,
      ...TAIL(url, clusters),
    ]);
  });

  it('rtmp gets -rw_timeout only, never its listen -timeout nor a user agent', () => {
    // (nor -formatprobesize: the flv demuxer is chosen by the protocol, not probed)
    const url = 'rtmp://media.example/live/radio';
    const args = buildCaptureArgs({ url, caps: FULL, outputPath: out, userAgent: 'ASR/1.0' });
    expect(args).toEqual([
      ...HEAD,
      ...STATS,
      ...['-rw_timeout', '5000000', '-analyzeduration', '1000000'],
      ...RTMP_WL,
      ...TAIL(url),
    ]);
    expect(args).not.toContain('-timeout');
  });

  it("leaves an http connection's first 0.1 s out (an output -ss), never another source's", () => {
    const http = buildCaptureArgs({ url: 'http://a/live.aac', caps: FULL, outputPath: out });
    // after the input: it drops packets, it does not seek
    expect(http.indexOf('-ss')).toBeGreaterThan(http.indexOf('-i'));
    expect(http[http.indexOf('-ss') + 1]).toBe('0.1');
    for (const url of ['rtmp://a/live/x', 'rtsp://a/x']) {
      expect(buildCaptureArgs({ url, caps: FULL, outputPath: out })).not.toContain('-ss');
    }
  });

  it('never passes -t, -nostdin or -y, and refuses local URLs', () => {
    const args = buildCaptureArgs({ url: 'http://a/x', caps: FULL, outputPath: out });
    for (const forbidden of ['-t', '-nostdin', '-y', '-re']) expect(args).not.toContain(forbidden);
    expect(() =>
      buildCaptureArgs({ url: 'file:///etc/passwd', caps: FULL, outputPath: out }),
    ).toThrow(/not a network stream/);
  });
});
