import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearCapabilitiesCache,
  detectCapabilities,
  helpHasOption,
  parseInputProtocols,
  parseOptionNames,
  parseVersion,
} from './capabilities';
import { answeringRunner, type FakeAnswer } from './fake-runner';

const HTTP_HELP = `http AVOptions:
  -seekable          <boolean>    .D......... control seekability of connection (default auto)
  -user_agent        <string>     .D......... override User-Agent header (default "Lavf/59.27.100")
  -reconnect         <boolean>    .D......... auto reconnect after disconnect before EOF (default false)
  -reconnect_streamed <boolean>    .D......... auto reconnect streamed / non seekable streams (default false)
  -reconnect_delay_max <int>        .D......... max reconnect delay in seconds after which to give up (from 0 to 4294) (default 120)
  -auth_type         <int>        ED......... HTTP authentication type (from 0 to 1) (default none)
     none            0            ED......... No auth method set, autodetect
`;
const RTSP_DEMUXER_HELP = `Demuxer rtsp [RTSP input]:
RTSP demuxer AVOptions:
  -rtsp_transport    <flags>      ED......... set RTSP transport protocols (default 0)
     tcp                          ED......... TCP
  -listen_timeout    <int>        .D......... set maximum timeout (in seconds) to wait for incoming connections
  -timeout           <int64>      .D......... set timeout (in microseconds) of socket I/O operations
`;
const PROTOCOLS = `Supported file protocols:
Input:
  file
  http
  https
  rtmp
Output:
  file
  icecast
`;
const FULL_HELP = `-stats_period time  set the period at which ffmpeg updates stats and -progress output
AVFormatContext AVOptions:
  -formatprobesize   <int>        .D......... number of bytes to probe file format (from 0 to 2147483646) (default 1048576)
matroska/webm muxer AVOptions:
  -cluster_time_limit <int64>      E.......... Store at most the provided number of milliseconds in a cluster. (from -1 to I64_MAX) (default -1)
URLContext AVOptions:
  -rw_timeout        <int64>      ED......... Timeout for IO operations (in microseconds)
`;

/** A runner whose every start answers `answer(args)`; `calls` holds the binary and arguments. */
function fakeRunner(answer: (args: readonly string[]) => FakeAnswer) {
  return answeringRunner(({ args }) => answer(args));
}

function standardAnswers(args: readonly string[]) {
  const key = args.join(' ');
  if (key === '-version')
    return { stdout: 'ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026\n' };
  if (key.endsWith('protocol=http')) return { stdout: HTTP_HELP };
  if (key.endsWith('protocol=tcp'))
    return {
      stdout: '  -timeout           <int>        ED......... set timeout (in microseconds)\n',
    };
  if (key.endsWith('protocol=rtmp'))
    return {
      stdout:
        'rtmp AVOptions:\n  -rtmp_live         <int>        .D......... live\n  -timeout           <int>        .D......... listen\n',
    };
  if (key.endsWith('demuxer=rtsp')) return { stdout: RTSP_DEMUXER_HELP };
  if (key.endsWith('protocol=rtsp')) return { stdout: '', stderr: "Unknown protocol 'rtsp'." };
  if (key.endsWith('-protocols')) return { stdout: PROTOCOLS };
  if (key.endsWith('-h full')) return { stdout: FULL_HELP };
  return { code: 1 };
}

beforeEach(() => clearCapabilitiesCache());

describe('parsers', () => {
  it('parses option names, not their values', () => {
    expect([...parseOptionNames(HTTP_HELP)]).toEqual([
      'seekable',
      'user_agent',
      'reconnect',
      'reconnect_streamed',
      'reconnect_delay_max',
      'auth_type',
    ]);
  });

  it('parses the version and the input protocols', () => {
    expect(parseVersion('ffmpeg version n7.1 Copyright')).toBe('n7.1');
    expect(parseVersion('garbage')).toBe('unknown');
    expect([...parseInputProtocols(PROTOCOLS)]).toEqual(['file', 'http', 'https', 'rtmp']);
  });

  it('finds options in -h full', () => {
    expect(helpHasOption(FULL_HELP, 'rw_timeout')).toBe(true);
    expect(helpHasOption(FULL_HELP, 'stats_period')).toBe(true);
    expect(helpHasOption(FULL_HELP, 'stats')).toBe(false);
  });
});

describe('detectCapabilities', () => {
  it('asks ffmpeg and reports version and supported options', async () => {
    const { runner, calls } = fakeRunner(standardAnswers);
    const caps = await detectCapabilities(runner, '/opt/ffmpeg');
    expect(caps.version).toBe('5.1.9-0+deb12u1');
    expect(caps.httpOptions.has('reconnect_streamed')).toBe(true);
    expect(caps.httpOptions.has('reconnect_on_network_error')).toBe(false);
    expect(caps.rtmpOptions.has('timeout')).toBe(true);
    expect([...caps.tcpOptions]).toEqual(['timeout']);
    expect([...caps.rtspOptions]).toEqual(['rtsp_transport', 'listen_timeout', 'timeout']);
    expect(caps.inputProtocols.has('https')).toBe(true);
    expect(caps.rwTimeout).toBe(true);
    expect(caps.statsPeriod).toBe(true);
    expect(caps.formatProbeSize).toBe(true);
    expect(caps.clusterTimeLimit).toBe(true);
    expect(calls.every((c) => c.bin === '/opt/ffmpeg')).toBe(true);
    expect(calls.map((c) => c.args.join(' '))).toContain('-hide_banner -h protocol=rtsp');
  });

  it('caches per path', async () => {
    const { runner, calls } = fakeRunner(standardAnswers);
    const first = await detectCapabilities(runner, 'ffmpeg');
    const n = calls.length;
    expect(await detectCapabilities(runner, 'ffmpeg')).toBe(first);
    expect(calls.length).toBe(n);
    await detectCapabilities(runner, '/other/ffmpeg');
    expect(calls.length).toBe(2 * n);
  });

  it('reports an old build without -stats_period or -rw_timeout', async () => {
    const { runner } = fakeRunner((args) =>
      args.join(' ').endsWith('-h full') ? { stdout: 'nothing here\n' } : standardAnswers(args),
    );
    const caps = await detectCapabilities(runner, 'ffmpeg');
    expect(caps.rwTimeout).toBe(false);
    expect(caps.statsPeriod).toBe(false);
    expect(caps.formatProbeSize).toBe(false);
    expect(caps.clusterTimeLimit).toBe(false);
  });

  it('rejects with FFMPEG_NOT_FOUND saying what to do, and does not cache the failure', async () => {
    const { runner } = fakeRunner(() => ({
      code: -1,
      stderr: '\nspawn error: spawn /nope/ffmpeg ENOENT\n',
    }));
    const err = await detectCapabilities(runner, '/nope/ffmpeg').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FFMPEG_NOT_FOUND' });
    expect((err as Error).message).toMatch(/ENOENT/);
    expect((err as Error).message).toMatch(/Install ffmpeg .*FFMPEG_PATH/);
    const { runner: good } = fakeRunner(standardAnswers);
    await expect(detectCapabilities(good, '/nope/ffmpeg')).resolves.toMatchObject({
      version: '5.1.9-0+deb12u1',
    });
  });
});
