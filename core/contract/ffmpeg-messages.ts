// ffmpeg's and ffprobe's error text in plain words: one table of the common failures, used by
// the UI wherever such text reaches a person (the raw lines stay behind "Details").

/** A failure of ffmpeg told in a short sentence, and the raw text it was read from. */
export interface PlainMessage {
  /** One short sentence ("Could not connect to 127.0.0.1:18890: connection refused."). */
  summary: string;
  /** The raw text, when the summary says it differently (null: the text was plain already). */
  details: string | null;
}

/** One row of the table: what ffmpeg's line looks like, and the sentence it becomes. */
interface Row {
  pattern: RegExp;
  say: (match: RegExpMatchArray, text: string) => string;
}

/** `host:port` of the first URL in `text` (`tcp://h:p`, `http://h/…`), or null. */
function serverOf(text: string): string | null {
  const m =
    /\b(?:tcp|tls|https?|rtmps?|rtsp|udp):\/\/(?:[^/@\s]*@)?(\[[^\]]+\]|[^/:\s|]+)(?::(\d+))?/i.exec(
      text,
    );
  if (!m) {
    // Node's socket errors (the native reader): "connect ECONNREFUSED 127.0.0.1:45463"
    const node = /\b(?:ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH) (\S+:\d+)/.exec(
      text,
    );
    return node ? node[1]! : null;
  }
  return m[2] ? `${m[1]}:${m[2]}` : m[1]!;
}

const at = (text: string) => {
  const server = serverOf(text);
  return server ? ` ${server}` : ' the server';
};

/**
 * The common failures, most specific first. Each row has a unit test
 * (core/contract/ffmpeg-messages.test.ts).
 */
export const FFMPEG_FAILURES: readonly Row[] = [
  {
    pattern: /Connection refused|ECONNREFUSED/i,
    say: (_m, t) => `Could not connect to${at(t)}: connection refused.`,
  },
  {
    pattern: /Connection timed out|Operation timed out|timed out|ETIMEDOUT/i,
    say: (_m, t) => `Could not connect to${at(t)}: it did not answer in time.`,
  },
  {
    pattern:
      /Failed to resolve hostname (\S+?):? (?:Name or service not known|Temporary failure in name resolution|No address associated)/i,
    say: (m) => `Could not find the server ${m[1]}: its name does not resolve (DNS).`,
  },
  {
    pattern: /Network is unreachable|No route to host|EHOSTUNREACH|ENETUNREACH/i,
    say: (_m, t) => `Could not reach${at(t)}: no network route to it.`,
  },
  {
    pattern: /Connection reset by peer|Broken pipe|ECONNRESET|EPIPE/i,
    say: (_m, t) =>
      `${at(t).trim() === 'the server' ? 'The server' : `The server${at(t)}`} dropped the connection.`,
  },
  {
    pattern: /(?:Server returned|HTTP error) (401|403)\b[^|\n]*/i,
    say: (m) => `The server refused access (HTTP ${m[1]}): the stream needs other credentials.`,
  },
  {
    pattern: /(?:Server returned|HTTP error) (404)\b[^|\n]*/i,
    say: () => 'The server has no stream at this address (HTTP 404 Not Found).',
  },
  {
    pattern: /(?:Server returned|HTTP error) (4\d\d|4XX)\b[^|\n]*/i,
    say: (m) => `The server refused the request (HTTP ${m[1]}).`,
  },
  {
    pattern: /(?:Server returned|HTTP error) (5\d\d|5XX)\b[^|\n]*/i,
    say: (m) => `The server had an error (HTTP ${m[1] === '5XX' ? '5xx' : m[1]}); try again later.`,
  },
  {
    pattern: /\[tls @|TLS|SSL|certificate|handshake/i,
    say: (_m, t) => `The secure connection (TLS) to${at(t)} failed.`,
  },
  {
    pattern:
      /Invalid data found when processing input|could not find codec parameters|misdetection possible|Failed to read frame/i,
    say: () => 'What the server sent is not audio that can be read.',
  },
  {
    pattern: /End of file/i,
    say: () => 'The server ended the stream (end of file).',
  },
  {
    pattern: /no audio arrived for a while \(stalled\)/i,
    say: () => 'The stream stopped sending audio (stalled).',
  },
  {
    pattern: /no audio arrived after connecting/i,
    say: () => 'The server answered but sent no audio.',
  },
];

/** ffmpeg's "[tcp @ 0x55…] " prefixes, which mean nothing to a person. */
const CONTEXT_PREFIX = /\[[a-z0-9_]+ @ 0x[0-9a-f]+\]\s*/gi;

/**
 * The sentence for ffmpeg's or ffprobe's text (raw stderr lines, or a message that quotes them):
 * the first row of FFMPEG_FAILURES that matches; text none matches keeps its words, without
 * ffmpeg's "[tcp @ 0x55…]" prefixes. Text without ffmpeg's marks is answered as it is.
 */
export function plainFfmpegMessage(raw: string): PlainMessage {
  const text = raw.trim();
  for (const row of FFMPEG_FAILURES) {
    const match = text.match(row.pattern);
    if (match) return { summary: row.say(match, text), details: text };
  }
  const cleaned = text.replace(CONTEXT_PREFIX, '');
  return { summary: cleaned, details: cleaned === text ? null : text };
}

/**
 * A message of the app that may quote ffmpeg ("No audio was received … Last error: ffmpeg ended
 * (exit code 1): [tcp @ …] …. Check the stream URL …"): the part that quotes it is told in plain
 * words, the app's own words stay; the raw message is the details.
 */
export function plainAppMessage(message: string): PlainMessage {
  const quoted = /(Last error: )(.*?)(\. Check the stream URL.*)?$/s.exec(message);
  if (quoted && quoted.index !== undefined) {
    const plain = plainFfmpegMessage(quoted[2]!);
    if (plain.details === null) return { summary: message, details: null };
    const head = message.slice(0, quoted.index);
    const tail = quoted[3] ? quoted[3].slice(2) : '';
    return {
      summary: `${head}${quoted[1]}${plain.summary}${tail ? ` ${tail}` : ''}`,
      details: message,
    };
  }
  return plainFfmpegMessage(message);
}
