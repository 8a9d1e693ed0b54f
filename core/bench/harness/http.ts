// A small HTTP client over node:http that can pick its loopback source address.
import { request, type Agent } from 'node:http';

export interface HttpAnswer {
  status: number;
  text: string;
  json<T = unknown>(): T;
}

export interface HttpOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** The source address (e.g. 127.0.0.2): the server's per-address rate limit counts it apart. */
  localAddress?: string;
  agent?: Agent;
  timeoutMs?: number;
}

export function http(method: string, url: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = { ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers,
        localAddress: options.localAddress,
        agent: options.agent,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in time`)));
    req.on('error', reject);
    req.end(body);
  });
}
