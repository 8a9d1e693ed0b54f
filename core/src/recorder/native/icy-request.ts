import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { assertNetworkUrl, MAX_REDIRECTS } from '../url-policy';
import { parseResponseHead, type ResponseHead } from './response-head';

/** An open answer: its head, the bytes of the body already read, and the socket for the rest. */
export interface IcyResponse {
  /** The URL that answered (after redirects). */
  url: string;
  head: ResponseHead;
  /** Body bytes that came with the head. */
  firstBytes: Buffer;
  socket: Socket;
}

export interface IcyRequestOptions {
  signal: AbortSignal;
  userAgent?: string;
  /** Time for the connection and the whole head to arrive, per request. */
  timeoutMs: number;
}

/**
 * Opens a stream with `Icy-MetaData: 1` over a plain socket (TLS for https) and reads the head
 * itself, so that Shoutcast's `ICY 200 OK` is accepted (Node's HTTP client refuses it). The
 * request is HTTP/1.0, so that no server answers with chunked encoding. Redirects are followed
 * (at most MAX_REDIRECTS), each target through the URL policy. The caller owns the socket of the
 * answer (destroy it when done); on any failure nothing stays open.
 */
export async function openIcyStream(url: string, o: IcyRequestOptions): Promise<IcyResponse> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const answer = await requestOnce(current, o);
    const location = answer.head.headers.get('location');
    if (answer.head.status < 300 || answer.head.status > 399 || !location) return answer;
    answer.socket.destroy();
    if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    current = assertNetworkUrl(new URL(location, current).href);
    if (!/^https?:/.test(current)) throw new Error('a redirect leads off HTTP');
  }
}

function requestText(target: URL, userAgent: string | undefined): string {
  const defaultPort = target.protocol === 'https:' ? '443' : '80';
  const host = target.port && target.port !== defaultPort ? target.host : target.hostname;
  const lines = [
    `GET ${target.pathname || '/'}${target.search} HTTP/1.0`,
    `Host: ${host}`,
    'Icy-MetaData: 1',
    'Accept: */*',
    `User-Agent: ${userAgent ?? 'AudioStreamRecorder'}`,
    'Connection: close',
  ];
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    lines.push(`Authorization: Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function requestOnce(url: string, o: IcyRequestOptions): Promise<IcyResponse> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const port = Number(target.port) || (secure ? 443 : 80);
  const hostname = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise<IcyResponse>((resolve, reject) => {
    const socket = secure
      ? tlsConnect({
          host: hostname,
          port,
          servername: hostname.includes(':') ? undefined : hostname,
        })
      : netConnect({ host: hostname, port });
    let received = Buffer.alloc(0);
    const fail = (err: Error) => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onAbort = () => fail(new Error('stopped'));
    const timer = setTimeout(() => fail(new Error('no answer in time')), o.timeoutMs);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      let head: ResponseHead | 'incomplete';
      try {
        head = parseResponseHead(received);
      } catch (err) {
        return fail(err as Error);
      }
      if (head === 'incomplete') return;
      cleanup();
      socket.pause();
      resolve({ url, head, firstBytes: received.subarray(head.bodyOffset), socket });
    };
    const onError = (err: Error) => fail(err);
    const onClose = () => fail(new Error('the server closed the connection before answering'));
    function cleanup() {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
    }
    if (o.signal.aborted) return fail(new Error('stopped'));
    o.signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.setNoDelay(true);
    socket.write(requestText(target, o.userAgent));
  });
}
