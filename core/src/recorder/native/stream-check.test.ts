import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pacedFrames, startIcyServer, type IcyServer } from '../../../test-support/icy-server';
import { listenOnLoopback } from '../../../test-support/free-port';
import { mp3Frame } from '../../audio-frames/test-frames';
import { icyStreamAnswers } from './stream-check';

/* What counts as a stream that answers, against real servers on loopback. */

const source = pacedFrames(() => mp3Frame(), (1152 / 44100) * 1000, 40);
let shoutcast: IcyServer;
let http: Server;
let base = '';
const o = { timeoutMs: 5000 };

beforeAll(async () => {
  shoutcast = await startIcyServer({ source });
  http = createServer((req, res) => {
    switch (req.url) {
      case '/moved':
        res.writeHead(302, { Location: shoutcast.url });
        return void res.end();
      case '/text':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return void res.end('some bytes');
      case '/empty':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return void res.end();
      default:
        res.writeHead(403);
        return void res.end('no');
    }
  });
  base = `http://127.0.0.1:${await listenOnLoopback(http)}`;
});

afterAll(async () => {
  source.stop();
  await shoutcast.close();
  await new Promise<void>((r) => http.close(() => r()));
});

describe('icyStreamAnswers', () => {
  it("is true for a Shoutcast server's ICY 200 OK, directly and through a redirect", async () => {
    expect(await icyStreamAnswers(shoutcast.url, o)).toBe(true);
    expect(await icyStreamAnswers(`${base}/moved`, o)).toBe(true);
  });

  it('is true for any 2xx that sends bytes, false for one that sends none', async () => {
    expect(await icyStreamAnswers(`${base}/text`, o)).toBe(true);
    expect(await icyStreamAnswers(`${base}/empty`, o)).toBe(false);
  });

  it('is false for an error status and for a port nobody listens on', async () => {
    expect(await icyStreamAnswers(`${base}/forbidden`, o)).toBe(false);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await icyStreamAnswers(`http://127.0.0.1:${port}/live`, o)).toBe(false);
  });
});
