import type { Socket } from 'node:net';
import { openIcyStream } from './icy-request';

/** Content types that are a stream's (playlist resolution and this check share the rule). */
export const AUDIO_TYPE = /^(audio\/|application\/ogg|video\/|application\/octet-stream)/i;

export interface StreamCheckOptions {
  timeoutMs: number;
  userAgent?: string;
  signal?: AbortSignal;
}

/** Resolves once the socket delivers a byte (true) or ends, fails or times out (false). */
function firstByte(socket: Socket, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onEnd);
      signal.removeEventListener('abort', onEnd);
      resolve(answer);
    };
    const onData = (chunk: Buffer) => done(chunk.length > 0);
    const onEnd = () => done(false);
    if (signal.aborted) return done(false);
    signal.addEventListener('abort', onEnd, { once: true });
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onEnd);
    socket.resume();
  });
}

/**
 * True when `url` answers like a stream, asked the way the native reader asks
 * (`openIcyStream`: its status-line rule accepts Shoutcast's `ICY 200 OK`, which fetch refuses;
 * at most MAX_REDIRECTS redirects, each through the URL policy): a 2xx with an audio content
 * type, a 2xx from an `.m3u8` URL, or any 2xx that starts sending bytes within `timeoutMs`. The
 * connection is closed right after; any failure is false.
 */
export async function icyStreamAnswers(url: string, o: StreamCheckOptions): Promise<boolean> {
  const signal = o.signal
    ? AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)])
    : AbortSignal.timeout(o.timeoutMs);
  const request: { signal: AbortSignal; timeoutMs: number; userAgent?: string } = {
    signal,
    timeoutMs: o.timeoutMs,
  };
  if (o.userAgent) request.userAgent = o.userAgent;
  let answer;
  try {
    answer = await openIcyStream(url, request);
  } catch {
    return false;
  }
  try {
    const { head, firstBytes } = answer;
    if (head.status < 200 || head.status > 299) return false;
    if (AUDIO_TYPE.test(head.headers.get('content-type') ?? '')) return true;
    if (/\.m3u8$/i.test(new URL(answer.url).pathname)) return true;
    return firstBytes.length > 0 || (await firstByte(answer.socket, signal));
  } finally {
    answer.socket.destroy();
  }
}
