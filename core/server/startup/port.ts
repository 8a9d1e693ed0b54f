import { createServer } from 'node:net';
import { StartupError } from './startup-error';

/** The operator's sentence for a failure to listen on host:port. */
export function listenFailure(error: unknown, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new StartupError(
      `Port ${port} on ${host} is already in use: another Audio Stream Recorder (or another program) is listening there. Stop it, or set WEB_PORT to a free port.`,
    );
  }
  if (code === 'EACCES') {
    return new StartupError(
      `Port ${port} on ${host} needs more privileges: set WEB_PORT to a port above 1023.`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new StartupError(
      `HOST ${host} is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its addresses.`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

export interface PortReservation {
  release(): Promise<void>;
}

/**
 * Holds host:port while the engine starts, so that a second instance fails here, before it
 * touches the data folder (its crash recovery would take the first instance's recordings for
 * orphans). Released just before the HTTP server listens.
 */
export function reservePort(host: string, port: number): Promise<PortReservation> {
  return new Promise((resolve, reject) => {
    // a client that connects meanwhile (a health check) is refused at once, not left hanging
    const holder = createServer((socket) => socket.destroy());
    holder.once('error', (error) => reject(listenFailure(error, host, port)));
    holder.listen({ host, port, exclusive: true }, () => {
      resolve({
        release: () => new Promise<void>((done) => holder.close(() => done())),
      });
    });
  });
}
