/** The status line and headers of an HTTP or ICY answer. */
export interface ResponseHead {
  /** `HTTP/1.1`, `HTTP/1.0` or `ICY` (Shoutcast 1). */
  protocol: string;
  status: number;
  /** Header names in lower case; a repeated header keeps its first value. */
  headers: Map<string, string>;
  /** Where the body begins in the bytes read. */
  bodyOffset: number;
}

/** The most bytes a head may take; a larger one is not an audio stream we read. */
export const MAX_HEAD_BYTES = 16 * 1024;

const STATUS_LINE = /^(HTTP\/\d(?:\.\d)?|ICY) (\d{3})(?: .*)?$/;

/**
 * Reads the head of an answer from the bytes received so far: 'incomplete' until the blank line
 * that ends it (CRLF CRLF, or LF LF as some Shoutcast servers send) has arrived. Accepts
 * Shoutcast's `ICY 200 OK` status line, which Node's HTTP parser refuses. Throws on a head that
 * is not HTTP or too large.
 */
export function parseResponseHead(buf: Buffer): ResponseHead | 'incomplete' {
  const end = headEnd(buf);
  if (end === undefined) {
    if (buf.length > MAX_HEAD_BYTES) throw new Error('the answer has no end of headers');
    if (buf.length >= 4 && !/^(HTTP|ICY)/.test(buf.subarray(0, 4).toString('latin1'))) {
      throw new Error('the answer is not HTTP');
    }
    return 'incomplete';
  }
  const lines = buf.subarray(0, end.at).toString('latin1').split(/\r?\n/);
  const m = STATUS_LINE.exec(lines[0]!.trim());
  if (!m) throw new Error('the answer is not HTTP');
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { protocol: m[1]!, status: Number(m[2]), headers, bodyOffset: end.at + end.length };
}

function headEnd(buf: Buffer): { at: number; length: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf >= 0) return { at: lf, length: 2 };
  return undefined;
}
