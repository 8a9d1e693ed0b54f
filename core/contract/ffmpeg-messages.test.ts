import { describe, expect, it } from 'vitest';
import { FFMPEG_FAILURES, plainAppMessage, plainFfmpegMessage } from './ffmpeg-messages';

// What ffmpeg 5.1 / ffprobe print (the first lines taken from real runs), and the sentence each
// becomes: one case per row of FFMPEG_FAILURES, in the table's order.
const ROWS: [string, string][] = [
  [
    '[tcp @ 0x562e0d653f40] Connection to tcp://127.0.0.1:18890 failed: Connection refused\nhttp://127.0.0.1:18890/live.mp3: Connection refused',
    'Could not connect to 127.0.0.1:18890: connection refused.',
  ],
  [
    '[tcp @ 0x55aa] Connection to tcp://radio.example:8000 failed: Connection timed out',
    'Could not connect to radio.example:8000: it did not answer in time.',
  ],
  [
    '[tcp @ 0x558417b8b000] Failed to resolve hostname nonexistent-host.invalid: Name or service not known\nhttp://nonexistent-host.invalid/live.mp3: Input/output error',
    'Could not find the server nonexistent-host.invalid: its name does not resolve (DNS).',
  ],
  [
    '[tcp @ 0x55aa] Connection to tcp://10.9.9.9:80 failed: Network is unreachable',
    'Could not reach 10.9.9.9:80: no network route to it.',
  ],
  [
    'http://radio.example:8000/live: Connection reset by peer',
    'The server radio.example:8000 dropped the connection.',
  ],
  [
    '[http @ 0x55aa] HTTP error 403 Forbidden\nhttp://radio.example/live: Server returned 403 Forbidden (access denied)',
    'The server refused access (HTTP 403): the stream needs other credentials.',
  ],
  [
    '[http @ 0x55aa] HTTP error 404 Not Found\nhttp://radio.example/live: Server returned 404 Not Found',
    'The server has no stream at this address (HTTP 404 Not Found).',
  ],
  [
    '[http @ 0x55aa] HTTP error 429 Too Many Requests\nhttp://radio.example/live: Server returned 4XX Client Error, but not one of 40{0,1,3,4}',
    'The server refused the request (HTTP 429).',
  ],
  [
    '[http @ 0x55aa] HTTP error 503 Service Unavailable\nhttp://radio.example/live: Server returned 5XX Server Error reply',
    'The server had an error (HTTP 503); try again later.',
  ],
  [
    '[tls @ 0x559ab0d58f40] An unexpected TLS packet was received.\nhttps://127.0.0.1:18931/x.mp3: Input/output error',
    'The secure connection (TLS) to 127.0.0.1:18931 failed.',
  ],
  [
    'http://127.0.0.1:18931/notaudio: Invalid data found when processing input',
    'What the server sent is not audio that can be read.',
  ],
  ['http://radio.example/live: End of file', 'The server ended the stream (end of file).'],
  [
    'no audio arrived for a while (stalled); ffmpeg: size=12kB time=00:00:03',
    'The stream stopped sending audio (stalled).',
  ],
  ['no audio arrived after connecting', 'The server answered but sent no audio.'],
];

// What the native reader (Node's sockets) says for the same failures
const NODE_ROWS: [string, string][] = [
  [
    'connect ECONNREFUSED 127.0.0.1:45463',
    'Could not connect to 127.0.0.1:45463: connection refused.',
  ],
  [
    'connect ETIMEDOUT 10.0.0.5:8000',
    'Could not connect to 10.0.0.5:8000: it did not answer in time.',
  ],
  ['connect EHOSTUNREACH 10.9.9.9:80', 'Could not reach 10.9.9.9:80: no network route to it.'],
  ['read ECONNRESET', 'The server dropped the connection.'],
];

describe('plainFfmpegMessage on Node socket errors (native capture)', () => {
  it.each(NODE_ROWS)('%s', (raw, summary) => {
    expect(plainFfmpegMessage(raw).summary).toBe(summary);
  });
});

describe('plainFfmpegMessage', () => {
  it('has a case here for every row of the table', () => {
    expect(ROWS).toHaveLength(FFMPEG_FAILURES.length);
  });

  for (const [index, [raw, sentence]] of ROWS.entries()) {
    it(`row ${index + 1}: ${sentence}`, () => {
      // the row itself matches (not an earlier one by accident)
      const first = FFMPEG_FAILURES.findIndex((row) => row.pattern.test(raw));
      expect(first).toBe(index);
      expect(plainFfmpegMessage(raw)).toEqual({ summary: sentence, details: raw });
    });
  }

  it('keeps the words of a failure it does not know, without the "[tcp @ 0x…]" prefixes', () => {
    expect(plainFfmpegMessage('[mka @ 0x55aa] Something new went wrong')).toEqual({
      summary: 'Something new went wrong',
      details: '[mka @ 0x55aa] Something new went wrong',
    });
    expect(plainFfmpegMessage('The stream carries no audio.')).toEqual({
      summary: 'The stream carries no audio.',
      details: null,
    });
  });
});

describe('plainAppMessage', () => {
  it('tells the ffmpeg text quoted in a failed recording’s message in plain words', () => {
    const message =
      'No audio was received from http://127.0.0.1:18890/live during the whole window (4 attempts). Last error: ffmpeg ended (exit code 1): [tcp @ 0x55aa] Connection to tcp://127.0.0.1:18890 failed: Connection refused | http://127.0.0.1:18890/live: Connection refused. Check the stream URL and that the station is on air.';
    expect(plainAppMessage(message)).toEqual({
      summary:
        'No audio was received from http://127.0.0.1:18890/live during the whole window (4 attempts). Last error: Could not connect to 127.0.0.1:18890: connection refused. Check the stream URL and that the station is on air.',
      details: message,
    });
  });

  it('leaves a message without ffmpeg text as it is', () => {
    expect(plainAppMessage('Stopped early: stopped by request')).toEqual({
      summary: 'Stopped early: stopped by request',
      details: null,
    });
  });
});
