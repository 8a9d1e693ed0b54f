import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTlsFiles } from './tls';

const dir = mkdtempSync(join(tmpdir(), 'asr-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function selfSigned(name: string) {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'],
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

describe('readTlsFiles', () => {
  it('is HTTP (undefined) when neither variable is set', () => {
    expect(readTlsFiles({})).toBeUndefined();
  });

  it('reads a certificate and its key', () => {
    const { cert, key } = selfSigned('a');
    const tls = readTlsFiles({ tlsCertFile: cert, tlsKeyFile: key });
    expect(tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
  });

  it('names what is wrong: one variable missing, an unreadable file, a key of another cert', () => {
    const a = selfSigned('b');
    const b = selfSigned('c');
    expect(() => readTlsFiles({ tlsCertFile: a.cert })).toThrow(/TLS_KEY_FILE is not set/);
    expect(() => readTlsFiles({ tlsCertFile: '/nope.crt', tlsKeyFile: a.key })).toThrow(
      /TLS_CERT_FILE \(\/nope\.crt\) cannot be read: ENOENT/,
    );
    expect(() => readTlsFiles({ tlsCertFile: a.cert, tlsKeyFile: b.key })).toThrow(
      /not a usable PEM certificate and matching key/,
    );
  });
});
