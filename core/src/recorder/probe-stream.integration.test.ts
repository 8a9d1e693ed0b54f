import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pacedFrames, startIcyServer, type IcyServer } from '../../test-support/icy-server';
import { listenOnLoopback } from '../../test-support/free-port';
import { mp3Frame } from '../audio-frames/test-frames';
import { locateFfmpeg } from '../ffmpeg/locate';
import { spawnRunner } from '../ffmpeg/process';
import { probeStream } from './probe-stream';

/*
 * "Test stream" (POST /api/streams/probe → probeStream) with the real ffprobe against a
 * Shoutcast-style server that answers `ICY 200 OK` (Node's HTTP parser and fetch refuse that
 * status line): given directly, and as the entry of a .pls playlist (the entry is checked with
 * the native reader's request, whose status-line rule accepts it).
 */

const { ffprobe } = locateFfmpeg();
const deps = { runner: spawnRunner, ffprobePath: ffprobe, timeoutMs: 20_000 };
const source = pacedFrames(() => mp3Frame(), (1152 / 44100) * 1000, 300);
let shoutcast: IcyServer;
let web: Server;
let base = '';

beforeAll(async () => {
  shoutcast = await startIcyServer({ source });
  web = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'audio/x-scpls' });
    res.end(`[playlist]\nNumberOfEntries=1\nFile1=${shoutcast.url}\nTitle1=Test\nVersion=2\n`);
  });
  base = `http://127.0.0.1:${await listenOnLoopback(web)}`;
});

afterAll(async () => {
  source.stop();
  await shoutcast.close();
  await new Promise<void>((r) => web.close(() => r()));
});

const mp3 = { ok: true, codec: 'mp3', sampleRate: 44100, name: 'Test Shoutcast' };

describe("Test stream on an 'ICY 200 OK' server", () => {
  it('probes the stream URL itself', async () => {
    expect(await probeStream(shoutcast.url, deps)).toMatchObject(mp3);
  });

  it("probes a .pls whose entry is the server (its 'ICY 200 OK' counts as an answer)", async () => {
    expect(await probeStream(`${base}/listen.pls`, deps)).toMatchObject(mp3);
  });
});
