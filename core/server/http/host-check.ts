import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../contract';

/** The names a server listening on loopback answers to, besides ALLOWED_HOSTS. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** True for a listen address that only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackListenAddress(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * The names the server answers to, or null for any: when it listens on loopback only, a web page
 * of another site could reach it through a name of its own that resolves to 127.0.0.1 (DNS
 * rebinding); only the loopback names and `allowedHosts` are answered then. On other addresses
 * the server is meant to be reached by whatever name the network gives it.
 */
export function allowedHostNames(
  listenHost: string,
  allowedHosts: readonly string[],
): ReadonlySet<string> | null {
  if (!isLoopbackListenAddress(listenHost)) return null;
  return new Set([...LOOPBACK_HOST_NAMES, ...allowedHosts.map((h) => h.toLowerCase())]);
}

/** The host name of a Host header, lowercased, without its port (`[::1]` keeps its brackets). */
export function hostHeaderName(header: string | undefined): string | undefined {
  const value = header?.trim().toLowerCase();
  if (!value) return undefined;
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 0 ? value.slice(0, end + 1) : undefined;
  }
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/**
 * Refuses (421) a request whose Host header is not one of `allowed`, before anything else runs.
 * `allowed` null: every Host is taken.
 */
export function installHostCheck(app: FastifyInstance, allowed: ReadonlySet<string> | null): void {
  if (allowed === null) return;
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.host;
    const name = hostHeaderName(header);
    if (name !== undefined && allowed.has(name)) {
      done();
      return;
    }
    const shown = header === undefined ? 'no Host header' : `the host "${header.slice(0, 100)}"`;
    done(
      new AppError(
        'MISDIRECTED_REQUEST',
        `This server listens on this machine only and answers to ${[...allowed].join(', ')}; this request names ${shown}. To reach it by that name, add the name to ALLOWED_HOSTS.`,
      ),
    );
  });
}
