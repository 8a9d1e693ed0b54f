import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeringRunner } from '../ffmpeg/fake-runner';
import type { ProcessRunner } from '../ffmpeg/process';
import { MAX_REDIRECTS, resolveStreamUrl } from './playlist';
import { probeStream } from './probe-stream';

/*
 * Playlist resolution and the probe against a real HTTP server on loopback: redirects, what a
 * `.m3u` really answers, and what an error may say.
 */

const NOTES = 'secret-one\nsecret-two\nsecret-three\n';
const PAGE = '<html><body>secret page</body></html>';

let server: Server;
let base = '';
const requested: string[] = [];

/** An ffprobe that answers like an MP3 stream, and records what it was asked to read. */
/** An ffprobe that finds MP3 in anything; `inputs` lists the URLs it was asked about. */
function ffprobeRunner(): { runner: ProcessRunner; inputs: string[] } {
  const mp3 = JSON.stringify({
    format: { format_name: 'mp3' },
    streams: [{ codec_type: 'audio', codec_name: 'mp3', sample_rate: '44100' }],
  });
  const inputs: string[] = [];
  const { runner } = answeringRunner(({ args }) => {
    inputs.push(args[args.length - 1] ?? '');
    return { stdout: mp3 };
  });
  return { runner, inputs };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    requested.push(path);
    const hop = /^\/hop\/(\d+)\.m3u$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      if (n === 0) {
        res.writeHead(200, { 'Content-Type': 'audio/x-mpegurl' });
        return void res.end(`#EXTM3U\n${base}/live.mp3\n`);
      }
      res.writeHead(302, { Location: `/hop/${n - 1}.m3u` });
      return void res.end();
    }
    switch (path) {
      case '/list.m3u':
        res.writeHead(302, { Location: '/notes.txt' });
        return void res.end('moved');
      case '/notes.txt':
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        return void res.end(NOTES);
      case '/page.pls':
        res.writeHead(200, { 'Content-Type': 'text/html' });
        return void res.end(PAGE);
      case '/plain.m3u':
        // a bare M3U served as text: a playlist by its content
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return void res.end(`${base}/live.mp3\n`);
      case '/named-stream.m3u':
        // the name says playlist, the answer is audio: the stream itself
        res.writeHead(200, { 'Content-Type': 'audio/mpeg' });
        return void res.end(Buffer.alloc(2048, 0xff));
      case '/policy.m3u':
        res.writeHead(200, { 'Content-Type': 'audio/x-mpegurl' });
        return void res.end('file:///etc/passwd\nconcat:/secret-a|/secret-b\n');
      case '/to-file.m3u':
        res.writeHead(302, { Location: 'file:///etc/secret-file' });
        return void res.end();
      case '/big.m3u': {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        // never ends: only the client's limit stops it
        const line = `${base}/secret-entry.mp3\n`.repeat(100);
        const pump = () => {
          while (!res.destroyed && res.write(line));
          if (!res.destroyed) res.once('drain', pump);
        };
        return void pump();
      }
      case '/live.mp3':
        res.writeHead(200, { 'Content-Type': 'audio/mpeg' });
        return void res.end(Buffer.alloc(2048, 0xff));
      default:
        res.writeHead(404);
        return void res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a .m3u that redirects to a plain text resource', () => {
  it('is no playlist: the probe says what it was, echoes none of it, requests none of it', async () => {
    requested.length = 0;
    const { runner, inputs } = ffprobeRunner();
    const result = await probeStream(`${base}/list.m3u`, { runner, ffprobePath: 'ffprobe' });
    expect(result).toEqual({
      ok: false,
      codec: null,
      bitrateKbps: null,
      sampleRate: null,
      channels: null,
      error: `${base}/list.m3u is not a stream or playlist: HTTP 200 text/plain, ${Buffer.byteLength(NOTES)} bytes.`,
    });
    expect(JSON.stringify(result)).not.toMatch(/secret/);
    expect(requested).toEqual(['/list.m3u', '/notes.txt']);
    expect(inputs).toEqual([]);
  });

  it('a .pls answering an HTML page is no playlist either', async () => {
    const err = await resolveStreamUrl(`${base}/page.pls`).catch((e: Error) => e);
    expect(err).toMatchObject({
      code: 'STREAM_UNREACHABLE',
      message: `${base}/page.pls is not a stream or playlist: HTTP 200 text/html, ${PAGE.length} bytes.`,
    });
  });
});

describe('playlists judged by their answer', () => {
  it('reads a bare M3U served as text/plain, and takes an audio answer as the stream', async () => {
    await expect(resolveStreamUrl(`${base}/plain.m3u`)).resolves.toEqual({
      url: `${base}/live.mp3`,
      kind: 'entry',
    });
    await expect(resolveStreamUrl(`${base}/named-stream.m3u`)).resolves.toEqual({
      url: `${base}/named-stream.m3u`,
      kind: 'direct',
    });
  });

  it(`follows ${MAX_REDIRECTS} redirects, not more`, async () => {
    const { runner, inputs } = ffprobeRunner();
    const ok = await probeStream(`${base}/hop/${MAX_REDIRECTS}.m3u`, {
      runner,
      ffprobePath: 'ffprobe',
    });
    expect(ok).toMatchObject({ ok: true, codec: 'mp3' });
    expect(inputs).toEqual([`${base}/live.mp3`]);

    requested.length = 0;
    const tooMany = await resolveStreamUrl(`${base}/hop/${MAX_REDIRECTS + 1}.m3u`).catch(
      (e: Error) => e,
    );
    expect(tooMany).toMatchObject({
      code: 'STREAM_UNREACHABLE',
      message: `${base}/hop/${MAX_REDIRECTS + 1}.m3u redirects more than ${MAX_REDIRECTS} times. Check the URL.`,
    });
    expect(requested).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('follows no redirect the URL policy refuses, and does not name where it pointed', async () => {
    const err = await resolveStreamUrl(`${base}/to-file.m3u`).catch((e: Error) => e);
    expect(err).toMatchObject({
      code: 'STREAM_UNREACHABLE',
      message: `${base}/to-file.m3u redirects to an address that cannot be recorded.`,
    });
  });

  it('tries only entries that pass the URL policy, and does not repeat them', async () => {
    const err = await resolveStreamUrl(`${base}/policy.m3u`).catch((e: Error) => e);
    expect(err).toMatchObject({
      code: 'STREAM_UNREACHABLE',
      message: `None of the 2 entries of the playlist ${base}/policy.m3u answered (2 not a network stream URL). Check the station or its URL.`,
    });
  });

  it('reads no more than 64 KiB of a playlist', async () => {
    const err = await resolveStreamUrl(`${base}/big.m3u`).catch((e: Error) => e);
    expect(err).toMatchObject({
      code: 'STREAM_UNREACHABLE',
      message: `The playlist ${base}/big.m3u is larger than 65536 bytes; give the stream URL itself.`,
    });
    expect(requested.some((r) => r.includes('secret-entry'))).toBe(false);
  });
});
