import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { StartupError } from './startup-error';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * The certificate and key when TLS_CERT_FILE and TLS_KEY_FILE are set (HTTPS), else undefined
 * (HTTP). Only one of the two set, a file that cannot be read, or a pair that does not fit
 * together stops the start with a message naming the variable.
 */
export function readTlsFiles(
  files: { tlsCertFile?: string | undefined; tlsKeyFile?: string | undefined },
  read: (path: string) => Buffer = (path) => readFileSync(path),
): TlsFiles | undefined {
  const { tlsCertFile, tlsKeyFile } = files;
  if (!tlsCertFile && !tlsKeyFile) return undefined;
  if (!tlsCertFile || !tlsKeyFile) {
    const missing = tlsCertFile ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE';
    throw new StartupError(
      `Set both TLS_CERT_FILE and TLS_KEY_FILE to serve HTTPS (${missing} is not set).`,
    );
  }
  const load = (name: string, path: string) => {
    try {
      return read(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new StartupError(`${name} (${path}) cannot be read: ${reason}.`);
    }
  };
  const cert = load('TLS_CERT_FILE', tlsCertFile);
  const key = load('TLS_KEY_FILE', tlsKeyFile);
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new StartupError(
      `TLS_CERT_FILE (${tlsCertFile}) and TLS_KEY_FILE (${tlsKeyFile}) are not a usable PEM certificate and matching key: ${(error as Error).message}.`,
    );
  }
  return { cert, key };
}
