import { createServer, connect, type Server } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: binds port 0, reads the port the kernel
 * chose, closes. Use it immediately (there is an unavoidable small race with other processes).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('freePort: no TCP address'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/**
 * Starts `server` (HTTP, SMTP's, any node:net server) listening on 127.0.0.1 at `port` (0: one
 * the kernel picks); answers the port it got. Rejects when it cannot listen.
 */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** True when a TCP connection to 127.0.0.1:`port` is refused (nothing listens there). */
export function isPortClosed(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (closed: boolean) => {
      socket.destroy();
      resolve(closed);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(false));
    socket.once('error', () => done(true));
  });
}

let closedPort: number | undefined;

/**
 * An `http://127.0.0.1:<port>/<path>` URL on which nothing listens, so a connection is refused at
 * once. The port is a privileged one (below 1024) checked to be closed: the kernel never hands
 * those out for port 0, so no test server started later can take it.
 */
export async function closedPortUrl(path = '/stream.mp3'): Promise<string> {
  if (closedPort === undefined) {
    for (let port = 1; port < 1024 && closedPort === undefined; port++) {
      if (await isPortClosed(port)) closedPort = port;
    }
    if (closedPort === undefined) throw new Error('closedPortUrl: every port below 1024 answers');
  }
  return `http://127.0.0.1:${closedPort}${path.startsWith('/') ? path : `/${path}`}`;
}
